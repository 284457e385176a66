package dev.attrprompt.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimate every face shows (CLI, web): the task's defaults, its prices and a prices file. */
class EstimateForTaskTest {
  @TempDir Path dir;

  private Task task(String extra) throws IOException {
    return Task.load(TestTasks.write(dir.resolve("task"), TestTasks.TASK.replace("generation:\n",
        "generation:\n  model: gpt-3.5-turbo\n  max_tokens: 200\n") + extra));
  }

  @Test
  void planOptionsTakeTheTasksSizeAndSeedUnlessGiven() throws IOException {
    Task t = task("");
    PlanOptions defaults = PlanOptions.forTask(t, Method.SIMPROMPT, OptionalInt.empty(), OptionalLong.empty(),
        SamplingMode.UNIFORM);
    assertThat(defaults).isEqualTo(new PlanOptions(Method.SIMPROMPT, 4, 11, SamplingMode.UNIFORM));
    PlanOptions chosen = PlanOptions.forTask(t, Method.ATTRPROMPT, OptionalInt.of(9), OptionalLong.of(5),
        SamplingMode.BALANCED);
    assertThat(chosen).isEqualTo(new PlanOptions(Method.ATTRPROMPT, 9, 5, SamplingMode.BALANCED));
  }

  @Test
  void theTasksModelMaxTokensAndPricesAreTheDefaults() throws IOException {
    Task t = task("prices:\n  gpt-3.5-turbo: {input: 2.0, output: 4.0}\n");
    Plan plan = Plan.of(t, new PlanOptions(Method.SIMPROMPT, 3, 1, SamplingMode.UNIFORM));
    Estimate e = Estimator.estimate(plan, Optional.empty(), Optional.empty());
    assertThat(e.model()).isEqualTo("gpt-3.5-turbo");
    assertThat(e.outputTokensBound()).isEqualTo(9 * 200);
    // the unconstrained 400 tokens are capped by the task's max_tokens of 200
    assertThat(e.outputTokens()).isEqualTo(9 * 200);
    assertThat(e.usd()).isCloseTo((e.inputTokens() * 2.0 + 9 * 200 * 4.0) / 1e6, within(1e-12));
    assertThat(e.outputBasis()).contains("typical unconstrained reply of about 300 words");

    Estimate other = Estimator.estimate(plan, Optional.of("gpt-4o-mini"), Optional.empty());
    assertThat(other.model()).isEqualTo("gpt-4o-mini");
    assertThat(other.encoding()).isEqualTo("o200k_base");
    assertThat(other.price()).isEqualTo(PriceTable.builtInTable().require("gpt-4o-mini"));
  }

  @Test
  void aPricesFileWinsOverTheTaskAndAnUnknownModelIsOneClearError() throws IOException {
    Task t = task("");
    Path prices = dir.resolve("prices.yaml");
    Files.writeString(prices, "prices:\n  my-model: {input: 1.0, output: 1.0}\n");
    Plan plan = Plan.of(t, new PlanOptions(Method.ATTRPROMPT, 2, 1, SamplingMode.UNIFORM));
    Estimate e = Estimator.estimate(plan, Optional.of("my-model"), Optional.of(prices));
    assertThat(e.usd()).isCloseTo((e.inputTokens() + e.outputTokens()) / 1e6, within(1e-12));
    assertThat(e.outputBasis()).isEqualTo("the requested word ranges");
    assertThatThrownBy(() -> Estimator.estimate(plan, Optional.of("my-model"), Optional.empty()))
        .isInstanceOf(UserError.class).hasMessageStartingWith("no price known for model 'my-model'");
  }
}
