package dev.attrprompt.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {
  @TempDir Path tmp;
  Task task;
  RunSpec spec;

  @BeforeEach
  void run() throws IOException {
    task = Task.load(TestTasks.write(tmp.resolve("task")));
    spec = new RunSpec(new PlanOptions(Method.ATTRPROMPT, 20, 5, SamplingMode.UNIFORM), Screening.Rules.DEFAULTS, 6);
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      Manifest.writeOrCheck(store, Manifest.of(task, spec, Map.of("model", "fake"), "test"));
      new Generator(task, spec, store).run(new GeneratorTest.FakeAnswerer(Integer.MAX_VALUE));
    }
  }

  @Test
  void jsonlExportIsOrderedByIdWithProvenanceAndACard() throws IOException {
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      Exporter.export(store, tmp.resolve("out"), new Exporter.Options(Exporter.Format.JSONL, Map.of(), false));
    }
    List<String> lines = Files.readAllLines(tmp.resolve("out/data.jsonl"));
    assertThat(lines).hasSize(60);
    List<JsonNode> rows = lines.stream().map(l -> {
      try {
        return Jsons.MAPPER.readTree(l);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }).toList();
    assertThat(rows).extracting(r -> r.get("id").asText()).isSorted().doesNotHaveDuplicates();
    assertThat(rows.get(0).fieldNames()).toIterable().containsExactly("id", "text", "label", "attributes", "provenance");
    assertThat(rows).extracting(r -> r.get("text").asText()).doesNotHaveDuplicates();
    String card = Files.readString(tmp.resolve("out/README.md"));
    assertThat(card).startsWith("---\nlicense: other").contains("task_categories:\n  - text-classification")
        .contains("| method | attrprompt |").contains("| world | 20 |").contains("refusal").contains("2306.15895");
  }

  @Test
  void stratifiedSplitsAreDeterministicAndCoverEverySample() throws IOException {
    Exporter.Options options = new Exporter.Options(Exporter.Format.CSV, Exporter.parseSplit("train=0.75,validation=0.25"), true);
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      Exporter.export(store, tmp.resolve("a"), options);
      Exporter.export(store, tmp.resolve("b"), options);
    }
    assertThat(Files.readString(tmp.resolve("a/train.csv"))).isEqualTo(Files.readString(tmp.resolve("b/train.csv")));
    List<String> train = Files.readAllLines(tmp.resolve("a/train.csv"));
    List<String> validation = Files.readAllLines(tmp.resolve("a/validation.csv"));
    assertThat(train.get(0)).isEqualTo("id,text,label,attributes,run");
    assertThat(train).hasSize(1 + 45);
    assertThat(validation).hasSize(1 + 15);
    assertThat(validation.stream().skip(1).filter(l -> l.contains(",\"world\",")).count()).isEqualTo(5);
  }

  @Test
  void badSplitsAndExistingFoldersAreUserErrors() throws IOException {
    assertThatThrownBy(() -> Exporter.parseSplit("train=0.9,validation=0.2")).isInstanceOf(UserError.class)
        .hasMessageContaining("add up to 1");
    Files.createDirectories(tmp.resolve("taken"));
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      assertThatThrownBy(() -> Exporter.export(store, tmp.resolve("taken"),
          new Exporter.Options(Exporter.Format.JSONL, Map.of(), false))).isInstanceOf(UserError.class)
          .hasMessageContaining("already exists");
    }
  }

  @Test
  void aResumedRunWithOtherOptionsIsRefused() {
    RunSpec other = new RunSpec(new PlanOptions(Method.ATTRPROMPT, 20, 6, SamplingMode.UNIFORM), Screening.Rules.DEFAULTS, 6);
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      assertThatThrownBy(() -> Manifest.writeOrCheck(store, Manifest.of(task, other, Map.of(), "test")))
          .isInstanceOf(UserError.class).hasMessageContaining("this run was made with seed = 5, not 6");
    }
  }
}
