package dev.attrprompt.attributes;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A value read as a short name and, when the value carries one, a description: "Op-Eds: This
 * style involves the expression of opinions ..." is the name "Op-Eds" with that description. A
 * prompt states the name as the requirement and gives the description as guidance, instead of
 * pasting the whole paragraph after "Writing style:".
 *
 * <p>Only a short head (at most {@value #MAX_NAME_WORDS} words) followed by ": " and a sentence
 * of at least {@value #MIN_GUIDANCE_WORDS} words counts; titles such as "Call of Duty: Modern
 * Warfare", "website: planetary.org" or a quoted error message stay whole values.
 *
 * @param name what the requirement states
 * @param guidance the description, as written in the value
 */
public record DescribedValue(String name, Optional<String> guidance) {
  static final int MAX_NAME_WORDS = 6;
  static final int MAX_NAME_CHARS = 60;
  static final int MIN_GUIDANCE_WORDS = 5;
  private static final Pattern WORDS = Pattern.compile("\\s+");

  /** Splits {@code text} into a name and a description, or keeps it whole. */
  public static DescribedValue parse(String text) {
    String whole = text.strip();
    int colon = whole.indexOf(": ");
    if (colon < 1 || colon > MAX_NAME_CHARS) {
      return new DescribedValue(whole, Optional.empty());
    }
    String head = whole.substring(0, colon).strip();
    String tail = whole.substring(colon + 1).strip();
    boolean namelike = !head.isEmpty() && Character.isLetterOrDigit(head.codePointAt(0))
        && WORDS.split(head).length <= MAX_NAME_WORDS;
    boolean sentence = WORDS.split(tail).length >= MIN_GUIDANCE_WORDS
        && Character.isLetter(tail.codePointAt(0)) && !tail.contains("://");
    if (!namelike || !sentence) {
      return new DescribedValue(whole, Optional.empty());
    }
    return new DescribedValue(head, Optional.of(tail));
  }
}
