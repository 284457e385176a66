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
 * run): requests answered per minute, accepted samples per minute, and from them the time left.
 */
final class RunRates {
  private static final long WINDOW_NANOS = 60_000_000_000L;
  private static final long MIN_SPAN_NANOS = 2_000_000_000L;

  private record Point(long nanos, long done, long accepted) {}

  private final Map<Path, Deque<Point>> seen = new ConcurrentHashMap<>();

  /** Notes the counts of {@code status} now and returns the run's live figures. */
  Map<String, Object> observe(Path dir, RunStatus status, long target) {
    return observe(dir, status, target, System.nanoTime());
  }

  Map<String, Object> observe(Path dir, RunStatus status, long target, long now) {
    RunStatus.Counts t = status.totals();
    Point p = new Point(now, t.accepted() + t.rejected() + t.failed(), t.accepted());
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
    Double acceptedPerMinute = null;
    if (span >= MIN_SPAN_NANOS) {
      double minutes = span / 60e9;
      rpm = (p.done() - first.done()) / minutes;
      acceptedPerMinute = (p.accepted() - first.accepted()) / minutes;
    }
    out.put("requests_per_minute", rpm == null ? null : round(rpm, 1));
    out.put("accepted_per_minute", acceptedPerMinute == null ? null : round(acceptedPerMinute, 1));
    long left = Math.max(0, target - t.accepted());
    Long eta = null;
    if (left == 0) {
      eta = 0L;
    } else if (acceptedPerMinute != null && acceptedPerMinute > 0) {
      eta = Math.round(left / acceptedPerMinute * 60);
    }
    out.put("eta_seconds", eta);
    out.put("tokens", status.usage().promptTokens() + status.usage().completionTokens());
    out.put("usd", status.price().isPresent() ? round(status.usage().usd(), 6) : null);
    Double projected = null;
    if (status.price().isPresent() && t.accepted() > 0) {
      projected = round(status.usage().usd() * Math.max(1.0, (double) target / t.accepted()), 6);
    }
    out.put("projected_usd", projected);
    return out;
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
