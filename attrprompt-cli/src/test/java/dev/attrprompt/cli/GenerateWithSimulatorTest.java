package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate against the in-process simulator with every fault switched on. */
class GenerateWithSimulatorTest {
  static final String KEY = "canary-test-key-0123456789abcdefXYZ";
  @TempDir Path tmp;

  static CliTest.Result generate(Map<String, String> env, String... args) {
    GenerateCommand command = new GenerateCommand();
    command.env = env;
    return CliTest.execute(command, args);
  }

  @Test
  void everyFaultEndsInExactlyNAcceptedPerLabelAndNoKeyInTheRun() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    SimulatorConfig config = SimulatorConfig.builder().port(0).key(KEY).seed(3)
        .fault429(0.05).fault500(0.03).fault503(0.03).faultTimeout(0.02).faultReset(0.02)
        .faultMalformed(0.02).faultTruncate(0.05).faultRefusal(0.05).hangMs(5_000).build();
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(config)) {
      CliTest.Result r = generate(Map.of("OPENAI_API_KEY", KEY), task.toString(), "--per-class", "12",
          "--out", run.toString(), "--base-url", sim.baseUrl().toString(), "--timeout", "2", "--concurrency", "8");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(sim.stats().requests()).isGreaterThan(60);
    }
    JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
    status.get("labels").forEach(l -> assertThat(l.get("accepted").asInt()).isEqualTo(12));
    JsonNode totals = status.get("totals");
    assertThat(totals.get("accepted").asLong()).isEqualTo(60);
    assertThat(totals.get("accepted").asLong() + totals.get("rejected").asLong() + totals.get("failed").asLong()
        + totals.get("pending").asLong()).isEqualTo(totals.get("requests").asLong());
    assertThat(totals.get("simulated").asBoolean()).isTrue();

    Path export = tmp.resolve("export");
    assertThat(CliTest.run("export", run.toString(), "--out", export.toString()).code()).isZero();
    List<String> texts = Files.readAllLines(export.resolve("data.jsonl")).stream()
        .map(l -> CliTest.parse(l).get("text").asText()).toList();
    assertThat(texts).hasSize(60).doesNotHaveDuplicates();
    assertThat(Files.readString(export.resolve("README.md"))).contains("SIMULATED DATA");

    try (Stream<Path> files = Files.walk(run)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
      }
    }
  }

  @Test
  void aSecondRunOnTheSameFolderMakesNoRequests() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).build())) {
      String[] args = {task.toString(), "--per-class", "4", "--out", run.toString(), "--base-url", sim.baseUrl().toString()};
      assertThat(generate(Map.of("OPENAI_API_KEY", "k"), args).code()).isZero();
      long first = sim.stats().requests();
      assertThat(generate(Map.of("OPENAI_API_KEY", "k"), args).code()).isZero();
      assertThat(sim.stats().requests()).isEqualTo(first);
      CliTest.Result other = generate(Map.of("OPENAI_API_KEY", "k"), task.toString(), "--per-class", "4", "--seed", "99",
          "--out", run.toString(), "--base-url", sim.baseUrl().toString());
      assertThat(other.code()).isEqualTo(2);
      assertThat(other.err()).contains("--seed was 7 when the run began, not 99");
    }
  }
}
