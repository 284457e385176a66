package dev.attrprompt.web;

import dev.attrprompt.UserError;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunEvent;
import dev.attrprompt.run.RunResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One run worked on by this server on a background thread: it opens the run, generates through
 * the core run API until the run ends or is stopped, and keeps the last errors and the ending for
 * the run page.
 */
public final class RunJob {
  private static final int ERRORS_KEPT = 10;

  private final String name;
  private final Supplier<Run> open;
  private final Function<Run, RunResult> work;
  private final Deque<String> errors = new ArrayDeque<>();
  private final Instant started = Instant.now();
  private volatile Run run;
  private volatile boolean stopRequested;
  private volatile boolean working = true;
  private volatile Optional<String> ending = Optional.empty();
  private volatile boolean endedComplete;
  private final Thread thread;

  /**
   * @param name the run's workspace name, for the thread's name
   * @param open opens (or makes) the run on the worker thread
   * @param work what to do with it, e.g. {@code r -> r.generate(llm)}
   */
  RunJob(String name, Supplier<Run> open, Function<Run, RunResult> work) {
    this.name = name;
    this.open = open;
    this.work = work;
    this.thread = new Thread(this::work, "attrprompt-run " + name);
  }

  void start() {
    thread.start();
  }

  private void work() {
    try (Run r = open.get()) {
      r.onEvent(this::event);
      run = r;
      if (stopRequested) {
        r.stop();
      }
      RunResult result = work.apply(r);
      endedComplete = result.complete();
      ending = Optional.of(result.message());
    } catch (UserError e) {
      ending = Optional.of("error: " + e.getMessage());
    } catch (RuntimeException e) {
      // the page shows a line; a person finds the rest by running the command in a terminal
      ending = Optional.of("failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } finally {
      run = null;
      working = false;
    }
  }

  private void event(RunEvent e) {
    if (e instanceof RunEvent.RequestFailed f) {
      synchronized (errors) {
        errors.addFirst(f.label() + ": " + f.cause());
        while (errors.size() > ERRORS_KEPT) {
          errors.removeLast();
        }
      }
    }
  }

  /** Asks the run to stop: nothing more is sent; answers on the wire are kept. */
  public void stop() {
    stopRequested = true;
    Run r = run;
    if (r != null) {
      r.stop();
    }
  }

  /** Whether the job still works. */
  public boolean working() {
    return working;
  }

  /** When the job started. */
  public Instant started() {
    return started;
  }

  /** How the last call ended (the run's own message), once it ended. */
  public Optional<String> ending() {
    return ending;
  }

  /** Whether the job ended with every label at its quota (a person may have made the run short since). */
  boolean endedComplete() {
    return endedComplete;
  }

  /** The latest failures, newest first. */
  public List<String> lastErrors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  boolean await(Duration d) {
    try {
      thread.join(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  @Override
  public String toString() {
    return "RunJob[" + name + "]";
  }
}
