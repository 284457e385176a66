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

  /** Lower case, trimmed, runs of white space replaced by one underscore. */
  public static String normalise(String written) {
    return written.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
  }
}
