package dev.attrprompt.cli;

import dev.attrprompt.run.RunEvent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Shows a generation run's progress from its events: on a terminal a line redrawn in place with a
 * bar, otherwise one plain line every few seconds, so logs stay readable. Its counts are the
 * run's own (those 'attrprompt status' shows), and a request failure is shown once, with its cause.
 */
final class ProgressReporter implements Consumer<RunEvent>, AutoCloseable {
  private final PrintWriter err;
  private final boolean terminal;
  private final long target;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private volatile RunEvent.Progress latest;
  private volatile long firstResponses = -1;
  private volatile double firstUsd;
  private volatile boolean failureShown;

  ProgressReporter(PrintWriter err, boolean terminal, long target) {
    this.err = err;
    this.terminal = terminal;
    this.target = target;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    long period = terminal ? 250 : 5000;
    timer.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void accept(RunEvent event) {
    switch (event) {
      case RunEvent.Progress p -> {
        if (firstResponses < 0) {
          firstResponses = p.responses();
          firstUsd = p.usd();
        }
        latest = p;
      }
      case RunEvent.RequestFailed f -> {
        if (!failureShown) {
          failureShown = true;
          line("request " + f.requestId() + " failed: " + f.cause());
        }
      }
      default -> { }
    }
  }

  private synchronized void line(String text) {
    err.println((terminal ? "\r\u001b[K" : "") + text);
    err.flush();
  }

  private synchronized void draw() {
    RunEvent.Progress p = latest;
    if (p == null) {
      return;
    }
    double minutes = (System.nanoTime() - startNanos) / 60e9;
    long now = p.responses() - Math.max(0, firstResponses);
    double rpm = minutes > 0 ? now / minutes : 0;
    double fraction = target == 0 ? 1 : Math.min(1, (double) p.counts().accepted() / target);
    var c = p.counts();
    String line = String.format(Locale.ROOT, "%s accepted %,d/%,d rejected %,d failed %,d pending %,d | %,d answers"
            + " | %,.0f answers/min | %,d tokens | $%.4f (this time $%.4f)",
        terminal ? bar(fraction) : "[generate]", c.accepted(), target, c.rejected(), c.failed(), c.pending(),
        p.responses(), rpm, p.tokens(), p.usd(), p.usd() - firstUsd);
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
