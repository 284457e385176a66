package dev.attrprompt.llm;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests-per-minute and tokens-per-minute pacing. Limits come from the configuration, or are
 * learned from {@code x-ratelimit-limit-*} headers when not configured; {@code -remaining-*}
 * lowers the local balance to what the server sees. {@code -reset-*} is recorded but does not
 * pace: OpenAI's reset is the time until the bucket is full again, not until the next request may
 * go, so pacing at the limit's rate is the better guide.
 */
final class RateLimits {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  private final TokenBucket requests;
  private final TokenBucket tokens;
  private final boolean learnRequests;
  private final boolean learnTokens;
  private volatile long pausedUntil;
  private volatile Stats.ServerLimits learned = Stats.ServerLimits.NONE;

  RateLimits(long rpm, long tpm) {
    long now = System.nanoTime();
    this.requests = new TokenBucket(rpm, now);
    this.tokens = new TokenBucket(tpm, now);
    this.learnRequests = rpm == 0;
    this.learnTokens = tpm == 0;
  }

  /** Reserves one request and {@code n} tokens; returns the nanoseconds to wait before sending. */
  long acquire(long n) {
    long now = System.nanoTime();
    long wait = Math.max(requests.take(1, now), tokens.take(n, now));
    return Math.max(wait, pausedUntil - now);
  }

  /** Nanoseconds left of a pause every sender must honour (0 if none). */
  long pauseLeft() {
    return Math.max(0, pausedUntil - System.nanoTime());
  }

  /** Corrects a token reservation: positive gives back, negative charges more. */
  void correct(long delta) {
    long now = System.nanoTime();
    if (delta > 0) {
      tokens.give(delta, now);
    } else if (delta < 0) {
      tokens.take(-delta, now);
    }
  }

  /** Gives back the request unit of an attempt the server turned away without serving it. */
  void refundRequest() {
    requests.give(1, System.nanoTime());
  }

  /** Every sender waits this long: the server said when it will take requests again. */
  void pause(Duration d) {
    long until = System.nanoTime() + d.toNanos();
    synchronized (this) {
      if (until > pausedUntil) {
        pausedUntil = until;
      }
    }
  }

  void observe(HttpHeaders h) {
    OptionalLong limitRequests = number(h, "x-ratelimit-limit-requests");
    OptionalLong limitTokens = number(h, "x-ratelimit-limit-tokens");
    if (limitRequests.isEmpty() && limitTokens.isEmpty()) {
      return; // most local servers send none: skip the rest cheaply
    }
    OptionalLong remainingRequests = number(h, "x-ratelimit-remaining-requests");
    OptionalLong remainingTokens = number(h, "x-ratelimit-remaining-tokens");
    long now = System.nanoTime();
    if (learnRequests && limitRequests.isPresent() && limitRequests.getAsLong() > 0
        && requests.limit() != limitRequests.getAsLong()) {
      requests.setLimit(limitRequests.getAsLong(), now);
    }
    if (learnTokens && limitTokens.isPresent() && limitTokens.getAsLong() > 0
        && tokens.limit() != limitTokens.getAsLong()) {
      tokens.setLimit(limitTokens.getAsLong(), now);
    }
    remainingRequests.ifPresent(r -> requests.clamp(r, now));
    remainingTokens.ifPresent(r -> tokens.clamp(r, now));
    learned = new Stats.ServerLimits(limitRequests, limitTokens, remainingRequests, remainingTokens,
        h.firstValue("x-ratelimit-reset-requests").flatMap(RateLimits::duration),
        h.firstValue("x-ratelimit-reset-tokens").flatMap(RateLimits::duration));
  }

  Stats.ServerLimits learned() {
    return learned;
  }

  long requestsPerMinute() {
    return requests.limit();
  }

  long tokensPerMinute() {
    return tokens.limit();
  }

  private static OptionalLong number(HttpHeaders h, String name) {
    Optional<String> v = h.firstValue(name);
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(v.get().strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Parses OpenAI's reset format: "20ms", "1s", "6m0s", "1h2m3.5s". */
  static Optional<Duration> duration(String text) {
    String t = text.strip();
    Matcher m = DURATION_PART.matcher(t);
    double nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double v = Double.parseDouble(m.group(1));
      nanos += v * switch (m.group(2)) {
        case "h" -> 3600e9;
        case "m" -> 60e9;
        case "s" -> 1e9;
        default -> 1e6;
      };
      end = m.end();
    }
    return end == t.length() && end > 0 ? Optional.of(Duration.ofNanos((long) nanos)) : Optional.empty();
  }
}
