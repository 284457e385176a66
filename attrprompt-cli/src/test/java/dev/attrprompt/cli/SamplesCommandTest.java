package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attrprompt samples}: list, show, a person's rejection and restore, with resumes against the simulator. */
class SamplesCommandTest {
  static final String KEY = "sim-key";
  @TempDir Path tmp;

  private static CliTest.Result generate(Path task, Path run, Simulator sim) {
    return GenerateWithSimulatorTest.generate(Map.of("OPENAI_API_KEY", KEY), task.toString(), "--per-class", "4",
        "--out", run.toString(), "--base-url", sim.baseUrl().toString(), "--seed", "7");
  }

  private static JsonNode json(String... args) {
    CliTest.Result r = CliTest.run(args);
    assertThat(r.code()).as(r.err()).isZero();
    return CliTest.parse(r.out());
  }

  @Test
  void aPersonRejectsASampleTheResumeBuysOnlyItsReplacementAndRestoringPutsItBack() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).key(KEY).seed(5).build())) {
      assertThat(generate(task, run, sim).code()).isZero();
      String dir = run.toString();

      JsonNode accepted = json("samples", dir, "--verdict", "accepted", "--json", "--limit", "500");
      assertThat(accepted.get("total").asInt()).isEqualTo(20);
      JsonNode billing = json("samples", dir, "--label", "billing", "--verdict", "accepted", "--json");
      assertThat(billing.get("total").asInt()).isEqualTo(4);
      billing.get("samples").forEach(s -> assertThat(s.get("label").asText()).isEqualTo("billing"));
      JsonNode first = billing.get("samples").get(0);
      String id = first.get("id").asText();
      String dimension = first.get("attributes").fieldNames().next();
      String value = first.get("attributes").get(dimension).asText();
      JsonNode byValue = json("samples", dir, "--value", dimension + "=" + value, "--json", "--limit", "500");
      assertThat(byValue.get("samples")).allSatisfy(s -> assertThat(s.get("attributes").get(dimension).asText())
          .isEqualTo(value));
      String word = first.get("text").asText().split("\\s+")[2];
      JsonNode found = json("samples", dir, "--search", word, "--json", "--limit", "500");
      assertThat(found.get("samples")).extracting(s -> s.get("id").asText()).contains(id);

      CliTest.Result list = CliTest.run("samples", dir, "--label", "billing", "--limit", "2");
      assertThat(list.out()).startsWith("id ").contains(id).contains("1-2 of ").contains("next page: --offset 2")
          .contains("(simulated responses)");

      CliTest.Result reject = CliTest.run("samples", dir, "--reject", id, "--reason", "reads like spam");
      assertThat(reject.code()).as(reject.err()).isZero();
      assertThat(reject.out().strip()).isEqualTo("rejected " + id + " (person: reads like spam); resuming the run "
          + "buys only the shortfall");
      JsonNode status = json("status", dir, "--json");
      assertThat(status.get("labels").get("billing").get("accepted").asInt()).isEqualTo(3);
      assertThat(status.get("labels").get("billing").get("rejected_by_reason").get("person: reads like spam").asInt())
          .isEqualTo(1);
      long responses = status.get("totals").get("responses").asLong();
      long asked = sim.stats().requests();

      assertThat(generate(task, run, sim).code()).isZero();
      long bought = sim.stats().requests() - asked;
      JsonNode after = json("status", dir, "--json");
      assertThat(after.get("labels").get("billing").get("accepted").asInt()).isEqualTo(4);
      after.get("labels").forEach(l -> assertThat(l.get("accepted").asInt()).isEqualTo(4));
      assertThat(bought).as("only billing's shortfall is bought").isBetween(1L, 3L);
      assertThat(after.get("totals").get("responses").asLong()).isEqualTo(responses + bought);
      assertThat(json("samples", dir, "--verdict", "person-rejected", "--json").get("samples"))
          .extracting(s -> s.get("id").asText()).containsExactly(id);

      Path export = tmp.resolve("export");
      assertThat(CliTest.run("export", dir, "--out", export.toString()).code()).isZero();
      List<String> lines = Files.readAllLines(export.resolve("data.jsonl"));
      assertThat(lines).hasSize(20).noneMatch(l -> CliTest.parse(l).get("id").asText().equals(id));
      assertThat(Files.readString(export.resolve("README.md"))).contains("1 samples rejected by a person")
          .contains("- reads like spam: 1");

      CliTest.Result restore = CliTest.run("samples", dir, "--restore", id);
      assertThat(restore.code()).as(restore.err()).isZero();
      assertThat(restore.out().strip()).isEqualTo("restored " + id + ": now accepted");
      JsonNode restored = json("status", dir, "--json");
      assertThat(restored.get("labels").get("billing").get("accepted").asInt()).isEqualTo(4);
      assertThat(restored.get("labels").get("billing").get("rejected_by_reason").get("over_quota").asInt()).isEqualTo(1);
      long before = sim.stats().requests();
      assertThat(generate(task, run, sim).code()).isZero();
      assertThat(sim.stats().requests()).as("nothing bought after a restore").isEqualTo(before);

      JsonNode shown = json("samples", dir, "--show", id, "--json");
      assertThat(shown.get("verdict").asText()).isEqualTo("accepted");
      assertThat(shown.get("prompt").asText()).isNotBlank();
      assertThat(shown.get("answer").get("content").asText()).isNotBlank();
      assertThat(shown.get("person_verdicts")).extracting(v -> v.get("verdict").asText())
          .containsExactly("rejected", "restored");
      CliTest.Result text = CliTest.run("samples", dir, "--show", id);
      assertThat(text.out()).contains("id:         " + id).contains("simulated:  yes").contains("--- prompt\n").contains("--- answer (")
          .contains("person:     ").contains(" rejected: reads like spam");
    }
  }

  @Test
  void mistakesAreOneLineWithExitCode2AndModelTextCannotDriveTheTerminal() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).key(KEY).seed(5).build())) {
      assertThat(generate(task, run, sim).code()).isZero();
    }
    String dir = run.toString();
    String id = json("samples", dir, "--verdict", "accepted", "--json").get("samples").get(0).get("id").asText();
    Map<List<String>, String> mistakes = Map.of(
        List.of("--reject", id), "error: --reject needs --reason R",
        List.of("--reject", "nope", "--reason", "x"), "error: " + dir + ": no sample 'nope' in this run",
        List.of("--restore", id), "error: " + dir + ": sample '" + id + "' was not rejected by a person",
        List.of("--verdict", "good"), "error: a verdict is one of accepted, rejected, person-rejected, failed, pending",
        List.of("--value", "style"), "error: an attribute value is DIMENSION=VALUE",
        List.of("--show", id, "--restore", id), "error: give one of --show, --reject and --restore at a time",
        List.of("--show", "nope"), "error: " + dir + ": no sample 'nope' in this run",
        List.of("--limit", "0"), "error: a page holds 1 to 500 samples, not 0");
    mistakes.forEach((args, message) -> {
      String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("samples", dir), args.stream())
          .toArray(String[]::new);
      CliTest.Result r = CliTest.run(all);
      assertThat(r.code()).as(args.toString()).isEqualTo(2);
      assertThat(r.err().lines()).as(args.toString()).hasSize(1);
      assertThat(r.err()).as(args.toString()).startsWith(message);
    });
    assertThat(json("status", dir, "--json").get("totals").get("accepted").asInt()).isEqualTo(20);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + run.resolve("run.sqlite"));
        PreparedStatement p = c.prepareStatement("UPDATE requests SET text = ? WHERE id = ?")) {
      p.setString(1, "clear\u001b[2J\u001b]0;owned\u0007 screen\rline");
      p.setString(2, id);
      assertThat(p.executeUpdate()).isEqualTo(1);
    }
    CliTest.Result list = CliTest.run("samples", dir, "--search", "clear");
    assertThat(list.out()).contains(id).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
  }
}
