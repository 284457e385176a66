package dev.attrprompt.task;

import java.util.Locale;
import java.util.Optional;

/**
 * A class of the task. {@code name} is the normalised identifier used in files and exports
 * (lower case, spaces as underscores, as in the AttrPrompt release); {@code display} is how the
 * label is written in prompts.
 */
public record Label(String name, String display, Optional<String> description) {

  public Label {
    if (name.isBlank()) {
      throw new IllegalArgumentException("blank label name");
    }
  }

  public static Label of(String written) {
    return new Label(normalise(written), written.strip(), Optional.empty());
  }

  /**
   * A label written the AttrPrompt release's way ({@code Sci_Tech}, {@code fortnite_br}): the
   * name as {@link #of} makes it, shown with spaces ("Sci Tech"), as the authors' prompts did.
   */
  public static Label withSpaces(String written) {
    String display = written.strip().replace('_', ' ').replaceAll("\\s+", " ");
    return new Label(normalise(written), display.isBlank() ? written.strip() : display,
        Optional.empty());
  }

  /**
   * The label a loosely written name means: equal after normalising ("Toys games" →
   * toys_games), else equal with everything but letters and digits removed ("buildapc").
   */
  public static java.util.Optional<Label> match(String written, java.util.List<Label> labels) {
    String normal = normalise(written);
    for (Label l : labels) {
      if (l.name().equals(normal) || normalise(l.display()).equals(normal)) {
        return java.util.Optional.of(l);
      }
    }
    String squashed = squash(written);
    return labels.stream().filter(l -> squash(l.name()).equals(squashed)).findFirst();
  }

  private static String squash(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  /**
   * Why {@code written} cannot name a label, or empty when it can. A label's name becomes part of
   * request and sample ids ({@code billing-000017}), batch {@code custom_id}s and export rows, so
   * it needs a letter or digit and no path separator or control character. Such labels are
   * refused rather than rewritten: the ids of every valid label stay as they were.
   */
  public static Optional<String> problem(String written) {
    String name = written.strip();
    String reason;
    if (name.isEmpty()) {
      reason = "is empty";
    } else if (!name.codePoints().anyMatch(Character::isLetterOrDigit)) {
      reason = "has no letter or digit";
    } else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      reason = "contains a path separator ('/' or '\\')";
    } else if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
        && !Character.isWhitespace(c))) {
      reason = "contains a control character";
    } else {
      return Optional.empty();
    }
    return Optional.of("label '" + oneLine(name) + "' " + reason + "; labels become request ids "
        + "such as '" + oneLine(normalise(name)) + "-000000', so attrprompt refuses them rather "
        + "than rewrite the ids: rename it with letters or digits (and no '/' or '\\')");
  }

  private static String oneLine(String text) {
    return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  /** Lower case, trimmed, runs of white space replaced by one underscore. */
  public static String normalise(String written) {
    return written.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
  }
}
