package dev.attrprompt.attributes;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dimensions of a task and each label's similar classes (the labels it is most easily
 * confused with), as read from a task's attribute folder.
 */
public record AttributeSet(List<Dimension> dimensions, Map<String, List<String>> similar) {

  public static final AttributeSet EMPTY = new AttributeSet(List.of(), Map.of());

  public AttributeSet {
    dimensions = dimensions.stream()
        .sorted(Comparator.comparingInt(Dimension::order).thenComparing(Dimension::name))
        .toList();
    similar = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(similar));
  }

  /** The dimensions plans sample from, in prompt order. */
  public List<Dimension> enabled() {
    return dimensions.stream().filter(Dimension::enabled).toList();
  }

  public Optional<Dimension> dimension(String name) {
    return dimensions.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public List<String> similarTo(String label) {
    return similar.getOrDefault(label, List.of());
  }
}
