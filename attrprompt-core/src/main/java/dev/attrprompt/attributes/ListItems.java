package dev.attrprompt.attributes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Cleans list items written by people or LLMs: numbering, bullets, wrapping quotes, repeats. */
public final class ListItems {
  private ListItems() {}

  private static final Pattern NUMBERING = Pattern.compile("^\\(?\\d{1,3}[.):]\\s+");
  private static final Pattern BULLET = Pattern.compile("^[-*•·–—+]\\s+");

  /** One item without numbering, bullet, markdown emphasis or wrapping quotes; may be empty. */
  public static String clean(String line) {
    String s = line.strip();
    s = BULLET.matcher(s).replaceFirst("");
    s = NUMBERING.matcher(s).replaceFirst("");
    s = BULLET.matcher(s).replaceFirst("");
    s = unwrap(s, "**", "**");
    s = unwrap(s, "\"", "\"");
    s = unwrap(s, "“", "”");
    s = unwrap(s, "'", "'");
    return s.strip();
  }

  private static String unwrap(String s, String open, String close) {
    if (s.length() >= open.length() + close.length() + 1 && s.startsWith(open) && s.endsWith(close)) {
      String inner = s.substring(open.length(), s.length() - close.length());
      // "A" and "B" must stay as it is: only strip quotes that wrap the whole item.
      if (!inner.contains(open) && !inner.contains(close)) {
        return inner.strip();
      }
    }
    return s;
  }

  /** Cleans every line, dropping empty items and case-insensitive repeats (first one kept). */
  public static Result items(List<String> lines) {
    List<String> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int empty = 0;
    int repeated = 0;
    for (String line : lines) {
      String item = clean(line);
      if (item.isEmpty()) {
        empty++;
      } else if (!seen.add(item.toLowerCase(Locale.ROOT))) {
        repeated++;
      } else {
        kept.add(item);
      }
    }
    return new Result(List.copyOf(kept), empty, repeated);
  }

  /** The kept items, and how many lines were blank and how many repeated an earlier item. */
  public record Result(List<String> items, int empty, int repeated) {}
}
