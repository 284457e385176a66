package dev.attrprompt.discover;

import dev.attrprompt.WorkFailure;
import dev.attrprompt.llm.ChatRequest;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the LLM a set of questions at once through the engine and keeps every exchange for the
 * discovery record. Questions carry a fixed seed, so a rerun finds every answer it had in the
 * engine's response cache and makes no request it made before.
 */
final class Asker {
  /** One exchange: the question's id and prompt, the raw answer, and when. */
  record Exchange(String id, String prompt, String answer, boolean cached, String at) {}

  private final Engine engine;
  private final String model;
  private final List<Exchange> record = new ArrayList<>();
  private int requests;

  Asker(Engine engine, String model) {
    this.engine = engine;
    this.model = model;
  }

  String model() {
    return model;
  }

  private volatile boolean stopped;

  /** Stops asking: nothing more is sent, and this and every later {@link #ask} fail. */
  void stop() {
    stopped = true;
    engine.stop();
  }

  boolean stopped() {
    return stopped;
  }

  /** The failure of a discovery stopped before its end. */
  static WorkFailure stoppedFailure() {
    return new WorkFailure("attribute discovery was stopped before its end; nothing was written to the attribute "
        + "set, and the answers so far are cached: asking again goes on from there");
  }

  /** Answers by question id, in the order asked. */
  Map<String, String> ask(Map<String, String> prompts, long seed) {
    if (stopped) {
      throw stoppedFailure();
    }
    List<ChatRequest> requests = new ArrayList<>();
    prompts.forEach((id, prompt) -> requests.add(ChatRequest.of(id, prompt, 1.0, 1.0, 800, seed)));
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    engine.run(requests, o -> outcomes.put(o.requestId(), o)).halt()
        .filter(h -> h.reason() != dev.attrprompt.llm.Outcome.StopReason.CANCELLED)
        .ifPresent(h -> {
          throw new WorkFailure("attribute discovery stopped: " + h.message());
        });
    if (stopped) {
      throw stoppedFailure();
    }
    Map<String, String> answers = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : prompts.entrySet()) {
      Outcome o = outcomes.get(p.getKey());
      switch (o) {
        case Outcome.Completed c -> {
          String text = c.response().content() == null ? "" : c.response().content();
          answers.put(p.getKey(), text);
          if (!c.response().cached()) {
            this.requests++;
          }
          record.add(new Exchange(p.getKey(), p.getValue(), text, c.response().cached(), Instant.now().toString()));
        }
        case Outcome.Failed f -> throw new WorkFailure("attribute discovery failed on '" + p.getKey() + "': " + f.message()
            + "; answers so far are cached: run the same command again to go on");
        case Outcome.Stopped s -> throw new WorkFailure("attribute discovery stopped: " + s.message());
        case null -> throw new IllegalStateException("no outcome for " + p.getKey());
      }
    }
    return answers;
  }

  List<Exchange> record() {
    return List.copyOf(record);
  }

  /** Requests that reached the endpoint (cache hits excluded). */
  int requests() {
    return requests;
  }
}
