package dev.attrprompt.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
import dev.attrprompt.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who writes a run, asked without disturbing the writer's lock. */
class RunWriterTest {
  @TempDir Path tmp;

  @Test
  void aWriterIsNamedWhileItHoldsTheLockAndAskingNeverReleasesIt() throws java.io.IOException {
    Task task = Task.load(TestTasks.write(tmp.resolve("task")));
    Path dir = tmp.resolve("run");
    try (Run writer = Run.create(dir, task, RunConfig.builder(task).perClass(2).build())) {
      for (int i = 0; i < 3; i++) {
        assertThat(Run.writerOf(dir)).hasValueSatisfying(w -> assertThat(w).contains("this process"));
        try (Run reader = Run.open(dir)) {
          assertThat(reader.status().totals().planned()).isZero();
        }
      }
      // the kernel still lists the lock (reading the note through another descriptor would have dropped it)
      if (Files.isReadable(Path.of("/proc/locks"))) {
        assertThat(RunLock.heldInKernel(dir.resolve(RunLock.FILE))).contains(true);
      }
      assertThatThrownBy(() -> Run.create(dir, task, RunConfig.builder(task).perClass(2).build()))
          .isInstanceOf(UserError.class).hasMessageContaining("being written by this process");
      assertThat(RunLock.heldInKernel(dir.resolve(RunLock.FILE))).isNotEqualTo(java.util.Optional.of(false));
    }
    assertThat(Run.writerOf(dir)).isEmpty();
    assertThat(Run.writerOf(tmp.resolve("nothing-here"))).isEmpty();
  }

  @Test
  void aLockFileThatLinksElsewhereIsRefusedAndItsTargetLeftAlone() throws java.io.IOException {
    Path dir = Files.createDirectories(tmp.resolve("run"));
    Path precious = Files.writeString(tmp.resolve("precious.txt"), "the user's own file\n");
    Files.createSymbolicLink(dir.resolve(RunLock.FILE), precious);
    assertThatThrownBy(() -> RunLock.take(dir)).isInstanceOf(UserError.class)
        .hasMessageContaining(RunLock.FILE + " is a link to another file");
    assertThat(Files.readString(precious)).isEqualTo("the user's own file\n");
  }
}
