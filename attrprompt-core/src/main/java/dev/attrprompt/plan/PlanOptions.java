package dev.attrprompt.plan;

import dev.attrprompt.task.Task;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What to plan: how many requests per label, under which seed, drawn how. */
public record PlanOptions(Method method, int perClass, long seed, SamplingMode mode) {

  public PlanOptions {
    if (perClass < 1) {
      throw new dev.attrprompt.UserError("--per-class must be at least 1, not " + perClass);
    }
  }

  /**
   * The options a person asks for with the task's {@code generation} settings as defaults: the
   * per-class size is {@code generation.per_class} and the seed {@code generation.seed} unless given.
   */
  public static PlanOptions forTask(Task task, Method method, OptionalInt perClass, OptionalLong seed,
      SamplingMode mode) {
    return new PlanOptions(method, perClass.orElse(task.generation().perClass()),
        seed.orElse(task.generation().seed()), mode);
  }
}
