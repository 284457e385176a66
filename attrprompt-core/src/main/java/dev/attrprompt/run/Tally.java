package dev.attrprompt.run;

import dev.attrprompt.llm.Outcome;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's counts kept in step with the store while a run works: read from the store after
 * each plan and screening pass, moved by each outcome right after it is stored. So the counts a
 * progress display shows are those {@code status} reads from the store at the same moment; a
 * request stopped before it was answered stays pending in both.
 */
final class Tally {
  private final Map<String, Map<RunStore.Status, Integer>> counts = new HashMap<>();
  private final Map<String, String> labelOf = new HashMap<>();
  private Set<String> failed = Set.of();
  private long responses;
  private long tokens;
  private double usd;
  private long kept;

  synchronized void reload(RunStore store) {
    counts.clear();
    store.counts().forEach((label, c) -> counts.put(label, new EnumMap<>(c)));
    failed = store.failedIds();
    Usage u = store.usage();
    responses = u.responses();
    tokens = u.promptTokens() + u.completionTokens();
    usd = u.usd();
  }

  /** The requests of the next pass, to know each outcome's label. */
  synchronized void begin(List<StoredRequest> requests) {
    labelOf.clear();
    requests.forEach(r -> labelOf.put(r.id(), r.label()));
  }

  /** The label of a request of the current pass ("" if unknown). */
  synchronized String label(String requestId) {
    return labelOf.getOrDefault(requestId, "");
  }

  /** Moves the counts as the store moved them for {@code o}. */
  synchronized void record(Outcome o) {
    String label = labelOf.get(o.requestId());
    if (label == null) {
      return;
    }
    Map<RunStore.Status, Integer> c = counts.computeIfAbsent(label, k -> new EnumMap<>(RunStore.Status.class));
    switch (o) {
      case Outcome.Completed done -> {
        move(c, failed.remove(o.requestId()) ? RunStore.Status.FAILED : RunStore.Status.PLANNED, RunStore.Status.ANSWERED);
        responses++;
        kept++;
        tokens += done.response().usage().total();
        if (!done.response().cached()) {
          usd += done.usd();
        }
      }
      case Outcome.Failed f -> {
        if (failed.add(o.requestId())) {
          move(c, RunStore.Status.PLANNED, RunStore.Status.FAILED);
        }
      }
      case Outcome.Stopped s -> { }
    }
  }

  private static void move(Map<RunStore.Status, Integer> c, RunStore.Status from, RunStore.Status to) {
    c.merge(from, -1, Integer::sum);
    c.merge(to, 1, Integer::sum);
  }

  synchronized RunStatus.Counts totals() {
    RunStatus.Counts t = RunStatus.Counts.ZERO;
    for (Map<RunStore.Status, Integer> c : counts.values()) {
      t = t.plus(RunStatus.Counts.of(c));
    }
    return t;
  }

  synchronized RunEvent.Progress progress() {
    return new RunEvent.Progress(totals(), responses, tokens, usd);
  }

  /** Answers stored since this tally began. */
  synchronized long kept() {
    return kept;
  }
}
