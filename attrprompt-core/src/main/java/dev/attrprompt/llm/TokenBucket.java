package dev.attrprompt.llm;

/**
 * A per-minute limit as a token bucket that may go into debt.
 *
 * <p>Hand-written rather than Bucket4j because the engine needs four things that Bucket4j only
 * reaches by composing workarounds: a reservation that lets a request bigger than the burst through
 * once the bucket is full (debt), a correction both ways once the real usage is known, clamping to
 * the server's own {@code x-ratelimit-remaining-*} count, and a limit that is learned mid-run. Each
 * is a line here, and the clock is a parameter so that tests need no sleeping.
 *
 * <p>The burst is one second's worth: providers may enforce a per-minute limit in finer slices
 * (OpenAI says so), and a full minute's burst at start would invite a wall of 429s.
 */
final class TokenBucket {
  private static final double NANOS_PER_MINUTE = 60e9;

  private long perMinute; // 0 = no limit
  private double perNano;
  private double capacity;
  private double balance;
  private long last;

  TokenBucket(long perMinute, long now) {
    this.last = now;
    setLimit(perMinute, now);
    this.balance = capacity;
  }

  /**
   * Sets the limit. A bucket that had none starts full, as one configured from the start does: the
   * caller then {@linkplain #clamp clamps} it to what the server says remains.
   */
  synchronized void setLimit(long perMinute, long now) {
    refill(now);
    boolean learned = this.perMinute == 0;
    this.perMinute = perMinute;
    this.perNano = perMinute / NANOS_PER_MINUTE;
    this.capacity = Math.max(1, perMinute / 60.0);
    this.balance = learned ? capacity : Math.min(balance, capacity);
  }

  synchronized long limit() {
    return perMinute;
  }

  /**
   * Takes {@code n} tokens now and returns how long the caller must wait before using them (0 if
   * none). Later callers queue behind this debt, so reservations are served in order.
   */
  synchronized long take(long n, long now) {
    if (perMinute == 0) {
      return 0;
    }
    refill(now);
    double need = Math.min(n, capacity); // a request bigger than the burst waits for a full bucket
    long wait = balance >= need ? 0 : (long) Math.ceil((need - balance) / perNano);
    balance -= n;
    return wait;
  }

  /** Gives tokens back (an estimate that was too high, a request the server rejected). */
  synchronized void give(long n, long now) {
    refill(now);
    balance = Math.min(capacity, balance + n);
  }

  /** The server counts what we cannot see (other clients of the key): never hold more than it. */
  synchronized void clamp(long remaining, long now) {
    refill(now);
    balance = Math.min(balance, remaining);
  }

  synchronized double balance(long now) {
    refill(now);
    return balance;
  }

  private void refill(long now) {
    long elapsed = now - last;
    if (elapsed > 0) {
      balance = Math.min(capacity, balance + elapsed * perNano);
      last = now;
    }
  }
}
