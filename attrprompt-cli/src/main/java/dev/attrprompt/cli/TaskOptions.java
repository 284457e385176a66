package dev.attrprompt.cli;

import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.task.Task;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options that pick a task and a plan, shared by the commands that build plans. */
final class TaskOptions {
  @Parameters(index = "0", paramLabel = "TASK", description = "Task directory (holding task.yaml) or its task.yaml.")
  Path task;

  @Option(names = "--method", paramLabel = "M", defaultValue = "attrprompt",
      description = "simprompt or attrprompt (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the plan (default: the task's generation.seed).")
  Long seed;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "uniform",
      description = "How values are drawn: uniform, balanced or fixed (default: ${DEFAULT-VALUE}).")
  String mode;

  Task load() {
    return Task.load(task);
  }

  PlanOptions plan(Task task, Integer perClass) {
    return PlanOptions.forTask(task, Method.parse(method),
        perClass != null ? java.util.OptionalInt.of(perClass) : java.util.OptionalInt.empty(),
        seed != null ? java.util.OptionalLong.of(seed) : java.util.OptionalLong.empty(), SamplingMode.parse(mode));
  }
}
