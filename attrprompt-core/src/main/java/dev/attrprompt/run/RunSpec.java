package dev.attrprompt.run;

import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.post.Screening;

/**
 * What a generation run makes: the plan options (method, N per label, seed, mode), the screening
 * rules, and how many top-up rounds may follow the first to fill the quotas.
 */
public record RunSpec(PlanOptions plan, Screening.Rules rules, int maxRounds) {
  /** Top-up rounds after the first, for the shortfall that screening left. */
  public static final int DEFAULT_MAX_ROUNDS = 6;
}
