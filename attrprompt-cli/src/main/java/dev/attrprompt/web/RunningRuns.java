package dev.attrprompt.web;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The runs this server works on, one job per run folder at a time. */
public final class RunningRuns {
  private final Map<Path, RunJob> jobs = new ConcurrentHashMap<>();

  /** The latest job of the run in {@code dir} (working or ended), if this server started one. */
  public Optional<RunJob> job(Path dir) {
    return Optional.ofNullable(jobs.get(key(dir)));
  }

  /** Whether this server works on the run in {@code dir} now. */
  public boolean working(Path dir) {
    return job(dir).map(RunJob::working).orElse(false);
  }

  /**
   * Starts {@code job} unless one works on the same run already.
   *
   * @throws dev.attrprompt.UserError when the run is already being worked on here
   */
  synchronized RunJob start(Path dir, RunJob job) {
    RunJob old = jobs.get(key(dir));
    if (old != null && old.working()) {
      throw new dev.attrprompt.UserError("this run is already working; stop it first");
    }
    jobs.put(key(dir), job);
    job.start();
    return job;
  }

  /** Stops every working run and waits for each to keep what is on the wire. */
  void stopAll(java.time.Duration wait) {
    jobs.values().forEach(RunJob::stop);
    for (RunJob j : jobs.values()) {
      j.await(wait);
    }
  }

  private static Path key(Path dir) {
    return dir.toAbsolutePath().normalize();
  }
}
