package dev.attrprompt.eval.data;

import java.util.List;
import java.util.Map;

/**
 * One labeled text. Single-label samples have exactly one label; multi-label samples have any
 * number (also none). {@code attributes} holds the attribute values a generated sample was asked
 * for (empty for real data and plain JSONL).
 */
public record Sample(String text, List<String> labels, Map<String, String> attributes) {
  public Sample {
    labels = List.copyOf(labels);
    attributes = Map.copyOf(attributes);
  }

  public static Sample of(String text, String label) {
    return new Sample(text, List.of(label), Map.of());
  }

  /** The first label: the label of a single-label sample. */
  public String label() {
    return labels.isEmpty() ? "" : labels.get(0);
  }
}
