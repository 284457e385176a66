package dev.attrprompt.attributes;

/** Whether a dimension has one value list for all labels or one list per label. */
public enum Scope {
  /** One value list for all labels: length, style, location. */
  INDEPENDENT,
  /** A value list per label: subtopics, product names. */
  DEPENDENT;

  public String yamlName() {
    return this == INDEPENDENT ? "independent" : "dependent";
  }
}
