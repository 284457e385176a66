package dev.attrprompt.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.TestTasks;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.post.Screening;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quota fill and resume, with a deterministic in-memory answerer standing in for an endpoint. */
class GeneratorTest {
  @TempDir Path tmp;

  /** Answers deterministically from the seed; every 5th is a refusal, every 7th repeats a text. */
  static final class FakeAnswerer implements Answerer {
    final AtomicInteger calls = new AtomicInteger();
    final int stopAfter;

    FakeAnswerer(int stopAfter) {
      this.stopAfter = stopAfter;
    }

    @Override
    public End answer(List<StoredRequest> requests, RunStore store) {
      for (StoredRequest r : requests) {
        if (calls.get() >= stopAfter) {
          return new End.Stopped("stopped by the test");
        }
        calls.incrementAndGet();
        String content;
        if (r.seed() % 5 == 0) {
          content = "I'm sorry, but I can't help with that.";
        } else if (r.seed() % 7 == 0) {
          content = "Sure! Here is one:\nThe same sentence that many answers share, word for word, again.";
        } else {
          content = "A " + r.label() + " text number " + r.seed() + " about " + r.attributes().values()
              + " with enough words to pass the bounds.";
        }
        store.recordAttempt(r.id(), 1, 200, null, 1);
        store.recordResponse(r.id(), new Response("{}", content, "stop", "fake", 10, 20, 0.001, false));
      }
      return new End.Completed();
    }
  }

  private RunSpec spec(int perClass) {
    return new RunSpec(new PlanOptions(Method.ATTRPROMPT, perClass, 5, SamplingMode.UNIFORM),
        Screening.Rules.DEFAULTS, RunSpec.DEFAULT_MAX_ROUNDS);
  }

  @Test
  void everyLabelEndsWithExactlyNAcceptedAndTheCountsAddUp() throws IOException {
    Task task = Task.load(TestTasks.write(tmp.resolve("task")));
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      FakeAnswerer answerer = new FakeAnswerer(Integer.MAX_VALUE);
      Generator.Result result = new Generator(task, spec(30), store).run(answerer);

      assertThat(result.complete()).isTrue();
      assertThat(result.accepted()).containsExactly(Map.entry("world", 30), Map.entry("sports", 30), Map.entry("sci_tech", 30));
      Map<String, Map<RunStore.Status, Integer>> counts = store.counts();
      int requests = counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
      int accepted = counts.values().stream().mapToInt(m -> m.getOrDefault(RunStore.Status.ACCEPTED, 0)).sum();
      int rejected = counts.values().stream().mapToInt(m -> m.getOrDefault(RunStore.Status.REJECTED, 0)).sum();
      assertThat(accepted).isEqualTo(90);
      assertThat(accepted + rejected).isEqualTo(requests).isEqualTo(answerer.calls.get());
      assertThat(rejected).isPositive();
      assertThat(store.rejections().values().stream().flatMap(m -> m.keySet().stream()))
          .contains("refusal").allMatch(r -> List.of("refusal", "duplicate", "near_duplicate").contains(r));
      assertThat(store.samples()).hasSize(90).extracting(Sample::text).doesNotHaveDuplicates();
      assertThat(store.samples()).extracting(Sample::id).isSorted();
    }
  }

  @Test
  void aStoppedRunResumesToTheSameSamplesWithoutAskingTwice() throws IOException {
    Task task = Task.load(TestTasks.write(tmp.resolve("task")));
    List<Sample> reference;
    int referenceCalls;
    try (RunStore store = RunStore.open(tmp.resolve("whole"))) {
      FakeAnswerer answerer = new FakeAnswerer(Integer.MAX_VALUE);
      new Generator(task, spec(20), store).run(answerer);
      reference = store.samples();
      referenceCalls = answerer.calls.get();
    }
    int calls = 0;
    for (int stopAt : new int[] {7, 33, 61}) {
      try (RunStore store = RunStore.open(tmp.resolve("pieces"))) {
        FakeAnswerer answerer = new FakeAnswerer(stopAt - calls);
        Generator.Result r = new Generator(task, spec(20), store).run(answerer);
        assertThat(r.complete()).isFalse();
        calls += answerer.calls.get();
      }
    }
    try (RunStore store = RunStore.open(tmp.resolve("pieces"))) {
      FakeAnswerer answerer = new FakeAnswerer(Integer.MAX_VALUE);
      assertThat(new Generator(task, spec(20), store).run(answerer).complete()).isTrue();
      calls += answerer.calls.get();
      assertThat(store.samples()).isEqualTo(reference);
      assertThat(calls).isEqualTo(referenceCalls);
      assertThat(store.usage().responses()).isEqualTo(referenceCalls);
    }
  }
}
