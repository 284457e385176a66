package dev.attrprompt.llm;

import dev.attrprompt.llm.Outcome.StopReason;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Engine#run} ended: the engine's counters and, when the run stopped (budget, quota, a
 * refused key or model, a storage fault, {@link Engine#stop()}), why and what to do about it.
 * Requests still unsent when the run stopped were not started and have no outcome; a resumed run
 * asks them again.
 *
 * @param unsent how many of the given requests were never started because the run had stopped
 */
public record RunEnd(Stats stats, Optional<Halt> halt, long unsent) {

  public RunEnd {
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(halt, "halt");
  }

  /** Why a run stopped; {@code message} is one line that says what to do. */
  public record Halt(StopReason reason, String message) {}

  /** Whether every request was started and the run was not stopped. */
  public boolean completed() {
    return halt.isEmpty();
  }
}
