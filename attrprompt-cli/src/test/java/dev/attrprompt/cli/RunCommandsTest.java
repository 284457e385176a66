package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.post.Screening;
import dev.attrprompt.run.Answerer;
import dev.attrprompt.run.Generator;
import dev.attrprompt.run.Manifest;
import dev.attrprompt.run.Response;
import dev.attrprompt.run.RunSpec;
import dev.attrprompt.run.RunStore;
import dev.attrprompt.run.StoredRequest;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status and export on a run made with a scripted answerer (every 4th answer is a refusal). */
class RunCommandsTest {
  @TempDir Path tmp;
  Path run;

  @BeforeEach
  void makeRun() throws IOException {
    Task task = Task.load(BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task")));
    RunSpec spec = new RunSpec(new PlanOptions(Method.ATTRPROMPT, 8, 3, SamplingMode.UNIFORM), Screening.Rules.DEFAULTS, 6);
    run = tmp.resolve("run");
    Answerer scripted = (List<StoredRequest> requests, RunStore store) -> {
      for (StoredRequest r : requests) {
        String content = r.seed() % 4 == 0 ? "I'm sorry, but I can't help with that."
            : "Message " + r.id() + " about " + r.attributes().get("subtopic") + " from " + r.attributes().get("location") + ".";
        store.recordResponse(r.id(), new Response("{\"system_fingerprint\":\"scripted\"}", content, "stop", "scripted", 40, 30, 0.0001, false));
      }
      return new Answerer.End.Completed();
    };
    try (RunStore store = RunStore.open(run)) {
      store.writeManifest(Manifest.create(task, spec.plan(), spec.rules(), spec.maxRounds(),
          new Manifest.Parameters("scripted", 1.0, 1.0, 100), java.util.Optional.empty(), java.util.Optional.empty(),
          java.util.OptionalDouble.empty(), "test").toJson());
      assertThat(new Generator(task, spec, store).run(scripted).complete()).isTrue();
    }
  }

  @Test
  void statusJsonCountsAddUp() {
    CliTest.Result r = CliTest.run("status", run.toString(), "--json");
    assertThat(r.code()).isZero();
    JsonNode s = CliTest.parse(r.out());
    JsonNode totals = s.get("totals");
    assertThat(s.get("labels").size()).isEqualTo(5);
    assertThat(totals.get("accepted").asLong()).isEqualTo(40);
    assertThat(totals.get("accepted").asLong() + totals.get("rejected").asLong() + totals.get("failed").asLong()
        + totals.get("pending").asLong()).isEqualTo(totals.get("requests").asLong());
    assertThat(totals.get("responses").asLong()).isEqualTo(totals.get("requests").asLong());
    assertThat(totals.get("input_tokens").asLong()).isEqualTo(40 * totals.get("requests").asLong());
    s.get("labels").forEach(l -> {
      assertThat(l.get("accepted").asInt()).isEqualTo(8);
      assertThat(l.get("rejected").asInt()).isEqualTo(l.get("rejected_by_reason").path("refusal").asInt(0));
    });
  }

  @Test
  void exportWritesSortedJsonlAndACard() throws IOException {
    Path out = tmp.resolve("export");
    CliTest.Result r = CliTest.run("export", run.toString(), "--format", "jsonl", "--out", out.toString(),
        "--split", "train=0.5,validation=0.5", "--stratify");
    assertThat(r.code()).isZero();
    List<String> train = Files.readAllLines(out.resolve("train.jsonl"));
    List<String> validation = Files.readAllLines(out.resolve("validation.jsonl"));
    assertThat(train).hasSize(20);
    assertThat(validation).hasSize(20);
    assertThat(train.stream().map(l -> CliTest.parse(l).get("id").asText()).toList()).isSorted();
    assertThat(Files.readString(out.resolve("README.md"))).contains("size_categories:\n  - n<1K");
  }

  @Test
  void analyzeReadsARunFolder() {
    CliTest.Result r = CliTest.run("analyze", run.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode a = CliTest.parse(r.out());
    assertThat(a.get("size").asInt()).isEqualTo(40);
    assertThat(a.get("labels").size()).isEqualTo(5);
    JsonNode attributes = a.get("attributes");
    assertThat(attributes.get("samples_with_attributes").asInt()).isEqualTo(40);
    assertThat(attributes.get("coverage").get("location").get("values").asInt()).isBetween(2, 10);
    // the scripted answers name the requested location but are far shorter than the requested length
    assertThat(attributes.get("adherence").get("location_mentioned").asDouble()).isEqualTo(1.0);
    assertThat(attributes.get("adherence").get("length_in_range").asDouble()).isEqualTo(0.0);
  }

  @Test
  void aFolderThatIsNoRunIsOneLineExit2() {
    CliTest.Result r = CliTest.run("status", tmp.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: " + tmp + ": not a run folder (no run.sqlite)");
    assertThat(tmp.resolve("run.sqlite")).doesNotExist();
  }
}
