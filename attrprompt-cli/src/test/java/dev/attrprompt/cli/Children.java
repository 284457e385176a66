package dev.attrprompt.cli;

import dev.attrprompt.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code attrprompt} commands in child JVMs, as a person's shell would. */
final class Children {
  private Children() {}

  /** Runs {@code generate TASK --out RUN --base-url SIM OPTIONS} in a child JVM, its output going to {@code log}. */
  static Process generate(Path task, Path run, Simulator sim, Path log, String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("generate", task.toString(), "--out", run.toString(), "--base-url",
        sim.baseUrl().toString()));
    args.addAll(List.of(options));
    return start(log, args);
  }

  /** Runs {@code attrprompt ARGS} in a child JVM with a test key, its output going to {@code log}. */
  static Process start(Path log, List<String> args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // a shell's background job (a build started with &) ignores SIGINT, and so would the child:
    // env puts the default disposition back, as a terminal's foreground job has it
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", java,
        "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "dev.attrprompt.cli.Main"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("OPENAI_API_KEY", "k");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  /** Sends {@code signal} (INT, TERM) to {@code p} as kill(1) would. */
  static void signal(Process p, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " failed");
    }
  }
}
