package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run made from a blank {@code init} task (labels, no attribute dimensions: its attribute
 * folder holds only a README) with {@code --method simprompt} can be checked by the LLM judge,
 * online and through the Batch API: the run's task snapshot rebuilds the empty attribute folder.
 */
class CheckBlankTaskWithSimulatorTest {
  @TempDir Path tmp;

  private Path blankRun(Simulator sim, String attributesKey) throws Exception {
    Path task = tmp.resolve("task");
    CliTest.Result init = CliTest.run("init", task.toString(), "--labels", "sports,politics,science",
        "--domain", "news article");
    assertThat(init.code()).as(init.err()).isZero();
    if (!attributesKey.equals("attributes")) { // a task that names its own (empty) attribute folder
      Path yaml = task.resolve("task.yaml");
      Files.writeString(yaml, Files.readString(yaml).replace("attributes: attributes", "attributes: " + attributesKey));
      Files.createDirectories(task.resolve(attributesKey));
    }
    try (var files = Files.walk(task)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .as("no attribute files").allMatch(n -> n.equals("task.yaml") || n.equals("README.md"));
    }
    Path run = tmp.resolve("run");
    CliTest.Result g = GenerateWithSimulatorTest.generate(Map.of("OPENAI_API_KEY", "k"), task.toString(),
        "--method", "simprompt", "--per-class", "4", "--out", run.toString(), "--base-url", sim.baseUrl().toString());
    assertThat(g.code()).as(g.out() + g.err()).isZero();
    return run;
  }

  @Test
  void theLlmJudgeChecksARunOfABlankTaskOnline() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(3).build())) {
      Path run = blankRun(sim, "attributes");
      CliTest.Result r = CheckBatchWithSimulatorTest.check(tmp.resolve("cache"),
          run.toString(), "--judge", "llm", "--base-url", sim.baseUrl().toString(), "--json");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      JsonNode j = CliTest.parse(r.out());
      assertThat(j.get("size").asInt()).isEqualTo(12);
      assertThat(j.get("requests").asInt()).isEqualTo(12);
      assertThat(j.get("flagged")).isEmpty(); // the simulator wrote every text about its own label
    }
  }

  @Test
  void theLlmJudgeChecksARunOfABlankTaskWithItsOwnAttributeFolderNameThroughTheBatchApi() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(3).batchDelayMs(100).build())) {
      Path run = blankRun(sim, "dimensions");
      CliTest.Result r = CheckBatchWithSimulatorTest.check(tmp.resolve("cache"),
          run.toString(), "--judge", "llm", "--batch", "--poll-seconds", "1", "--base-url", sim.baseUrl().toString(),
          "--json");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      JsonNode j = CliTest.parse(r.out());
      assertThat(j.get("size").asInt()).isEqualTo(12);
      assertThat(j.get("batches")).hasSize(1);
      assertThat(j.get("flagged")).isEmpty();
    }
  }
}
