package dev.attrprompt.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimatorTest {
  @TempDir Path dir;

  @Test
  void countsEveryPromptsTokensAndExpectsOutputFromTheLengthRange() throws IOException {
    Task task = Task.load(TestTasks.write(dir));
    Plan plan = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 10, 3, SamplingMode.UNIFORM));
    Estimate e = Estimator.estimate(plan, "gpt-4o-mini", 512, PriceTable.builtInTable());

    TokenCounter counter = TokenCounter.forModel("gpt-4o-mini");
    List<PlannedRequest> requests = plan.requests().toList();
    long input = requests.stream().mapToLong(r -> counter.count(r.prompt()) + 6).sum();
    long output = requests.stream()
        .mapToLong(r -> (long) Math.ceil((Integer.parseInt(r.attributes().get("length")) + 25) * 4.0 / 3)).sum();
    assertThat(e.requests()).isEqualTo(30);
    assertThat(e.encoding()).isEqualTo("o200k_base");
    assertThat(e.inputTokens()).isEqualTo(input);
    assertThat(e.outputTokens()).isEqualTo(output);
    assertThat(e.outputFromLength()).isTrue();
    assertThat(e.usd()).isCloseTo((input * 0.15 + output * 0.60) / 1e6, within(1e-12));
    assertThat(e.usdBatch()).isCloseTo(e.usd() / 2, within(1e-12));
  }

  @Test
  void simPromptOutputIsExpectedAtATypicalLengthWithMaxTokensAsTheBound() throws IOException {
    Task task = Task.load(TestTasks.write(dir));
    Plan plan = Plan.of(task, new PlanOptions(Method.SIMPROMPT, 10, 3, SamplingMode.UNIFORM));
    Estimate e = Estimator.estimate(plan, "gpt-3.5-turbo", 512, PriceTable.builtInTable());
    assertThat(e.encoding()).isEqualTo("cl100k_base");
    // 300 words at 4 tokens per 3 words, below the 512-token bound
    assertThat(e.outputTokens()).isEqualTo(30 * 400);
    assertThat(e.outputTokensBound()).isEqualTo(30 * 512);
    assertThat(e.outputFromLength()).isFalse();
    assertThat(e.usd()).isCloseTo((e.inputTokens() * 0.50 + 30 * 400 * 1.50) / 1e6, within(1e-12));
    assertThat(e.usdBound()).isCloseTo((e.inputTokens() * 0.50 + 30 * 512 * 1.50) / 1e6, within(1e-12));

    Estimate capped = Estimator.estimate(plan, "gpt-3.5-turbo", 300, PriceTable.builtInTable());
    assertThat(capped.outputTokens()).isEqualTo(30 * 300);
    assertThat(capped.outputTokensBound()).isEqualTo(30 * 300);
  }

  @Test
  void bothMethodsArePricedOnTheSameFooting() throws IOException {
    Task task = Task.load(TestTasks.write(dir));
    Estimate sim = Estimator.estimate(Plan.of(task, new PlanOptions(Method.SIMPROMPT, 10, 3,
        SamplingMode.UNIFORM)), "gpt-4o-mini", 512, PriceTable.builtInTable());
    Estimate attr = Estimator.estimate(Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 10, 3,
        SamplingMode.UNIFORM)), "gpt-4o-mini", 512, PriceTable.builtInTable());
    // neither is priced at the bound; both have the same bound beside the expectation
    assertThat(sim.outputTokens()).isLessThan(sim.outputTokensBound());
    assertThat(attr.outputTokens()).isLessThan(attr.outputTokensBound());
    assertThat(attr.outputTokensBound()).isEqualTo(sim.outputTokensBound());
  }

  @Test
  void datedModelNamesTakeTheirFamilysPriceAndOverridesWin() {
    PriceTable table = PriceTable.withOverrides(Map.of("gpt-4o-mini", new Price(1, 2), "llama3", new Price(0, 0)));
    assertThat(PriceTable.builtInTable().require("gpt-4o-mini-2024-07-18")).isEqualTo(new Price(0.15, 0.60));
    assertThat(PriceTable.builtInTable().require("gpt-4o-2024-08-06")).isEqualTo(new Price(2.50, 10.00));
    assertThat(table.require("gpt-4o-mini")).isEqualTo(new Price(1, 2));
    assertThat(table.require("llama3")).isEqualTo(new Price(0, 0));
    assertThatThrownBy(() -> PriceTable.builtInTable().require("mistral-small"))
        .isInstanceOf(UserError.class).hasMessageContaining("no price known for model 'mistral-small'")
        .hasMessageContaining("--prices FILE");
  }

  @Test
  void aLargePlanIsEstimatedFromASampleWithinItsStatedMargin() throws IOException {
    Task task = Task.load(TestTasks.write(dir));
    Plan plan = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 3_000, 3, SamplingMode.UNIFORM));
    Estimate exact = Estimator.estimate(plan, "gpt-4o-mini", 512, PriceTable.builtInTable(), 3_000, 300);
    Estimate sampled = Estimator.estimate(plan, "gpt-4o-mini", 512, PriceTable.builtInTable(), 1_000, 300);
    assertThat(exact.basis()).isEqualTo(new Estimate.Basis.Exact());
    Estimate.Basis.Sampled basis = (Estimate.Basis.Sampled) sampled.basis();
    assertThat(basis.perLabel()).isEqualTo(300);
    assertThat(sampled.requests()).isEqualTo(exact.requests()).isEqualTo(9_000);
    // a margin that claims nothing, or everything, would be a useless statement
    assertThat(basis.inputMargin()).isPositive().isLessThan(exact.inputTokens() / 50);
    assertThat(basis.outputMargin()).isPositive().isLessThan(exact.outputTokens() / 10);
    assertThat(Math.abs(sampled.inputTokens() - exact.inputTokens())).isLessThanOrEqualTo(basis.inputMargin());
    assertThat(Math.abs(sampled.outputTokens() - exact.outputTokens())).isLessThanOrEqualTo(basis.outputMargin());
  }

  @Test
  void aFixedPlanIsSampledWithNoMarginAndMatchesTheExactCount() throws IOException {
    Task task = Task.load(TestTasks.write(dir));
    Plan plan = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 2_000, 3, SamplingMode.FIXED));
    Estimate exact = Estimator.estimate(plan, "gpt-4o-mini", 512, PriceTable.builtInTable(), 2_000, 50);
    Estimate sampled = Estimator.estimate(plan, "gpt-4o-mini", 512, PriceTable.builtInTable(), 10, 50);
    assertThat(sampled.basis()).isEqualTo(new Estimate.Basis.Sampled(50, 0, 0));
    assertThat(sampled.inputTokens()).isEqualTo(exact.inputTokens());
    assertThat(sampled.outputTokens()).isEqualTo(exact.outputTokens());
  }
}
