package dev.attrprompt.run;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.post.Screening;
import dev.attrprompt.task.Task;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a run is asked to be: plan options, screening rules, top-up rounds, generation parameters,
 * endpoint, prices and budget, and which changes to a running run are allowed. Start from
 * {@link #builder(Task)}, which takes every default from the task.
 *
 * @param endpoint the base URL answers come from; empty for a run answered through Batch files
 * @param budgetUsd the run's total spending cap across all its invocations; empty keeps the
 *     run's recorded budget (none for a new run)
 * @param rescreen allow other screening rules than the run's: the change is recorded and only the
 *     new shortfall is bought
 * @param raiseBudget allow a budget above the run's recorded one
 */
public record RunConfig(PlanOptions plan, Screening.Rules rules, int maxRounds, Manifest.Parameters generation,
    Optional<URI> endpoint, PriceTable prices, OptionalDouble budgetUsd, boolean rescreen, boolean raiseBudget,
    String toolVersion) {

  public RunConfig {
    if (maxRounds < 0) {
      throw new UserError("--max-rounds must be 0 or more, not " + maxRounds);
    }
    if (budgetUsd.isPresent() && !(budgetUsd.getAsDouble() >= 0 && Double.isFinite(budgetUsd.getAsDouble()))) {
      throw new UserError("--budget-usd must be a non-negative number of US dollars, not " + budgetUsd.getAsDouble());
    }
    if (raiseBudget && budgetUsd.isEmpty()) {
      throw new UserError("--raise-budget needs the new budget: pass --budget-usd B as well");
    }
  }

  /** Defaults from the task: its method-independent generation settings, default rules, no budget. */
  public static Builder builder(Task task) {
    return new Builder(task);
  }

  /** Options with the task's defaults. */
  public static final class Builder {
    private final Task task;
    private Method method = Method.ATTRPROMPT;
    private int perClass;
    private long seed;
    private SamplingMode mode = SamplingMode.UNIFORM;
    private Screening.Rules rules = Screening.Rules.DEFAULTS;
    private int maxRounds = RunSpec.DEFAULT_MAX_ROUNDS;
    private String model;
    private Optional<URI> endpoint = Optional.empty();
    private PriceTable prices;
    private OptionalDouble budget = OptionalDouble.empty();
    private boolean rescreen;
    private boolean raiseBudget;
    private String toolVersion = "library";

    private Builder(Task task) {
      this.task = task;
      this.perClass = task.generation().perClass();
      this.seed = task.generation().seed();
      this.model = task.generation().model();
      this.prices = PriceTable.withOverrides(task.prices());
    }

    public Builder method(Method m) {
      this.method = m;
      return this;
    }

    public Builder perClass(int n) {
      this.perClass = n;
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public Builder mode(SamplingMode m) {
      this.mode = m;
      return this;
    }

    public Builder plan(PlanOptions p) {
      return method(p.method()).perClass(p.perClass()).seed(p.seed()).mode(p.mode());
    }

    public Builder rules(Screening.Rules r) {
      this.rules = r;
      return this;
    }

    public Builder maxRounds(int k) {
      this.maxRounds = k;
      return this;
    }

    public Builder model(String m) {
      this.model = m;
      return this;
    }

    /** The base URL answers come from (only scheme, host, port and path are recorded). */
    public Builder endpoint(URI baseUrl) {
      this.endpoint = Optional.of(baseUrl);
      return this;
    }

    public Builder prices(PriceTable p) {
      this.prices = p;
      return this;
    }

    public Builder budgetUsd(double usd) {
      this.budget = OptionalDouble.of(usd);
      return this;
    }

    public Builder rescreen(boolean allow) {
      this.rescreen = allow;
      return this;
    }

    public Builder raiseBudget(boolean allow) {
      this.raiseBudget = allow;
      return this;
    }

    /** The version recorded in the manifest (the CLI passes its own). */
    public Builder toolVersion(String v) {
      this.toolVersion = v;
      return this;
    }

    public RunConfig build() {
      if (model == null || model.isBlank()) {
        throw new UserError("no model given: name one, e.g. --model gpt-4o-mini");
      }
      var g = task.generation();
      return new RunConfig(new PlanOptions(method, perClass, seed, mode), rules, maxRounds,
          new Manifest.Parameters(model.strip(), g.temperature(), g.topP(), g.maxTokens()), endpoint, prices, budget,
          rescreen, raiseBudget, toolVersion);
    }
  }
}
