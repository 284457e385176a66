package dev.attrprompt.llm;

import dev.attrprompt.llm.Outcome.StopReason;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The run's stop: set once (the first reason wins), seen by every waiting request at once. */
final class StopSignal {
  /** Why and what to do about it. */
  record Stop(StopReason reason, String message) {}

  private final AtomicReference<Stop> stop = new AtomicReference<>();
  private final CountDownLatch latch = new CountDownLatch(1);

  /** Returns true if this call set the stop. */
  boolean set(StopReason reason, String message) {
    if (stop.compareAndSet(null, new Stop(reason, message))) {
      latch.countDown();
      return true;
    }
    return false;
  }

  boolean isSet() {
    return stop.get() != null;
  }

  Optional<Stop> get() {
    return Optional.ofNullable(stop.get());
  }

  /** Sleeps, but wakes when the run stops; returns true if it did. */
  boolean sleep(long nanos) throws InterruptedException {
    return nanos <= 0 ? isSet() : latch.await(nanos, TimeUnit.NANOSECONDS);
  }
}
