package dev.attrprompt.run;

import dev.attrprompt.TestTasks;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.post.Screening;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

/** A small finished run on disk, made with a counting in-memory answerer, for the curation tests. */
final class CuratedRuns {
  private CuratedRuns() {}

  /** Answers from the seed: every 5th a refusal, the rest distinct texts naming the attributes. */
  static final class Answers implements Answerer {
    final AtomicInteger calls = new AtomicInteger();
    final boolean refusals;

    Answers() {
      this(true);
    }

    Answers(boolean refusals) {
      this.refusals = refusals;
    }

    @Override
    public End answer(List<StoredRequest> requests, RunStore store) {
      for (StoredRequest r : requests) {
        calls.incrementAndGet();
        String content = refusals && r.seed() % 5 == 0 ? "I'm sorry, but I can't help with that."
            : "Report " + r.seed() + " on " + r.label() + " about " + String.join(" and ", r.attributes().values())
                + " with enough words to pass the bounds.";
        store.recordResponse(r.id(), new Response("{}", content, "stop", "fake", 10, 20, 0.001, false));
      }
      return new End.Completed();
    }
  }

  record Made(Path dir, Task task, RunSpec spec) {
    /** Resumes the run as {@code generate} would: screens, then buys only the shortfall. */
    Generator.Result resume(Answerer answerer) {
      try (RunStore store = RunStore.openExisting(dir)) {
        return new Generator(task, spec, store).run(answerer);
      }
    }
  }

  static Made make(Path tmp, int perClass, int maxRounds) throws IOException {
    return make(tmp, perClass, maxRounds, new Answers());
  }

  static Made make(Path tmp, int perClass, int maxRounds, Answerer answerer) throws IOException {
    Task task = Task.load(TestTasks.write(tmp.resolve("task")));
    RunSpec spec = new RunSpec(new PlanOptions(Method.ATTRPROMPT, perClass, 5, SamplingMode.UNIFORM),
        Screening.Rules.DEFAULTS, maxRounds);
    Path dir = tmp.resolve("run");
    try (RunStore store = RunStore.open(dir)) {
      store.writeManifest(Manifest.create(task, spec.plan(), spec.rules(), spec.maxRounds(),
          new Manifest.Parameters("fake", 1.0, 1.0, 100), Optional.empty(), Optional.empty(),
          OptionalDouble.empty(), "test").toJson());
      if (!new Generator(task, spec, store).run(answerer).complete()) {
        throw new AssertionError("the test run did not complete");
      }
    }
    return new Made(dir, task, spec);
  }
}
