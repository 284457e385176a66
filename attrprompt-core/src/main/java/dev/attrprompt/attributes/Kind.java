package dev.attrprompt.attributes;

/** How a dimension's values read in a prompt. */
public enum Kind {
  /** The value is written as it is. */
  TEXT,
  /** The value is a word count L, written "between L and L+50 words" as in the paper. */
  LENGTH;

  /** The width of a length range: a length value L asks for L to L + 50 words. */
  public static final int LENGTH_SPAN = 50;

  /** Whether {@code text} is a valid value of a length dimension: a positive whole number of words. */
  public static boolean isWordCount(String text) {
    return text.matches("[1-9][0-9]{0,5}");
  }

  public String yamlName() {
    return this == TEXT ? "text" : "length";
  }
}
