package dev.attrprompt.llm;

import dev.attrprompt.UserError;
import dev.attrprompt.llm.Outcome.StopReason;

/**
 * Thrown by {@link Engine#run} after every outcome was delivered, when the run stopped for a
 * reason the user must act on (budget, quota, a refused key/model/URL). Everything answered so far
 * was delivered and committed, so the same run can be resumed.
 */
public final class RunStopped extends UserError {
  private final StopReason reason;

  public RunStopped(StopReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public StopReason reason() {
    return reason;
  }
}
