package dev.attrprompt.llm;

import java.util.function.BooleanSupplier;

/**
 * Until the endpoint has answered once, one request at a time goes out (the probe); the others
 * wait for its answer. A wrong key, model or URL then costs one request, not one per concurrency
 * slot, and the rate limits learned from the first answer's headers pace the rest from the start.
 * Any HTTP answer opens the gate for good, whatever its status.
 */
final class FirstAnswer {
  /** What {@link #enter} decided. */
  enum Role { STOPPED, SEND, PROBE }

  private boolean answered;
  private boolean probing;

  /** Waits until this request may send: as the probe, once the endpoint has answered, or never (stopped). */
  synchronized Role enter(BooleanSupplier stopped) throws InterruptedException {
    while (true) {
      if (stopped.getAsBoolean()) {
        return Role.STOPPED;
      }
      if (answered) {
        return Role.SEND;
      }
      if (!probing) {
        probing = true;
        return Role.PROBE;
      }
      wait();
    }
  }

  /** An HTTP answer came: every waiting request may go. */
  synchronized void answered() {
    if (!answered) {
      answered = true;
      notifyAll();
    }
  }

  synchronized boolean hasAnswered() {
    return answered;
  }

  /** The probe ended without any answer (timeouts, no connection): the next waiting request probes. */
  synchronized void leave() {
    probing = false;
    notifyAll();
  }

  /** The run stopped: waiting requests look again and see it. */
  synchronized void wakeAll() {
    notifyAll();
  }
}
