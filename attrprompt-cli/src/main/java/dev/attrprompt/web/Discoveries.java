package dev.attrprompt.web;

import dev.attrprompt.UserError;
import dev.attrprompt.WorkFailure;
import dev.attrprompt.discover.Discovery;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The attribute discoveries this server runs, at most one per task folder. Discovery asks an LLM
 * dozens of questions, so it runs beside the request that started it; the task page shows its
 * state and reloads when it ends. The last outcome per task is kept for the page to show.
 */
final class Discoveries {

  /** Where a task's discovery stands. */
  sealed interface State {
    Instant since();

    /** Asking the LLM. */
    record Running(Instant since, String model) implements State {}

    /** Ended: the proposals wait for a person ({@code result.needsReview()}), or the set was written. */
    record Done(Instant since, String model, Discovery.Result result) implements State {}

    /** Ended with one line for the person. */
    record Failed(Instant since, String model, String line) implements State {}

    /** {@code running}, {@code done} or {@code failed}. */
    default String text() {
      return switch (this) {
        case Running r -> "running";
        case Done d -> "done";
        case Failed f -> "failed";
      };
    }
  }

  private final Map<Path, State> states = new ConcurrentHashMap<>();
  /** The discoveries at work, to stop them when the server closes. */
  private final Map<Path, Discovery> working = new ConcurrentHashMap<>();
  private boolean closing;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "attrprompt-discovery");
    t.setDaemon(true);
    return t;
  });

  /**
   * Starts discovery of {@code task} through an engine made from {@code config}.
   *
   * @throws UserError when a discovery of that task is running, or the server is closing
   */
  synchronized void start(Path dir, String model, Task task, LlmConfig config, Discovery.Options options) {
    if (closing) {
      throw new UserError("the server is stopping; start attribute discovery again after it restarts");
    }
    if (running(dir)) {
      throw new UserError("attribute discovery is already running for this task; wait for it to end");
    }
    states.put(dir, new State.Running(Instant.now(), model));
    pool.execute(() -> {
      State end;
      try (Engine engine = Engine.open(config)) {
        Discovery discovery = new Discovery(task, engine, config.model(), options);
        working.put(dir, discovery);
        synchronized (this) {
          if (closing) {
            discovery.stop(); // closed between the start and here
          }
        }
        end = new State.Done(Instant.now(), model, discovery.run());
      } catch (UserError | WorkFailure e) {
        end = new State.Failed(Instant.now(), model, oneLine(e.getMessage()));
      } catch (RuntimeException | Error e) {
        end = new State.Failed(Instant.now(), model, "discovery failed (a bug; " + e.getClass().getSimpleName() + ")");
      } finally {
        working.remove(dir);
      }
      states.put(dir, end);
    });
  }

  /**
   * Stops every discovery at work (nothing more is asked; one that is writing its attribute set
   * finishes that first, one that is not writes nothing) and waits up to {@code wait} for them
   * to end. No discovery starts after this.
   */
  void close(Duration wait) {
    synchronized (this) {
      closing = true;
    }
    working.values().forEach(Discovery::stop);
    pool.shutdown();
    try {
      pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether a discovery of the task in {@code dir} is running. */
  boolean running(Path dir) {
    return states.get(dir) instanceof State.Running;
  }

  /** The state of the task's latest discovery on this server, if it ran one. */
  Optional<State> state(Path dir) {
    return Optional.ofNullable(states.get(dir));
  }

  private static String oneLine(String s) {
    return s == null ? "discovery failed" : s.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
