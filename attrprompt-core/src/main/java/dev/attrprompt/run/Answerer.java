package dev.attrprompt.run;

import java.util.List;

/**
 * Gets answers for requests: the request engine online, a Batch API round trip, or a test double.
 * It records each outcome in the store as it arrives and returns when all are answered or failed,
 * or when it had to stop (budget, quota, interruption).
 */
public interface Answerer {

  /** How a pass ended. */
  sealed interface End {
    record Completed() implements End {}

    /** The run cannot go on now but can be resumed: the reason says what to do. */
    record Stopped(RunResult.Cause cause, String reason) implements End {
      public Stopped(String reason) {
        this(RunResult.Cause.STOPPED, reason);
      }
    }
  }

  End answer(List<StoredRequest> requests, RunStore store);
}
