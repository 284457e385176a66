package dev.attrprompt.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.TestTasks;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.post.Screening;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Task text reaches the dataset card escaped: it adds no front-matter key, table column or fence end. */
class DatasetCardEscapingTest {
  @TempDir Path tmp;

  static final String NAME = "tickets\nlicense: mit\nextra_key: injected";
  static final String TEMPLATE = "Write one {{domain}} about \"{{label}}\".\n```\nReply with ``` and ````.\n```";

  private String card() throws IOException {
    String taskYaml = "name: \"tickets\\nlicense: mit\\nextra_key: injected\"\ndomain: news article\n"
        + "labels:\n  - 'a|b'\n  - world\n"
        + "templates:\n  simprompt: |\n" + TEMPLATE.indent(4);
    Path dir = tmp.resolve("task");
    Files.createDirectories(dir);
    TestTasks.put(dir, "task.yaml", taskYaml);
    Task task = Task.load(dir);
    assertThat(task.name()).isEqualTo(NAME);
    RunSpec spec = new RunSpec(new PlanOptions(Method.SIMPROMPT, 3, 5, SamplingMode.UNIFORM), Screening.Rules.DEFAULTS, 6);
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      Manifest manifest = Manifest.create(task, spec.plan(), spec.rules(), spec.maxRounds(),
          new Manifest.Parameters("m|odel", 1.0, 1.0, 100), Optional.empty(), Optional.empty(), OptionalDouble.empty(), "test");
      store.writeManifest(manifest.toJson());
      new Generator(task, spec, store).run(new GeneratorTest.FakeAnswerer(Integer.MAX_VALUE));
      Exporter.export(store, manifest, tmp.resolve("out"), new Exporter.Options(Exporter.Format.JSONL, Map.of(), false));
    }
    return Files.readString(tmp.resolve("out/README.md"));
  }

  @Test
  void aNameWithLineBreaksStaysOneQuotedFrontMatterValue() throws IOException {
    String card = card();
    String front = card.substring(4, card.indexOf("\n---\n", 4));
    Map<String, Object> keys = new Yaml().load(front);
    assertThat(keys).containsOnlyKeys("license", "task_categories", "size_categories", "tags", "pretty_name", "configs");
    assertThat(keys.get("pretty_name")).isEqualTo(NAME);
    assertThat(keys.get("license")).isEqualTo("other");
    assertThat(card).contains("\n# tickets license: mit extra_key: injected — synthetic");
  }

  @Test
  void aPipeInALabelOrSettingDoesNotAddATableColumn() throws IOException {
    String card = card();
    assertThat(card).contains("\n| a\\|b | 3 | 0 | 0 |\n").contains("\n| model | m\\|odel |\n");
    for (String row : card.lines().filter(l -> l.startsWith("| ")).toList()) {
      long columns = row.replace("\\|", "").chars().filter(c -> c == '|').count() - 1;
      assertThat(columns).as(row).isIn(2L, 4L);
    }
  }

  @Test
  void aTemplateWithFencesStaysInsideOneCodeBlock() throws IOException {
    String card = card();
    String section = card.substring(card.indexOf("## Prompt templates"), card.indexOf("The task and attribute files"));
    List<String> lines = section.lines().toList();
    assertThat(lines.get(2)).isEqualTo("`````mustache");
    assertThat(section).contains("`````mustache\n" + TEMPLATE + "\n`````\n");
  }

  @Test
  void escapingHelpersCoverTheRestOfTheCharacters() {
    assertThat(CardText.yaml("train")).isEqualTo("train");
    assertThat(CardText.yaml("train.*")).isEqualTo("train.*");
    assertThat(CardText.yaml("yes")).isEqualTo("\"yes\"");
    assertThat(CardText.yaml("a: \"b\"\\\u0007")).isEqualTo("\"a: \\\"b\\\"\\\\\\u0007\"");
    assertThat(CardText.cell("x\\|y <b>")).isEqualTo("x\\\\\\|y &lt;b&gt;");
    assertThat(CardText.fenced("", "no ticks")).isEqualTo("```\nno ticks\n```\n");
  }
}
