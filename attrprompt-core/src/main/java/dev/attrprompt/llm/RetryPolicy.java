package dev.attrprompt.llm;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try again: what the server asked for ({@code retry-after-ms}, then {@code retry-after}
 * in seconds or as an HTTP date, as the official SDKs read them), else exponential backoff with
 * full jitter, which spreads a crowd of retries instead of moving it in step.
 */
record RetryPolicy(int maxAttempts, Duration base, Duration max, Duration maxRetryAfter) {

  /** The wait after failed attempt {@code attempt} (1-based). */
  Duration delay(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
    if (retryAfter.isPresent()) {
      Duration d = retryAfter.get();
      return d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d;
    }
    int shift = Math.min(attempt - 1, 30);
    long ceiling = Math.min(max.toNanos(), base.toNanos() << shift);
    if (ceiling <= 0) { // the shift overflowed
      ceiling = max.toNanos();
    }
    return Duration.ofNanos(random.nextLong(ceiling + 1));
  }

  static Optional<Duration> retryAfter(HttpHeaders h, java.time.Clock clock) {
    Optional<Duration> ms = h.firstValue("retry-after-ms").flatMap(v -> seconds(v, 1e-3));
    return ms.isPresent() ? ms : h.firstValue("retry-after").flatMap(v ->
        seconds(v, 1).or(() -> date(v, clock)));
  }

  private static Optional<Duration> seconds(String v, double scale) {
    try {
      double x = Double.parseDouble(v.strip()) * scale;
      return x >= 0 && !Double.isInfinite(x)
          ? Optional.of(Duration.ofNanos((long) (x * 1e9))) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> date(String v, java.time.Clock clock) {
    try {
      Duration d = Duration.between(clock.instant(),
          ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
