package dev.attrprompt.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Prints every command's {@code --help}, in a child JVM of {@link HelpAndReadmeTest}: picocli
 * writes its own warnings to the process's standard error, so each command's section is marked
 * on both streams.
 */
final class HelpDump {
  private HelpDump() {}

  /** Every visible command path, e.g. "attrprompt", "attributes discover" (help excluded). */
  static List<List<String>> commandPaths() {
    List<List<String>> out = new ArrayList<>();
    walk(new CommandLine(new Main()), new ArrayList<>(), out);
    return out;
  }

  private static void walk(CommandLine cli, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    cli.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommandSpec().usageMessage().hidden() || sub.getCommandSpec().helpCommand()) {
        return;
      }
      List<String> next = new ArrayList<>(path);
      next.add(name);
      walk(sub, next, out);
    });
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    for (List<String> path : commandPaths()) {
      String marker = "=== " + String.join(" ", path);
      out.println(marker);
      err.println(marker);
      List<String> argv = new ArrayList<>(path);
      argv.add("--help");
      int code = Main.run(argv.toArray(String[]::new), out, err);
      out.println("=== exit " + code);
    }
    out.flush();
    err.flush();
  }
}
