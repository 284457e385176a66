package dev.attrprompt.llm;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A concurrency gate whose limit moves AIMD-style, as TCP's window does: a 429 halves it, each
 * success adds 1/limit (about +1 per round of requests), always between 1 and the configured max.
 * A burst of 429s from requests that were all sent before the last cut counts once: each permit
 * carries the epoch it was taken in, and only a 429 from the current epoch cuts again.
 */
final class AdaptiveLimit {
  private final int max;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();
  private double limit;
  private int inFlight;
  private long epoch;

  /** How an attempt went, for the limit. */
  enum Signal { SUCCESS, OVERLOAD, NEUTRAL }

  AdaptiveLimit(int max) {
    this.max = max;
    this.limit = max;
  }

  /** Waits for room; returns the permit's epoch, or -1 if {@code stopped} became true. */
  long acquire(BooleanSupplier stopped) throws InterruptedException {
    lock.lock();
    try {
      while (inFlight >= (int) limit) {
        if (stopped.getAsBoolean()) {
          return -1;
        }
        room.await();
      }
      if (stopped.getAsBoolean()) {
        return -1;
      }
      inFlight++;
      if (inFlight < (int) limit) {
        room.signal(); // pass the wake-up on while there is room, instead of signalAll storms
      }
      return epoch;
    } finally {
      lock.unlock();
    }
  }

  /** Gives a permit back and applies how its attempt went to the limit. */
  void release(long permitEpoch, Signal signal) {
    lock.lock();
    try {
      inFlight--;
      adjust(permitEpoch, signal);
      if (inFlight < (int) limit) {
        room.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Gives a permit's place back before its attempt is judged: its answer has arrived, so it is no
   * longer in flight, and a waiting request may go out while the answer is read. {@link #judge}
   * must follow, instead of {@link #release}.
   */
  void free() {
    lock.lock();
    try {
      inFlight--;
      if (inFlight < (int) limit) {
        room.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Applies how the attempt of a permit given back by {@link #free} went to the limit. */
  void judge(long permitEpoch, Signal signal) {
    lock.lock();
    try {
      adjust(permitEpoch, signal);
      if (inFlight < (int) limit) {
        room.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  private void adjust(long permitEpoch, Signal signal) {
    if (signal == Signal.OVERLOAD && permitEpoch == epoch) {
      limit = Math.max(1, limit / 2);
      epoch++;
    } else if (signal == Signal.SUCCESS && limit < max) {
      limit = Math.min(max, limit + 1 / limit);
    }
  }

  /** Wakes every waiter so that each sees the stop. */
  void wakeAll() {
    lock.lock();
    try {
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int limit() {
    lock.lock();
    try {
      return (int) limit;
    } finally {
      lock.unlock();
    }
  }

  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }
}
