package dev.attrprompt.web;

import dev.attrprompt.UserError;
import dev.attrprompt.WorkFailure;
import dev.attrprompt.run.Manifest;
import dev.attrprompt.task.Task;
import java.util.Optional;

/**
 * The task of the workspace a run was made from: a task whose name is the one the run's manifest
 * records, preferably one whose files are still those the run recorded (the manifest keeps their
 * hash). Tasks that cannot be read are passed over.
 *
 * @param rel       the task's workspace name
 * @param unchanged whether its files are as they were when the run was made
 */
record RunTask(String rel, boolean unchanged) {

  /** The task {@code manifest}'s run was made from, if the workspace holds it. */
  static Optional<RunTask> of(Workspace workspace, Manifest manifest) {
    Optional<RunTask> byName = Optional.empty();
    for (Workspace.Entry e : workspace.tasks()) {
      Task task;
      try {
        task = workspace.loadTask(e.path());
      } catch (UserError | WorkFailure ignored) {
        continue; // a task that cannot be read is no run's task here
      }
      if (!task.name().equals(manifest.task())) {
        continue;
      }
      if (Manifest.taskSha256(task).equals(manifest.taskSha256())) {
        return Optional.of(new RunTask(e.rel(), true));
      }
      if (byName.isEmpty()) {
        byName = Optional.of(new RunTask(e.rel(), false));
      }
    }
    return byName;
  }
}
