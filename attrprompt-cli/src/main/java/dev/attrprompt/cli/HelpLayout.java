package dev.attrprompt.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How every command's help reads. Descriptions are written in source as short lines; here they
 * become paragraphs that picocli wraps to the terminal (an empty line starts a new one), and a
 * command list shows each command's whole first sentence rather than its first source line.
 */
final class HelpLayout {
  private HelpLayout() {}

  private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.+?[.!?])(?=\\s+[A-Z'\"(-]|$)");

  /** Applies the layout to {@code cli} and every subcommand under it. */
  static void apply(CommandLine cli) {
    UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
    usage.description(paragraphs(usage.description()));
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
    cli.getSubcommands().values().forEach(HelpLayout::apply);
  }

  /** Source lines joined into paragraphs; an empty line separates two. */
  static String[] paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          out.add(current.toString());
          current.setLength(0);
        }
        out.add("");
      } else {
        current.append(current.isEmpty() ? "" : " ").append(line.strip());
      }
    }
    if (!current.isEmpty()) {
      out.add(current.toString());
    }
    return out.toArray(String[]::new);
  }

  /** The first sentence of a command's description, as its summary in a command list. */
  static String summary(CommandLine.Model.CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    String text = header.length > 0 ? header[0] : String.join(" ", paragraphs(spec.usageMessage().description()));
    text = text.replace("%n", " ").replace("%%", "%").strip();
    Matcher m = FIRST_SENTENCE.matcher(text);
    return m.find() ? m.group(1) : text;
  }

  private static String commandList(Help help) {
    Map<String, Help> subcommands = help.subcommands();
    List<Map.Entry<String, Help>> shown = subcommands.entrySet().stream()
        .filter(e -> !e.getValue().commandSpec().usageMessage().hidden()).toList();
    if (shown.isEmpty()) {
      return "";
    }
    int nameWidth = shown.stream().mapToInt(e -> e.getKey().length()).max().orElse(0) + 2;
    int width = help.commandSpec().usageMessage().width();
    TextTable table = TextTable.forColumns(help.colorScheme(),
        new Column(nameWidth + 2, 2, Column.Overflow.SPAN),
        new Column(Math.max(20, width - nameWidth - 2), 2, Column.Overflow.WRAP));
    table.setAdjustLineBreaksForWideCJKCharacters(
        help.commandSpec().usageMessage().adjustLineBreaksForWideCJKCharacters());
    for (Map.Entry<String, Help> e : shown) {
      table.addRowValues(e.getKey(), summary(e.getValue().commandSpec()));
    }
    return table.toString();
  }
}
