package dev.attrprompt.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a run works: the first asks the run to stop (nothing more is
 * sent, answers on the wire are kept, the command then says how to resume and exits 130 or 143);
 * a second one exits at once, which is safe because every answer is committed as it arrives.
 * The JVM's own handlers are put back on {@link #close()}.
 */
final class SignalStop implements AutoCloseable {
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private volatile int received;

  SignalStop(PrintWriter err, Runnable stop) {
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal signal = new Signal(name);
        previous.add(Signal.handle(signal, s -> {
          if (received != 0) {
            Runtime.getRuntime().halt(128 + s.getNumber());
          }
          received = s.getNumber();
          err.println();
          err.println("stopping (SIG" + s.getName() + "): nothing more is sent, answers on the wire are kept; "
              + "press Ctrl-C again to quit at once");
          err.flush();
          stop.run();
        }));
        signals.add(signal);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // this platform does not let us handle it: the JVM's default applies
      }
    }
  }

  /** 128 + the signal's number once one arrived: 130 for SIGINT, 143 for SIGTERM. */
  OptionalInt exitCode() {
    return received == 0 ? OptionalInt.empty() : OptionalInt.of(128 + received);
  }

  /** The signal's name, e.g. SIGINT, once one arrived. */
  String name() {
    return received == 2 ? "SIGINT" : received == 15 ? "SIGTERM" : "signal " + received;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
