package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help of every command renders cleanly, and the README's command table lists every command,
 * subcommand and option that {@code --help} shows.
 */
class HelpAndReadmeTest {
  static final Path README = Path.of("..", "README.md");
  static Map<String, String> helpOut = new LinkedHashMap<>();
  static Map<String, String> helpErr = new LinkedHashMap<>();
  static Map<String, String> exits = new LinkedHashMap<>();

  /** Runs {@link HelpDump} in a child JVM, so that picocli's warnings to System.err are seen. */
  @BeforeAll
  static void dumpEveryHelp(@TempDir Path tmp) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.attrprompt.cli.HelpDump").redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("help dump finished").isTrue();
    assertThat(p.exitValue()).isZero();
    split(Files.readString(out, StandardCharsets.UTF_8), helpOut, true);
    split(Files.readString(err, StandardCharsets.UTF_8), helpErr, false);
  }

  private static void split(String text, Map<String, String> into, boolean withExits) {
    String current = null;
    StringBuilder section = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("=== exit ") && withExits) {
        exits.put(current, line.substring(9).strip());
      } else if (line.startsWith("=== ")) {
        if (current != null) {
          into.put(current, section.toString());
        }
        current = line.substring(4).strip();
        section.setLength(0);
      } else {
        section.append(line).append('\n');
      }
    }
    if (current != null) {
      into.put(current, section.toString());
    }
  }

  @Test
  void everyCommandsHelpPrintsNoPicocliWarningAndExitsZero() {
    assertThat(helpOut.keySet()).contains("", "generate", "attributes discover", "bench engine", "simulate");
    for (String command : helpOut.keySet()) {
      assertThat(helpErr.getOrDefault(command, "")).as("stderr of '%s --help'", command).isBlank();
      assertThat(exits.get(command)).as("exit of '%s --help'", command).isEqualTo("0");
      assertThat(helpOut.get(command)).as(command).contains("Usage: attrprompt");
    }
  }

  @Test
  void everyCommandsHelpRendersItsLabelsAndVariables() {
    Pattern raw = Pattern.compile("=<[A-Za-z0-9]+>|\\[<[A-Za-z0-9]+>|\\$\\{|%n|%s");
    for (Map.Entry<String, String> e : helpOut.entrySet()) {
      Matcher m = raw.matcher(e.getValue());
      assertThat(m.find()).as("'%s --help' shows an unrendered '%s'", e.getKey(), m.find(0) ? m.group() : "")
          .isFalse();
    }
    for (List<String> path : HelpDump.commandPaths()) {
      CommandLine.Model.CommandSpec spec = spec(path);
      for (ArgSpec arg : spec.args()) {
        boolean takesValue = !(arg instanceof OptionSpec o) || o.arity().max() > 0;
        if (takesValue && !arg.hidden()) {
          assertThat(arg.paramLabel()).as("label of %s in '%s'", arg instanceof OptionSpec o ? o.longestName()
              : arg.paramLabel(), String.join(" ", path)).doesNotStartWith("<");
        }
      }
    }
  }

  @Test
  void commandListsShowWholeSentences() {
    for (Map.Entry<String, String> e : helpOut.entrySet()) {
      String text = e.getValue();
      int at = text.indexOf("\nCommands:\n");
      if (at < 0) {
        continue;
      }
      Map<String, StringBuilder> entries = new LinkedHashMap<>();
      StringBuilder last = null;
      for (String line : text.substring(at + 11).split("\n")) {
        Matcher m = Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
        if (m.matches()) {
          last = new StringBuilder(m.group(2));
          entries.put(m.group(1), last);
        } else if (line.startsWith("    ") && last != null) {
          last.append(' ').append(line.strip());
        }
      }
      assertThat(entries).as(e.getKey()).isNotEmpty();
      entries.forEach((name, summary) -> assertThat(summary.toString().strip())
          .as("summary of '%s' in '%s --help'", name, e.getKey()).matches("(?s).*[.!?]"));
    }
  }

  @Test
  void theReadmeTableListsEveryCommandAndOption() throws IOException {
    List<String> cells = readmeCommandCells();
    List<String> missing = new ArrayList<>();
    for (List<String> path : HelpDump.commandPaths()) {
      if (path.isEmpty()) {
        continue;
      }
      String command = String.join(" ", path);
      List<String> rows = cells.stream().filter(c -> c.equals(command) || c.startsWith(command + " ")).toList();
      if (rows.isEmpty()) {
        missing.add(command);
        continue;
      }
      CommandLine.Model.CommandSpec spec = spec(path);
      if (!spec.subcommands().isEmpty()) {
        continue;
      }
      for (OptionSpec option : spec.options()) {
        if (option.usageHelp() || option.versionHelp() || option.hidden()) {
          continue;
        }
        boolean named = rows.stream().anyMatch(r -> List.of(option.names()).stream()
            .anyMatch(n -> Pattern.compile(Pattern.quote(n) + "(?![A-Za-z0-9-])").matcher(r).find()))
            // the shared endpoint options have a row of their own, which the command's row points to
            || ENDPOINT_OPTIONS.contains(option.longestName()) && endpointRow(cells, option.longestName())
                && rows.stream().anyMatch(r -> r.contains("[endpoint options]"));
        if (!named) {
          missing.add(command + " " + option.longestName());
        }
      }
    }
    assertThat(missing).as("commands and options that README.md's command table does not show").isEmpty();
  }

  static final java.util.Set<String> ENDPOINT_OPTIONS = java.util.Set.copyOf(
      CommandLine.Model.CommandSpec.forAnnotatedObject(new EndpointOptions()).optionsMap().keySet().stream()
          .filter(n -> n.startsWith("--")).toList());

  /** Whether the table's endpoint-options row names {@code option}. */
  private static boolean endpointRow(List<String> cells, String option) {
    return cells.stream().anyMatch(c -> c.startsWith("--") && c.equals(option) || c.startsWith(option + " "));
  }

  /** The code spans of the first column of README.md's command table. */
  static List<String> readmeCommandCells() throws IOException {
    List<String> cells = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(README)) {
      if (line.startsWith("| command |")) {
        inTable = true;
      } else if (inTable && !line.startsWith("|")) {
        break;
      } else if (inTable && line.startsWith("| `")) {
        String first = line.substring(2, line.indexOf(" | ", 2) < 0 ? line.length() : firstCellEnd(line));
        Matcher m = Pattern.compile("`([^`]+)`").matcher(first);
        while (m.find()) {
          cells.add(m.group(1).replace("\\|", "|"));
        }
      }
    }
    assertThat(cells).as("README.md has a '| command |' table").isNotEmpty();
    return cells;
  }

  /** The end of the first cell: the first " | " outside a code span. */
  private static int firstCellEnd(String line) {
    boolean code = false;
    for (int i = 2; i < line.length() - 2; i++) {
      char c = line.charAt(i);
      if (c == '`') {
        code = !code;
      } else if (!code && line.startsWith(" | ", i)) {
        return i;
      }
    }
    return line.length();
  }

  private static CommandLine.Model.CommandSpec spec(List<String> path) {
    CommandLine cli = new CommandLine(new Main());
    for (String name : path) {
      cli = cli.getSubcommands().get(name);
    }
    return cli.getCommandSpec();
  }
}
