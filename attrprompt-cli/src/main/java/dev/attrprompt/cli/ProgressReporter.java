package dev.attrprompt.cli;

import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.Outcome;
import dev.attrprompt.llm.Stats;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows a generation run's progress: on a terminal a line redrawn in place with a bar, otherwise
 * one plain line every few seconds, so logs stay readable.
 */
final class ProgressReporter implements AutoCloseable {
  private final PrintWriter err;
  private final boolean terminal;
  private final Engine engine;
  private final long total;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private volatile String quota = "";

  ProgressReporter(PrintWriter err, boolean terminal, Engine engine, long total) {
    this.err = err;
    this.terminal = terminal;
    this.engine = engine;
    this.total = total;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    long period = terminal ? 250 : 5000;
    timer.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
  }

  void outcome(Outcome o) {
    done.incrementAndGet();
    if (o instanceof Outcome.Failed) {
      failed.incrementAndGet();
    }
  }

  /** The accepted counts per label after the latest screening. */
  void screened(java.util.Map<String, Integer> accepted, long target) {
    long sum = accepted.values().stream().mapToLong(Integer::longValue).sum();
    long rejected = Math.max(0, done.get() - sum - failed.get());
    quota = String.format(Locale.ROOT, " | accepted %,d/%,d rejected %,d", sum, target, rejected);
  }


  private synchronized void draw() {
    Stats s = engine.stats();
    double minutes = (System.nanoTime() - startNanos) / 60e9;
    long n = done.get();
    long total = Math.max(this.total, n); // top-up rounds for rejected answers add requests
    double rpm = minutes > 0 ? n / minutes : 0;
    double fraction = total == 0 ? 1 : Math.min(1, (double) n / total);
    double projected = fraction > 0 ? s.usd() / fraction : 0;
    long etaSeconds = rpm > 0 ? (long) ((total - n) / rpm * 60) : -1;
    String line = String.format(Locale.ROOT, "%s answered %,d/%,d%s failed %,d | %,.0f req/min | %,d tokens | $%.4f (projected $%.4f) | ETA %s",
        terminal ? bar(fraction) : "[generate]", n, total, quota, failed.get(), rpm,
        s.promptTokens() + s.completionTokens(), s.usd(), projected, etaSeconds < 0 ? "?" : duration(etaSeconds));
    if (terminal) {
      err.print("\r" + line + "\u001b[K");
    } else {
      err.println(line);
    }
    err.flush();
  }

  private static String bar(double fraction) {
    int width = 24;
    int full = (int) Math.round(fraction * width);
    return "[" + "#".repeat(full) + " ".repeat(width - full) + "]";
  }

  private static String duration(long seconds) {
    return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60)
        : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    draw();
    if (terminal) {
      err.println();
    }
    err.flush();
  }
}
