package dev.attrprompt.run;

import java.util.Map;

/**
 * What a run tells its listeners while it works, so that a terminal progress bar, a test and a
 * web page watch the same run. Events arrive on the thread that runs the run, in order.
 */
public sealed interface RunEvent {

  /** The run began or resumed; {@code warnings} are lines a person should see first. */
  record Started(Manifest manifest, boolean resumed, java.util.List<String> warnings) implements RunEvent {}

  /** Requests were planned for a round (round 1 is the first plan, later rounds top quotas up). */
  record Planned(int round, long requests) implements RunEvent {}

  /**
   * The run's counts changed (an answer or a failure was stored, a screening pass ended): the
   * same numbers {@code status} shows at this moment.
   *
   * @param responses answers stored so far (cache hits included)
   * @param usd what the run has spent in all its invocations
   */
  record Progress(RunStatus.Counts counts, long responses, long tokens, double usd) implements RunEvent {}

  /** A screening pass over every stored answer ended; accepted counts per label. */
  record Screened(Map<String, Integer> accepted, RunStatus.Counts counts) implements RunEvent {}

  /** A request failed after its retries (or at once, for a request error); its cause in one line. */
  record RequestFailed(String requestId, String label, String cause) implements RunEvent {}

  /** A line from the Batch API path (submitted, polled, ingested). */
  record BatchNote(String line) implements RunEvent {}

  /** The run is stopping: nothing more is sent; answers on the wire are still kept. */
  record Stopping(RunResult.Cause cause, String message) implements RunEvent {}

  /** The call ended; the result says how. */
  record Finished(RunResult result) implements RunEvent {}
}
