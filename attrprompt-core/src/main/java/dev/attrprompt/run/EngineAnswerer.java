package dev.attrprompt.run;

import dev.attrprompt.llm.ChatRequest;
import dev.attrprompt.llm.ChatResponse;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.Outcome;
import dev.attrprompt.llm.RunEnd;
import dev.attrprompt.task.Generation;
import java.util.List;
import java.util.function.Consumer;

/**
 * Answers a run's requests through the request engine. The engine commits each paid answer to
 * its response cache before handing it over, and this class commits it to the run store at once;
 * a process killed between the two finds the answer in the cache on resume and pays nothing.
 */
public final class EngineAnswerer implements Answerer {
  private final Engine engine;
  private final Generation parameters;
  private final Consumer<Outcome> listener;

  /** @param listener told of every outcome after it is stored (progress display) */
  public EngineAnswerer(Engine engine, Generation parameters, Consumer<Outcome> listener) {
    this.engine = engine;
    this.parameters = parameters;
    this.listener = listener;
  }

  @Override
  public End answer(List<StoredRequest> requests, RunStore store) {
    List<ChatRequest> chat = requests.stream().map(r -> r.chat(parameters)).toList();
    // outcomes that end together are committed together: one transaction, not one each
    RunEnd end = engine.runInBatches(chat, outcomes -> {
      store.inTransaction(() -> outcomes.forEach(o -> record(store, o)));
      outcomes.forEach(listener);
    });
    if (end.halt().isPresent()) {
      RunEnd.Halt h = end.halt().get();
      RunResult.Cause cause = switch (h.reason()) {
        case BUDGET -> RunResult.Cause.BUDGET;
        case QUOTA -> RunResult.Cause.QUOTA;
        case REFUSED -> RunResult.Cause.REFUSED;
        case STORAGE -> RunResult.Cause.STORAGE;
        case CANCELLED -> RunResult.Cause.STOPPED;
      };
      return new End.Stopped(cause, h.message());
    }
    if (Thread.currentThread().isInterrupted()) {
      return new End.Stopped("interrupted");
    }
    return new End.Completed();
  }

  static void record(RunStore store, Outcome outcome) {
    List<RunStore.AttemptRow> attempts = outcome.attempts().stream()
        .map(a -> new RunStore.AttemptRow(a.number(), a.status(), a.error(), a.latencyMillis())).toList();
    switch (outcome) {
      case Outcome.Completed c -> {
        ChatResponse r = c.response();
        store.recordOutcome(c.requestId(), attempts, new Response(r.body(), r.content() == null ? "" : r.content(),
            r.finishReason(), r.model(), r.usage().promptTokens(), r.usage().completionTokens(),
            r.cached() ? 0 : c.usd(), r.cached()), null);
      }
      case Outcome.Failed f -> store.recordOutcome(f.requestId(), attempts, null, f.kind() + ": " + f.message());
      // a stopped request stays planned: a resumed run asks again; only its attempts are kept
      case Outcome.Stopped s -> {
        if (!attempts.isEmpty()) {
          store.recordOutcome(s.requestId(), attempts, null, null);
        }
      }
    }
  }
}
