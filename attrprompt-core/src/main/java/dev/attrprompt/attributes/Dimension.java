package dev.attrprompt.attributes;

import dev.attrprompt.task.Label;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An attribute dimension: a named axis of diversity (subtopic, style, location, length...).
 *
 * @param values the value list of an independent dimension (empty for a dependent one)
 * @param byLabel the value lists of a dependent dimension, by label name (empty otherwise)
 * @param catchAll a Mustache template such as "other subtopics of {{label}}", appended to each
 *     label's list of a dependent dimension
 * @param enabled whether plans sample it; a disabled dimension is kept but not used
 * @param filtered whether class-dependent attribute filtering was already applied to its values
 * @param assignsLabels in a multi-label task: a sample's labels are all labels whose list holds
 *     its value of this dimension
 * @param order where its requirement stands in the prompt (lower first, then by name)
 */
public record Dimension(
    String name,
    Scope scope,
    Kind kind,
    Optional<String> description,
    Optional<String> phrase,
    Optional<String> catchAll,
    boolean enabled,
    boolean filtered,
    boolean assignsLabels,
    int order,
    List<Value> values,
    Map<String, List<Value>> byLabel) {

  public Dimension {
    values = List.copyOf(values);
    byLabel = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byLabel));
  }

  /** The values a plan item of {@code label} draws from (without the catch-all). */
  public List<Value> valuesFor(Label label) {
    return scope == Scope.INDEPENDENT ? values : byLabel.getOrDefault(label.name(), List.of());
  }

  /** How many values the dimension holds in all. */
  public int size() {
    return scope == Scope.INDEPENDENT
        ? values.size()
        : byLabel.values().stream().mapToInt(List::size).sum();
  }

  /** The built-in phrase used when the dimension sets none. */
  public String effectivePhrase() {
    if (phrase.isPresent()) {
      return phrase.get();
    }
    if (kind == Kind.LENGTH) {
      return "Length: {{value}}.";
    }
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.contains("subtopic") || n.equals("topic") || n.equals("topics")) {
      return "Focus on this subtopic: {{value}}.";
    }
    if (n.contains("style")) {
      return "Writing style: {{value}}.";
    }
    if (n.contains("location")) {
      return "Set it in or about: {{value}}.";
    }
    String words = name.replace('_', ' ').replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1) + ": {{value}}.";
  }

  /** The text a value stands for in a prompt: lengths become word ranges. */
  public String render(String value) {
    if (kind == Kind.LENGTH) {
      int l = Integer.parseInt(value.strip());
      return "between " + l + " and " + (l + Kind.LENGTH_SPAN) + " words";
    }
    return value;
  }
}
