package dev.attrprompt.run;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escapes task text (names, labels, settings, templates) where it lands in a dataset card: YAML
 * front matter, Markdown lines and table cells, fenced code blocks. Task files are written by
 * people and may hold any character; none of them may add a front-matter key, break a table row
 * or close a code block.
 */
final class CardText {
  private CardText() {}

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*[*]?");
  private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "true", "false",
      "on", "off", "null");
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  /** A YAML scalar: plain when it can only mean itself, else double-quoted with escapes. */
  static String yaml(String text) {
    if (PLAIN.matcher(text).matches() && !YAML_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
      return text;
    }
    StringBuilder b = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85 || c == 0xFEFF) {
            b.append(String.format(Locale.ROOT, "\\u%04X", c));
          } else {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.append('"').toString();
  }

  /** Markdown text on one line: line breaks become spaces, HTML and backslashes are escaped. */
  static String inline(String text) {
    return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").strip()
        .replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A Markdown table cell: {@link #inline} with the pipe escaped too. */
  static String cell(String text) {
    return inline(text).replace("|", "\\|");
  }

  /** A fenced code block that its content cannot close: the fence is longer than any run of backticks inside. */
  static String fenced(String info, String content) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(content);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    return fence + info + "\n" + content + "\n" + fence + "\n";
  }
}
