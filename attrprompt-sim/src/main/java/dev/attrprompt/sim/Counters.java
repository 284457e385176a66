package dev.attrprompt.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free counters behind {@link Stats}: requests arrive on many virtual threads at once. */
final class Counters {
  private final LongAdder requests = new LongAdder();
  private final LongAdder[] outcomes = new LongAdder[Outcome.values().length];
  private final LongAdder promptTokens = new LongAdder();
  private final LongAdder completionTokens = new LongAdder();

  Counters() {
    for (int i = 0; i < outcomes.length; i++) {
      outcomes[i] = new LongAdder();
    }
  }

  void request() {
    requests.increment();
  }

  void outcome(Outcome outcome) {
    outcomes[outcome.ordinal()].increment();
  }

  void tokens(long prompt, long completion) {
    promptTokens.add(prompt);
    completionTokens.add(completion);
  }

  Stats snapshot() {
    Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      counts.put(o, outcomes[o.ordinal()].sum());
    }
    return new Stats(requests.sum(), counts, promptTokens.sum(), completionTokens.sum());
  }
}
