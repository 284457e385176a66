package dev.attrprompt.sim;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of what a {@link Simulator} has served, as also answered by {@code GET /sim/stats}.
 *
 * <p>{@code requests} counts every HTTP request to the API (the {@code /sim/} paths are not
 * counted); each ends in exactly one {@link Outcome}. Tokens are the simulator's own estimates,
 * summed over online answers and batch lines alike.
 *
 * @param requests HTTP requests received on the API
 * @param outcomes how many requests ended in each outcome (every outcome is present)
 * @param promptTokens prompt tokens served
 * @param completionTokens completion tokens served
 */
public record Stats(long requests, Map<Outcome, Long> outcomes, long promptTokens,
    long completionTokens) {

  public Stats {
    EnumMap<Outcome, Long> all = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      all.put(o, outcomes.getOrDefault(o, 0L));
    }
    outcomes = Collections.unmodifiableMap(all);
  }

  /** How many requests ended in {@code outcome}. */
  public long count(Outcome outcome) {
    return outcomes.get(outcome);
  }

  /** The sum over all outcomes; equals {@link #requests()} once no request is in flight. */
  public long outcomeTotal() {
    return outcomes.values().stream().mapToLong(Long::longValue).sum();
  }
}
