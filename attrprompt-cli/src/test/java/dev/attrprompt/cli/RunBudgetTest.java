package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget is the run's: it caps the total over every invocation and is raised only on request. */
class RunBudgetTest {
  @TempDir Path tmp;

  static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "k");

  private static double usd(Path run) {
    JsonNode totals = CliTest.parse(CliTest.run("status", run.toString(), "--json").out()).get("totals");
    return totals.get("usd").asDouble();
  }

  @Test
  void theSameCommandRunFourTimesSpendsNoMoreThanTheBudgetOnce() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).build())) {
      String[] args = {task.toString(), "--per-class", "30", "--out", run.toString(), "--base-url",
          sim.baseUrl().toString(), "--budget-usd", "0.003", "--concurrency", "4"};
      CliTest.Result first = GenerateWithSimulatorTest.generate(ENV, args);
      assertThat(first.code()).as(first.out() + first.err()).isEqualTo(1);
      assertThat(first.out()).contains("the run's budget of $0.0030 is spent")
          .contains("--budget-usd NEW --raise-budget").doesNotContain("run the same command");
      double afterFirst = usd(run);
      assertThat(afterFirst).isPositive().isLessThanOrEqualTo(0.003);
      long served = sim.stats().requests();
      for (int i = 0; i < 3; i++) {
        assertThat(GenerateWithSimulatorTest.generate(ENV, args).code()).isEqualTo(1);
      }
      assertThat(usd(run)).as("four invocations together").isLessThanOrEqualTo(0.003);
      // the last requests that could fit may be bought on a later invocation; none past the cap
      assertThat(sim.stats().requests() - served).isLessThan(served);

      CliTest.Result higher = GenerateWithSimulatorTest.generate(ENV, with(args, "0.006"));
      assertThat(higher.code()).isEqualTo(2);
      assertThat(higher.err()).contains("this run's budget is $0.0030").contains("add --raise-budget");
      CliTest.Result lower = GenerateWithSimulatorTest.generate(ENV, with(args, "0.0001"));
      assertThat(lower.code()).isEqualTo(2);
      assertThat(lower.err()).contains("more than a budget of $0.0001");

      String[] raised = java.util.stream.Stream.concat(java.util.Arrays.stream(with(args, "0.006")),
          java.util.stream.Stream.of("--raise-budget")).toArray(String[]::new);
      CliTest.Result more = GenerateWithSimulatorTest.generate(ENV, raised);
      assertThat(more.code()).isEqualTo(1);
      assertThat(usd(run)).isGreaterThan(0.003).isLessThanOrEqualTo(0.006);
      JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
      assertThat(status.get("totals").get("budget_usd").asDouble()).isEqualTo(0.006);
    }
  }

  private static String[] with(String[] args, String budget) {
    String[] out = args.clone();
    for (int i = 0; i < out.length - 1; i++) {
      if (out[i].equals("--budget-usd")) {
        out[i + 1] = budget;
      }
    }
    return out;
  }

  @Test
  void aModelWithNoKnownPriceIsRefusedWithABudgetAndWarnedAboutWithout() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).build())) {
      CliTest.Result refused = GenerateWithSimulatorTest.generate(ENV, task.toString(), "--per-class", "2", "--out",
          tmp.resolve("a").toString(), "--base-url", sim.baseUrl().toString(), "--model", "my-local-model",
          "--budget-usd", "1");
      assertThat(refused.code()).isEqualTo(2);
      assertThat(refused.err()).contains("no price is known for model 'my-local-model'");
      assertThat(tmp.resolve("a")).doesNotExist();
      assertThat(sim.stats().requests()).isZero();

      CliTest.Result warned = GenerateWithSimulatorTest.generate(ENV, task.toString(), "--per-class", "2", "--out",
          tmp.resolve("b").toString(), "--base-url", sim.baseUrl().toString(), "--model", "my-local-model");
      assertThat(warned.code()).as(warned.err()).isZero();
      assertThat(warned.err().lines().filter(l -> l.startsWith("warning: no price is known")).count()).isEqualTo(1);
      CliTest.Result status = CliTest.run("status", tmp.resolve("b").toString());
      assertThat(status.out()).contains("dollars unknown").contains("warning: no price is known for model 'my-local-model'")
          .doesNotContain("$0.0000");
    }
  }
}
