package dev.attrprompt.attributes;

/** One value of a dimension, with its sampling weight (1 unless set) and provenance. */
public record Value(String text, double weight, Provenance provenance) {

  public Value {
    if (text.isBlank()) {
      throw new IllegalArgumentException("blank attribute value");
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be a positive number: " + weight);
    }
  }

  public static Value of(String text, Provenance provenance) {
    return new Value(text, 1.0, provenance);
  }

  /** This value with another sampling weight. */
  public Value withWeight(double weight) {
    return new Value(text, weight, provenance);
  }

  /** This value with another text and provenance, its weight kept (an edit). */
  public Value withText(String text, Provenance provenance) {
    return new Value(text, weight, provenance);
  }
}
