package dev.attrprompt.attributes;

/** How a dimension's values read in a prompt. */
public enum Kind {
  /** The value is written as it is. */
  TEXT,
  /** The value is a word count L, written "between L and L+50 words" as in the paper. */
  LENGTH;

  /** The width of a length range: a length value L asks for L to L + 50 words. */
  public static final int LENGTH_SPAN = 50;

  public String yamlName() {
    return this == TEXT ? "text" : "length";
  }
}
