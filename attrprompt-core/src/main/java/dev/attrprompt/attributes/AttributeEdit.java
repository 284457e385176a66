package dev.attrprompt.attributes;

import java.util.List;

/**
 * One change a person makes to an attribute set. {@link AttributeEdits} applies them; every
 * value they add or rewrite is recorded as a person's.
 */
public sealed interface AttributeEdit {

  /** Brings a value back (e.g. one that attribute filtering removed); nothing when it is there. */
  record Accept(ValueRef value) implements AttributeEdit {}

  /** Removes a value; a list keeps at least one value (disable the dimension instead). */
  record Reject(ValueRef value) implements AttributeEdit {}

  /** Adds a new value; nothing when the list holds it already (in any letter case). */
  record Add(ValueRef value) implements AttributeEdit {}

  /** Rewrites a value's text, keeping its place and weight. */
  record Edit(ValueRef value, String newText) implements AttributeEdit {
    public Edit {
      newText = newText.strip();
    }
  }

  /** Lets plans sample the dimension again. */
  record Enable(String dimension) implements AttributeEdit {}

  /** Keeps the dimension in the files but leaves it out of plans. */
  record Disable(String dimension) implements AttributeEdit {}

  /** Replaces a label's similar classes; an empty list removes them. */
  record SetSimilar(String label, List<String> classes) implements AttributeEdit {
    public SetSimilar {
      classes = List.copyOf(classes);
    }
  }

  /** A short form for messages, e.g. {@code reject tone:terse}. */
  default String describe() {
    return switch (this) {
      case Accept a -> "accept " + a.value();
      case Reject r -> "reject " + r.value();
      case Add a -> "add " + a.value();
      case Edit e -> "edit " + e.value() + "=" + e.newText();
      case Enable e -> "enable " + e.dimension();
      case Disable d -> "disable " + d.dimension();
      case SetSimilar s -> "similar " + s.label() + "=" + String.join(",", s.classes());
    };
  }
}
