package dev.attrprompt.plan;

/** What to plan: how many requests per label, under which seed, drawn how. */
public record PlanOptions(Method method, int perClass, long seed, SamplingMode mode) {

  public PlanOptions {
    if (perClass < 1) {
      throw new dev.attrprompt.UserError("--per-class must be at least 1, not " + perClass);
    }
  }
}
