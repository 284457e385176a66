package dev.attrprompt.attributes;

import dev.attrprompt.UserError;
import dev.attrprompt.task.Label;
import java.util.Optional;

/**
 * Names one value of an attribute set: {@code DIM:VALUE} in a class-independent dimension,
 * {@code DIM:LABEL:VALUE} in a class-dependent one.
 *
 * @param label the label whose list holds the value; present exactly for dependent dimensions
 */
public record ValueRef(String dimension, Optional<String> label, String text) {

  public ValueRef {
    dimension = dimension.strip();
    label = label.map(Label::normalise);
    text = text.strip();
  }

  /** A value of a class-independent dimension. */
  public static ValueRef of(String dimension, String text) {
    return new ValueRef(dimension, Optional.empty(), text);
  }

  /** A value of a class-dependent dimension, in {@code label}'s list. */
  public static ValueRef of(String dimension, String label, String text) {
    return new ValueRef(dimension, Optional.of(label), text);
  }

  /**
   * Reads {@code DIM:VALUE} or {@code DIM:LABEL:VALUE}; which one applies depends on the scope of
   * the dimension in {@code set}, so a value may itself hold colons.
   *
   * @throws UserError naming the dimensions (or labels) to choose from when the text names none
   */
  public static ValueRef parse(String written, AttributeSet set) {
    String[] first = written.split(":", 2);
    Optional<Dimension> d = set.dimension(first[0].strip());
    if (d.isEmpty() || first.length < 2) {
      throw new UserError("'" + written + "' names no dimension; use DIM:VALUE or DIM:LABEL:VALUE "
          + "with one of: " + String.join(", ", set.dimensions().stream().map(Dimension::name).toList()));
    }
    if (d.get().scope() == Scope.INDEPENDENT) {
      return of(d.get().name(), first[1]);
    }
    String[] rest = first[1].split(":", 2);
    if (rest.length < 2 || !d.get().byLabel().containsKey(Label.normalise(rest[0]))) {
      throw new UserError("'" + written + "': dimension '" + d.get().name() + "' depends on the "
          + "label; use " + d.get().name() + ":LABEL:VALUE with one of: "
          + String.join(", ", d.get().byLabel().keySet()));
    }
    return of(d.get().name(), rest[0], rest[1]);
  }

  /** The written form that {@link #parse} reads. */
  @Override
  public String toString() {
    return dimension + label.map(l -> ":" + l).orElse("") + ":" + text;
  }
}
