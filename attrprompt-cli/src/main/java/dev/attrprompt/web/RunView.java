package dev.attrprompt.web;

import dev.attrprompt.run.Manifest;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunStatus;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A run as the pages show it: its manifest, its status (read through the core run API, also while
 * another process writes it) and its state.
 *
 * @param writer the process that writes it now, when that is not this server
 */
public record RunView(String rel, Manifest manifest, RunStatus status, State state, Optional<String> writer) {

  /** Where a run stands. */
  public enum State {
    /** Nothing answered yet. */
    PLANNED,
    /** Being worked on, by this server or another process. */
    RUNNING,
    /** Ended before every label had its quota (stopped, budget spent, failures). */
    STOPPED,
    /** Every label has its quota of accepted samples. */
    COMPLETE;

    /** The state's name as pages and JSON show it. */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Reads the run in {@code dir} (a folder the workspace found).
   *
   * @throws dev.attrprompt.UserError or {@link dev.attrprompt.WorkFailure} when it cannot be read
   */
  public static RunView read(WebContext web, String rel, Path dir) {
    Optional<String> writer = Run.writerOf(dir);
    boolean ours = web.runs().working(dir);
    try (Run run = Run.openReadOnly(dir)) {
      Manifest m = run.manifest();
      RunStatus s = run.status();
      return new RunView(rel, m, s, state(m, s, ours || writer.isPresent()), ours ? Optional.empty() : writer);
    }
  }

  static State state(Manifest m, RunStatus s, boolean working) {
    if (working) {
      return State.RUNNING;
    }
    long quota = m.plan().perClass();
    if (!s.labels().isEmpty() && s.labels().values().stream().allMatch(l -> l.counts().accepted() >= quota)) {
      return State.COMPLETE;
    }
    if (s.usage().responses() == 0 && s.totals().failed() == 0) {
      return State.PLANNED;
    }
    return State.STOPPED;
  }

  /** Samples the run aims for: the quota times the number of labels planned so far. */
  public long target() {
    return (long) manifest.plan().perClass() * status.labels().size();
  }
}
