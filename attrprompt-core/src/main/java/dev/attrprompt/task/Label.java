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

  /** Lower case, trimmed, runs of white space replaced by one underscore. */
  public static String normalise(String written) {
    return written.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
  }
}
