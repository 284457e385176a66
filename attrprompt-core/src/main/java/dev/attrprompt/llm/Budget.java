package dev.attrprompt.llm;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A hard spending cap. Each request reserves its worst case before it is sent and settles to the
 * real cost after, so spent + reserved never passes the cap. Amounts are whole nano-dollars:
 * doubles would drift, and "nothing reserved" must be exactly zero.
 */
final class Budget {
  private final long cap; // Long.MAX_VALUE = no cap
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition settled = lock.newCondition();
  private long spent;
  private long reserved;
  private int outstanding;

  Budget(long capNanos) {
    this.cap = capNanos;
  }

  static long nanos(double usd) {
    return (long) Math.ceil(usd * 1e9);
  }

  /**
   * Reserves {@code amount}. While it does not fit but other reservations are out, waits for them
   * to settle (they usually cost less than their worst case); returns false when it cannot fit even
   * with nothing else out, or when {@code stopped} turns true.
   */
  boolean reserve(long amount, BooleanSupplier stopped) throws InterruptedException {
    lock.lock();
    try {
      while (spent + reserved + amount > cap) {
        if (outstanding == 0 || stopped.getAsBoolean()) {
          return false;
        }
        settled.await();
      }
      reserved += amount;
      outstanding++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Ends a reservation; {@code cost} is what was really spent (0 if nothing was bought). */
  void settle(long amount, long cost) {
    lock.lock();
    try {
      reserved -= amount;
      outstanding--;
      spent += cost;
      settled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void wakeAll() {
    lock.lock();
    try {
      settled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  long spent() {
    lock.lock();
    try {
      return spent;
    } finally {
      lock.unlock();
    }
  }

  long reserved() {
    lock.lock();
    try {
      return reserved;
    } finally {
      lock.unlock();
    }
  }

  long cap() {
    return cap;
  }
}
