package dev.attrprompt.run;

import java.util.Map;

/**
 * How one generation call on a run ended.
 *
 * @param message one line for a person: what happened and what to do next
 * @param accepted accepted samples per label
 * @param kept answers stored by this call (paid or from the cache)
 */
public record RunResult(Ending ending, String message, Map<String, Integer> accepted, long kept, RunStatus status) {

  public RunResult {
    accepted = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(accepted));
  }

  /** Why a run stopped before it was complete. */
  public enum Cause {
    /** {@link Run#stop()}: Ctrl-C, SIGTERM, a caller. */
    STOPPED,
    /** The run's budget is spent. */
    BUDGET,
    /** The provider has no credit left. */
    QUOTA,
    /** The endpoint refused the key, model or URL. */
    REFUSED,
    /** A paid answer could not be stored. */
    STORAGE,
    /** Batch answers are still being waited for. */
    BATCH_PENDING
  }

  /** How the call ended. */
  public sealed interface Ending {
    /** Every label has its quota. */
    record Complete() implements Ending {}

    /** The run stopped and can be resumed. */
    record Stopped(Cause cause) implements Ending {}

    /** Requests failed after their retries; {@code firstCause} is the most frequent cause. */
    record Failed(long requests, String firstCause) implements Ending {}

    /** The top-up rounds were used up before every quota was filled. */
    record Unfilled(Map<String, Integer> shortfall) implements Ending {}

    /** Planned only; requests wait for answers through Batch files. */
    record Planned(long waiting) implements Ending {}
  }

  public boolean complete() {
    return ending instanceof Ending.Complete;
  }
}
