package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.run.RequestRecord;
import dev.attrprompt.run.RunStore;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --fidelity}: label fidelity as a screening rule, end to end on the simulator
 * with a share of its answers written about another label ({@code --fault-off-label}).
 */
class GenerateFidelityWithSimulatorTest {
  private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "k");
  @TempDir Path tmp;

  /** Every answer the other rules accepted, and which of them the judge rejected. */
  private record Screened(Set<String> candidates, Set<String> offLabel, Set<String> trulyOff) {}

  /** An answer written about another label lacks the subtopic its prompt asked for. */
  private static Screened screened(Path run) {
    Set<String> candidates = new HashSet<>();
    Set<String> rejected = new HashSet<>();
    Set<String> trulyOff = new HashSet<>();
    try (RunStore store = RunStore.openExisting(run)) {
      for (RequestRecord r : store.requestRecords()) {
        boolean candidate = r.status() == RunStore.Status.ACCEPTED
            || r.status() == RunStore.Status.REJECTED && r.reason().orElse("").equals("off_label");
        if (!candidate) {
          continue;
        }
        candidates.add(r.id());
        if (r.status() == RunStore.Status.REJECTED) {
          rejected.add(r.id());
        }
        if (!r.text().orElseThrow().contains(r.attributes().get("subtopic"))) {
          trulyOff.add(r.id());
        }
      }
    }
    return new Screened(candidates, rejected, trulyOff);
  }

  private static String[] args(Path task, Path run, Simulator sim, String... more) {
    List<String> a = new java.util.ArrayList<>(List.of(task.toString(), "--per-class", "20", "--out", run.toString(),
        "--base-url", sim.baseUrl().toString(), "--concurrency", "1"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void theLlmJudgeRejectsOffLabelAnswersWhichAreToppedUpAndAResumeAsksNothingAgain() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(5).faultOffLabel(0.1).build())) {
      CliTest.Result g = GenerateWithSimulatorTest.generate(ENV, args(task, run, sim, "--fidelity", "llm"));
      assertThat(g.code()).as(g.out() + g.err()).isZero();
      assertThat(g.out()).contains("every label has 20 accepted samples");

      Screened s = screened(run);
      assertThat(s.trulyOff().size()).as("the fault fired").isGreaterThanOrEqualTo(6);
      Set<String> hit = new HashSet<>(s.offLabel());
      hit.retainAll(s.trulyOff());
      assertThat((double) hit.size() / s.offLabel().size()).as("precision").isGreaterThanOrEqualTo(0.9);
      assertThat((double) hit.size() / s.trulyOff().size()).as("recall").isGreaterThanOrEqualTo(0.6);
      // the simulator judges without error here: exactly the answers written about another label
      assertThat(s.offLabel()).isEqualTo(s.trulyOff());

      // status: the rejections by reason and what the judge cost, inside the run's totals
      JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
      int offLabel = 0;
      for (JsonNode l : status.get("labels")) {
        offLabel += l.path("rejected_by_reason").path("off_label").asInt();
        assertThat(l.get("accepted").asInt()).isEqualTo(20);
      }
      assertThat(offLabel).isEqualTo(s.offLabel().size());
      JsonNode f = status.get("fidelity");
      assertThat(f.get("judge").asText()).isEqualTo("llm");
      assertThat(f.get("questions").asInt()).isEqualTo(s.candidates().size());
      assertThat(f.get("usd").asDouble()).isPositive();
      assertThat(status.at("/totals/usd").asDouble()).isGreaterThan(f.get("usd").asDouble());

      // export: no answer the judge rejected; the card names the rule and the judge's cost
      Path export = tmp.resolve("export");
      assertThat(CliTest.run("export", run.toString(), "--out", export.toString()).code()).isZero();
      Set<String> exported = new HashSet<>();
      for (String line : Files.readAllLines(export.resolve("data.jsonl"))) {
        exported.add(CliTest.parse(line).get("id").asText());
      }
      assertThat(exported).hasSize(100).doesNotContainAnyElementsOf(s.offLabel());
      String card = Files.readString(export.resolve("README.md"));
      assertThat(card).contains("label fidelity judged by llm").contains("off_label")
          .contains("These totals include the label-fidelity judge");

      // a resume buys nothing, asks the judge nothing; a silent change of the rule is refused
      long served = sim.stats().requests();
      CliTest.Result again = GenerateWithSimulatorTest.generate(ENV, args(task, run, sim, "--fidelity", "llm"));
      assertThat(again.code()).as(again.out() + again.err()).isZero();
      assertThat(sim.stats().requests()).isEqualTo(served);
      CliTest.Result silent = GenerateWithSimulatorTest.generate(ENV, args(task, run, sim));
      assertThat(silent.code()).isEqualTo(2);
      assertThat(silent.err()).contains("--fidelity was llm when the run began, not none");
    }
  }

  @Test
  void aPersonsRejectionStandsInARunJudgedForLabelFidelity() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(5).faultOffLabel(0.1).build())) {
      CliTest.Result g = GenerateWithSimulatorTest.generate(ENV, args(task, run, sim, "--fidelity", "llm"));
      assertThat(g.code()).as(g.out() + g.err()).isZero();
      String chosen;
      try (RunStore store = RunStore.openExisting(run)) {
        chosen = store.requestRecords().stream().filter(r -> r.status() == RunStore.Status.ACCEPTED)
            .findFirst().orElseThrow().id();
      }
      CliTest.Result reject = CliTest.run("samples", run.toString(), "--reject", chosen, "--reason", "reads like an ad");
      assertThat(reject.code()).as(reject.out() + reject.err()).isZero();

      CliTest.Result again = GenerateWithSimulatorTest.generate(ENV, args(task, run, sim, "--fidelity", "llm"));
      assertThat(again.code()).as(again.out() + again.err()).isZero();
      try (RunStore store = RunStore.openExisting(run)) {
        RequestRecord r = store.requestRecords().stream().filter(x -> x.id().equals(chosen)).findFirst().orElseThrow();
        assertThat(r.status()).isEqualTo(RunStore.Status.REJECTED);
        assertThat(r.reason()).contains("person: reads like an ad");
      }
      JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
      for (JsonNode l : status.get("labels")) {
        assertThat(l.get("accepted").asInt()).as("topped up after the person's rejection").isEqualTo(20);
      }
      Path export = tmp.resolve("export");
      assertThat(CliTest.run("export", run.toString(), "--out", export.toString()).code()).isZero();
      assertThat(Files.readString(export.resolve("data.jsonl"))).doesNotContain("\"" + chosen + "\"");
    }
  }

  @Test
  void rescreeningARunWithTheClassifierJudgeRejectsAndTopsUpOnlyTheShortfall() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(5).faultOffLabel(0.1).build())) {
      CliTest.Result g = GenerateWithSimulatorTest.generate(ENV, args(task, run, sim));
      assertThat(g.code()).as(g.out() + g.err()).isZero();
      long served = sim.stats().requests();
      long planned = CliTest.parse(CliTest.run("status", run.toString(), "--json").out()).at("/totals/requests").asLong();
      Screened before = screened(run);
      assertThat(before.offLabel()).isEmpty();
      assertThat(before.trulyOff()).isNotEmpty();

      CliTest.Result refused = GenerateWithSimulatorTest.generate(ENV, args(task, run, sim, "--fidelity", "classifier"));
      assertThat(refused.code()).isEqualTo(2);
      assertThat(refused.err()).contains("--fidelity was none when the run began, not classifier");

      CliTest.Result re = GenerateWithSimulatorTest.generate(ENV, args(task, run, sim, "--fidelity", "classifier",
          "--rescreen"));
      assertThat(re.code()).as(re.out() + re.err()).isZero();
      Screened after = screened(run);
      assertThat(after.offLabel()).isNotEmpty();
      // only the shortfall was bought (top-up rounds), and the classifier judge asked the endpoint nothing
      JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
      long toppedUp = status.at("/totals/requests").asLong() - planned;
      assertThat(toppedUp).isGreaterThanOrEqualTo(after.offLabel().size() - 2);
      assertThat(sim.stats().requests() - served).isEqualTo(toppedUp);
      assertThat(status.at("/fidelity/judge").asText()).isEqualTo("classifier");
      assertThat(status.at("/fidelity/questions").asInt()).isZero();
      for (JsonNode l : status.get("labels")) {
        assertThat(l.get("accepted").asInt()).isEqualTo(20);
      }
      Path export = tmp.resolve("export");
      assertThat(CliTest.run("export", run.toString(), "--out", export.toString()).code()).isZero();
      assertThat(Files.readString(export.resolve("README.md"))).contains("fidelity").contains("none → classifier");
    }
  }

  @Test
  void theLlmJudgeSpendsFromTheRunsBudgetAndWaitsWhenItIsSpent() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    double firstRound;
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(5).faultOffLabel(0.1).build())) {
      Path plain = tmp.resolve("plain");
      GenerateWithSimulatorTest.generate(ENV, args(task, plain, sim, "--max-rounds", "0"));
      firstRound = CliTest.parse(CliTest.run("status", plain.toString(), "--json").out()).at("/totals/usd").asDouble();
    }
    Path run = tmp.resolve("run");
    String budget = String.format(java.util.Locale.ROOT, "%.6f", firstRound * 1.05);
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(5).faultOffLabel(0.1).build())) {
      CliTest.Result g = GenerateWithSimulatorTest.generate(ENV, args(task, run, sim, "--fidelity", "llm",
          "--budget-usd", budget));
      assertThat(g.code()).as(g.out() + g.err()).isEqualTo(1);
      assertThat(g.out()).contains("answers wait for the label-fidelity judge");
      JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
      double spent = status.at("/totals/usd").asDouble();
      assertThat(spent).isLessThanOrEqualTo(Double.parseDouble(budget));
      assertThat(status.at("/fidelity/usd").asDouble()).isPositive(); // the judge spent what generation left
      assertThat(status.at("/fidelity/questions").asInt()).isBetween(1, 99);
      assertThat(status.at("/totals/pending").asInt()).isPositive(); // the unjudged wait, counted as pending

      CliTest.Result more = GenerateWithSimulatorTest.generate(ENV, args(task, run, sim, "--fidelity", "llm",
          "--budget-usd", String.format(java.util.Locale.ROOT, "%.6f", firstRound * 3), "--raise-budget"));
      assertThat(more.code()).as(more.out() + more.err()).isZero();
      assertThat(CliTest.parse(CliTest.run("status", run.toString(), "--json").out()).at("/totals/usd").asDouble())
          .isLessThanOrEqualTo(firstRound * 3);
    }
  }

  @Test
  void withBatchesTheLlmJudgeIsAskedOnlineBetweenThem() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("batch-run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(4).faultOffLabel(0.15)
        .batchDelayMs(100).build())) {
      CliTest.Result g = GenerateWithSimulatorTest.generate(ENV, task.toString(), "--per-class", "8", "--out",
          run.toString(), "--base-url", sim.baseUrl().toString(), "--batch", "--poll-seconds", "1", "--fidelity", "llm");
      assertThat(g.code()).as(g.out() + g.err()).isZero();
    }
    Screened s = screened(run);
    assertThat(s.trulyOff()).isNotEmpty();
    assertThat(s.offLabel()).isEqualTo(s.trulyOff());
    JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
    assertThat(status.at("/fidelity/questions").asInt()).isEqualTo(s.candidates().size());
    status.get("labels").forEach(l -> assertThat(l.get("accepted").asInt()).isEqualTo(8));
  }

  @Test
  void theClassifierJudgeCopesWithAFewSamplesPerLabelAndStatusSaysTheRuleIsInForce() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("tiny");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(2).build())) {
      CliTest.Result g = GenerateWithSimulatorTest.generate(ENV, task.toString(), "--per-class", "2", "--out",
          run.toString(), "--base-url", sim.baseUrl().toString(), "--fidelity", "classifier");
      assertThat(g.code()).as(g.out() + g.err()).isIn(0, 1);
      assertThat(g.err()).doesNotContain("Exception");
    }
    CliTest.Result status = CliTest.run("status", run.toString());
    assertThat(status.out()).contains("label fidelity is a screening rule here (--fidelity classifier)")
        .doesNotContain("LLM label-fidelity judge asked");
  }
}
