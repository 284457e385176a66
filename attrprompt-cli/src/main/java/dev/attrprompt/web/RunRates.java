package dev.attrprompt.web;

import dev.attrprompt.run.RunStatus;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Speeds of the runs pages watch, from the counts seen over the last minute (whoever writes the
 * run): requests answered (or failed) per minute, and from it the time the planned requests still
 * take; the dollars all of them will cost at the price of the answers so far. Answers are screened
 * when a round ends, so a round of top-ups for rejected answers can follow.
 */
final class RunRates {
  private static final long WINDOW_NANOS = 60_000_000_000L;
  private static final long MIN_SPAN_NANOS = 2_000_000_000L;

  private record Point(long nanos, long done) {}

  private final Map<Path, Deque<Point>> seen = new ConcurrentHashMap<>();

  /** Notes the counts of {@code status} now and returns the run's live figures. */
  Map<String, Object> observe(Path dir, RunStatus status, long target) {
    return observe(dir, status, target, System.nanoTime());
  }

  Map<String, Object> observe(Path dir, RunStatus status, long target, long now) {
    RunStatus.Counts t = status.totals();
    long answered = status.usage().responses() + t.failed();
    Point p = new Point(now, answered);
    Deque<Point> points = seen.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new ArrayDeque<>());
    Point first;
    synchronized (points) {
      if (!points.isEmpty() && points.peekLast().done() > p.done()) {
        points.clear(); // counts went down: a rescreen, or another run in the same folder
      }
      points.addLast(p);
      while (points.size() > 2 && now - points.peekFirst().nanos() > WINDOW_NANOS) {
        points.removeFirst();
      }
      first = points.peekFirst();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    long span = now - first.nanos();
    Double rpm = null;
    if (span >= MIN_SPAN_NANOS) {
      rpm = (p.done() - first.done()) / (span / 60e9);
    }
    out.put("requests_per_minute", rpm == null ? null : round(rpm, 1));
    // the requests still to answer: those planned, and at least the quota not yet filled
    long expected = Math.max(t.planned(), t.accepted() + t.rejected() + t.failed() + Math.max(0, target - t.accepted()));
    long left = t.accepted() >= target ? 0 : Math.max(0, expected - answered);
    Long eta = null;
    if (left == 0 && t.accepted() >= target) {
      eta = 0L;
    } else if (rpm != null && rpm > 0) {
      eta = Math.round(left / rpm * 60);
    }
    out.put("eta_seconds", eta);
    out.put("tokens", status.usage().promptTokens() + status.usage().completionTokens());
    out.put("usd", status.price().isPresent() ? round(status.usage().usd(), 6) : null);
    Double projected = null;
    if (status.price().isPresent() && answered > 0) {
      projected = round(status.usage().usd() + status.usage().usd() / answered * left, 6);
    }
    out.put("projected_usd", projected);
    return out;
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
