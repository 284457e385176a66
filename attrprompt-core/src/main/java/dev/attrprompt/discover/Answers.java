package dev.attrprompt.discover;

import dev.attrprompt.attributes.ListItems;
import dev.attrprompt.task.Label;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads LLM answers: lists (numbered, bulleted, with preambles), dimension names, labels, yes/no. */
public final class Answers {
  private Answers() {}

  private static final Pattern LIST_LINE = Pattern.compile("^\\s*(?:\\(?\\d{1,3}[.):]|[-*•·–—+])\\s+.*");
  private static final Pattern CHATTY = Pattern.compile(
      "(?i)^(?:sure|certainly|of course|here (?:is|are)|below (?:is|are)|i hope|let me know|feel free|these are|"
          + "note:|okay|ok[,.!]).*");

  /**
   * The items of a list answer. When some lines are numbered or bulleted, only those count (so a
   * preamble or sign-off is ignored); otherwise every non-chatty line does. Items are cleaned and
   * repeats (case-insensitive) dropped.
   */
  public static ListItems.Result list(String answer) {
    List<String> lines = answer.lines().filter(l -> !l.isBlank()).toList();
    List<String> marked = lines.stream().filter(l -> LIST_LINE.matcher(l).matches()).toList();
    List<String> chosen = !marked.isEmpty() ? marked
        : lines.stream().filter(l -> !CHATTY.matcher(l.strip()).matches() && !l.strip().endsWith(":")).toList();
    if (chosen.size() == 1 && chosen.get(0).contains(",")) {
      chosen = List.of(chosen.get(0).split(","));
    }
    return ListItems.items(chosen);
  }

  /** A short snake_case dimension name from an item like "Writing style: formal or casual". */
  public static Optional<String> dimensionName(String item) {
    String head = item.split("[:(]|\\s[-–—]\\s", 2)[0];
    String name = head.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
    if (name.isEmpty() || name.length() > 40 || !Character.isLetter(name.charAt(0))) {
      return Optional.empty();
    }
    return Optional.of(name);
  }

  /** A label written loosely, matched to the task's labels (exactly after normalising, then squashed). */
  public static Optional<Label> label(String written, List<Label> labels) {
    return Label.match(ListItems.clean(written), labels);
  }

  /** yes/1/true → yes, no/0/false → no, anything else unknown (the first word decides). */
  public static Optional<Boolean> yesNo(String answer) {
    String first = answer.strip().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+", 2)[0];
    return switch (first) {
      case "yes", "1", "true", "y" -> Optional.of(true);
      case "no", "0", "false", "n" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** Dimensions whose values depend on the label, known by name. */
  public static Optional<Boolean> dependentByName(String dimension) {
    String d = dimension.toLowerCase(Locale.ROOT);
    for (String dep : List.of("subtopic", "topic", "product", "brand", "scenario", "technique", "resource", "issue",
        "aspect", "theme")) {
      if (d.contains(dep)) {
        return Optional.of(true);
      }
    }
    for (String ind : List.of("length", "style", "tone", "location", "region", "country", "audience", "format",
        "genre", "language", "depth", "experience", "perspective", "sentiment", "formality")) {
      if (d.contains(ind)) {
        return Optional.of(false);
      }
    }
    return Optional.empty();
  }

}
