package dev.attrprompt.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.TestTasks;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.post.Screening;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outcomes stored together (as the engine hands them over) are committed all or none. */
class RunStoreTransactionTest {
  @TempDir Path tmp;

  private static Response answer(String text) {
    return new Response("{}", text, "stop", "fake", 10, 20, 0.001, false);
  }

  @Test
  void outcomesRecordedInOneTransactionAreCommittedTogetherOrNotAtAll() throws IOException {
    Task task = Task.load(TestTasks.write(tmp.resolve("task")));
    RunSpec spec = new RunSpec(new PlanOptions(Method.SIMPROMPT, 2, 5, SamplingMode.UNIFORM),
        Screening.Rules.DEFAULTS, RunSpec.DEFAULT_MAX_ROUNDS);
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      new Generator(task, spec, store).plan();
      List<StoredRequest> open = store.unanswered();
      assertThat(open).hasSizeGreaterThanOrEqualTo(4);
      String a = open.get(0).id();
      String b = open.get(1).id();

      assertThatThrownBy(() -> store.inTransaction(() -> {
        store.recordOutcome(a, List.of(), answer("first"), null);
        throw new IllegalStateException("the disk filled up between two outcomes");
      })).hasMessageContaining("disk filled up");
      assertThat(store.unanswered()).as("the first outcome was rolled back with the batch")
          .extracting(StoredRequest::id).contains(a);

      store.inTransaction(() -> {
        store.recordOutcome(a, List.of(), answer("first"), null);
        store.recordOutcome(b, List.of(), null, "BAD_REQUEST: refused");
      });
      assertThat(store.unanswered()).extracting(StoredRequest::id).doesNotContain(a).contains(b);
      assertThat(store.failedCount()).isEqualTo(1);
      assertThat(store.usage().responses()).isEqualTo(1);
    }
  }
}
