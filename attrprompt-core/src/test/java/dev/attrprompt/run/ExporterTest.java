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
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {
  @TempDir Path tmp;
  Task task;
  RunSpec spec;
  Manifest manifest;

  @BeforeEach
  void run() throws IOException {
    task = Task.load(TestTasks.write(tmp.resolve("task")));
    spec = new RunSpec(new PlanOptions(Method.ATTRPROMPT, 20, 5, SamplingMode.UNIFORM), Screening.Rules.DEFAULTS, 6);
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      manifest = Manifest.create(task, spec.plan(), spec.rules(), spec.maxRounds(),
          new Manifest.Parameters("fake", 1.0, 1.0, 100), Optional.empty(), Optional.empty(), OptionalDouble.empty(), "test");
      store.writeManifest(manifest.toJson());
      new Generator(task, spec, store).run(new GeneratorTest.FakeAnswerer(Integer.MAX_VALUE));
    }
  }

  @Test
  void jsonlExportIsOrderedByIdWithProvenanceAndACard() throws IOException {
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      Exporter.export(store, manifest, tmp.resolve("out"), new Exporter.Options(Exporter.Format.JSONL, Map.of(), false));
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
      Exporter.export(store, manifest, tmp.resolve("a"), options);
      Exporter.export(store, manifest, tmp.resolve("b"), options);
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
      assertThatThrownBy(() -> Exporter.export(store, manifest, tmp.resolve("taken"),
          new Exporter.Options(Exporter.Format.JSONL, Map.of(), false))).isInstanceOf(UserError.class)
          .hasMessageContaining("already exists");
    }
  }

  @Test
  void theManifestReadsBackAsWrittenAndKeepsItsRunIdThroughChanges() {
    Manifest back = Manifest.read(manifest.toJson(), tmp);
    assertThat(back).isEqualTo(manifest);
    Manifest changed = manifest.withRules(new Screening.Rules(9, 2000, 0.8), "2026-12-01T00:00:00Z")
        .withBudget(OptionalDouble.of(2), "2026-12-01T00:00:01Z");
    assertThat(changed.runId()).isEqualTo(manifest.runId());
    assertThat(Manifest.read(changed.toJson(), tmp).changes()).extracting(Manifest.Change::option)
        .containsExactly("min_words", "budget_usd");
  }

  @Test
  void aManifestOfTheEarlierShapeStillOpensWithTheRunIdItHad() {
    String old = "{\"tool\":\"attrprompt 0.1\",\"task\":\"t\",\"task_sha256\":\"abc\",\"method\":\"simprompt\","
        + "\"per_class\":3,\"seed\":7,\"mode\":\"uniform\",\"multi_label\":false,\"generation\":{\"model\":"
        + "\"gpt-4o-mini\",\"endpoint\":\"http://127.0.0.1:9/v1\",\"temperature\":1.0,\"top_p\":1.0,\"max_tokens\":"
        + "300},\"screening\":{\"min_words\":5,\"max_words\":2000,\"near_duplicate\":0.8},\"max_rounds\":6,"
        + "\"templates\":{\"simprompt\":\"a\",\"attrprompt\":\"b\"},\"files\":{\"task.yaml\":\"x\"}}";
    Manifest m = Manifest.read(old, tmp);
    assertThat(m.runId()).isEqualTo(dev.attrprompt.Hashing.sha256(old).substring(0, 16));
    assertThat(m.plan().perClass()).isEqualTo(3);
    assertThat(m.generation().maxTokens()).isEqualTo(300);
    assertThat(m.endpoint()).isEqualTo("http://127.0.0.1:9/v1");
    assertThat(m.price()).isPresent();
  }

  @Test
  void aResumedRunWithOtherOptionsIsRefused() {
    Manifest other = Manifest.create(task, new PlanOptions(Method.ATTRPROMPT, 20, 6, SamplingMode.UNIFORM),
        spec.rules(), spec.maxRounds(), new Manifest.Parameters("fake", 1.0, 1.0, 100), Optional.empty(),
        Optional.empty(), OptionalDouble.empty(), "test");
    assertThat(manifest.differences(other, false)).extracting(Manifest.Difference::describe)
        .containsExactly("--seed was 5 when the run began, not 6");
  }
}
