package dev.attrprompt.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests-per-minute and tokens-per-minute token buckets, as OpenAI describes its limits: each
 * bucket holds one minute's worth and refills continuously. A request takes one request and its
 * estimated tokens from both buckets, or from neither.
 *
 * <p>Unlimited buckets still answer the six {@code x-ratelimit-*} headers, with a limit of
 * {@value #UNLIMITED} that never goes down, so a client that learns limits from headers learns
 * "plenty" rather than nothing.
 */
final class RateLimiter {
  static final long UNLIMITED = 1_000_000_000L;
  private static final long NANOS_PER_MINUTE = 60_000_000_000L;

  private final long rpm;
  private final long tpm;
  private final Map<String, String> unlimitedHeaders;
  private double requests;
  private double tokens;
  private long lastNanos;

  /** The outcome of {@link #acquire}: the headers to send, and whether the request may run. */
  record Decision(boolean allowed, String limitType, long waitMillis, Map<String, String> headers,
      long requested) {}

  RateLimiter(long rpm, long tpm) {
    this.rpm = rpm;
    this.tpm = tpm;
    this.requests = rpm;
    this.tokens = tpm;
    this.lastNanos = System.nanoTime();
    this.unlimitedHeaders = Map.copyOf(headers(UNLIMITED, UNLIMITED));
  }

  boolean unlimited() {
    return rpm == 0 && tpm == 0;
  }

  /** Takes one request and {@code cost} tokens if both buckets hold enough. */
  Decision acquire(long cost) {
    if (unlimited()) {
      return new Decision(true, null, 0, unlimitedHeaders, cost);
    }
    synchronized (this) {
      refill();
      boolean requestsOk = rpm == 0 || requests >= 1.0;
      boolean tokensOk = tpm == 0 || tokens >= cost;
      if (requestsOk && tokensOk) {
        if (rpm > 0) {
          requests -= 1.0;
        }
        if (tpm > 0) {
          tokens -= cost;
        }
        return new Decision(true, null, 0, headers(requests, tokens), cost);
      }
      String type = requestsOk ? "tokens" : "requests";
      long wait = requestsOk ? waitMillis(tokens, cost, tpm) : waitMillis(requests, 1.0, rpm);
      return new Decision(false, type, wait, headers(requests, tokens), cost);
    }
  }

  /** Gives back what {@link #acquire} took, for an injected fault that served nothing. */
  void refund(long cost) {
    if (unlimited()) {
      return;
    }
    synchronized (this) {
      refill();
      if (rpm > 0) {
        requests = Math.min(rpm, requests + 1.0);
      }
      if (tpm > 0) {
        tokens = Math.min(tpm, tokens + cost);
      }
    }
  }

  /** The headers as things stand, for answers that take nothing from the buckets. */
  Map<String, String> peek() {
    if (unlimited()) {
      return unlimitedHeaders;
    }
    synchronized (this) {
      refill();
      return headers(requests, tokens);
    }
  }

  long tpm() {
    return tpm;
  }

  private void refill() {
    long now = System.nanoTime();
    long elapsed = now - lastNanos;
    lastNanos = now;
    if (rpm > 0) {
      requests = Math.min(rpm, requests + (double) rpm * elapsed / NANOS_PER_MINUTE);
    }
    if (tpm > 0) {
      tokens = Math.min(tpm, tokens + (double) tpm * elapsed / NANOS_PER_MINUTE);
    }
  }

  // Time until the bucket holds `need`; a need above capacity can never be met, so the wait is
  // capped at a minute (the client then gets the same answer and gives up or shrinks the request).
  private static long waitMillis(double level, double need, long perMinute) {
    double missing = Math.min(need, perMinute) - level;
    return Math.max(1, (long) Math.ceil(missing * 60_000.0 / perMinute));
  }

  private static long resetMillis(double level, long perMinute) {
    return (long) Math.ceil((perMinute - level) * 60_000.0 / perMinute);
  }

  private Map<String, String> headers(double requestLevel, double tokenLevel) {
    Map<String, String> h = new LinkedHashMap<>();
    long requestLimit = rpm == 0 ? UNLIMITED : rpm;
    long tokenLimit = tpm == 0 ? UNLIMITED : tpm;
    h.put("x-ratelimit-limit-requests", Long.toString(requestLimit));
    h.put("x-ratelimit-limit-tokens", Long.toString(tokenLimit));
    h.put("x-ratelimit-remaining-requests",
        Long.toString(rpm == 0 ? UNLIMITED : (long) Math.floor(requestLevel)));
    h.put("x-ratelimit-remaining-tokens",
        Long.toString(tpm == 0 ? UNLIMITED : (long) Math.floor(Math.max(0, tokenLevel))));
    h.put("x-ratelimit-reset-requests",
        Durations.format(rpm == 0 ? 0 : resetMillis(requestLevel, rpm)));
    h.put("x-ratelimit-reset-tokens",
        Durations.format(tpm == 0 ? 0 : resetMillis(tokenLevel, tpm)));
    return h;
  }
}
