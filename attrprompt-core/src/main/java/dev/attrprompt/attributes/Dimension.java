package dev.attrprompt.attributes;

import dev.attrprompt.task.Label;
import java.util.Collections;
import java.util.LinkedHashMap;
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

  /** Where a dimension stands in the prompt when nothing sets it. */
  public static final int DEFAULT_ORDER = 100;

  /**
   * The canonical constructor; prefer {@link #classIndependent} and {@link #classDependent} with
   * the withers below, which name what they set.
   */
  public Dimension {
    values = List.copyOf(values);
    Map<String, List<Value>> copy = new LinkedHashMap<>();
    byLabel.forEach((label, list) -> copy.put(label, List.copyOf(list)));
    byLabel = Collections.unmodifiableMap(copy);
  }

  /** An enabled text dimension with one value list for every label. */
  public static Dimension classIndependent(String name, List<Value> values) {
    return new Dimension(name, Scope.INDEPENDENT, Kind.TEXT, Optional.empty(), Optional.empty(),
        Optional.empty(), true, false, false, DEFAULT_ORDER, values, Map.of());
  }

  /** An enabled text dimension with a value list per label name, in the map's order. */
  public static Dimension classDependent(String name, Map<String, List<Value>> valuesByLabel) {
    return new Dimension(name, Scope.DEPENDENT, Kind.TEXT, Optional.empty(), Optional.empty(),
        Optional.empty(), true, false, false, DEFAULT_ORDER, List.of(), valuesByLabel);
  }

  /** This dimension with another kind (e.g. {@link Kind#LENGTH} for word counts). */
  public Dimension withKind(Kind kind) {
    return new Dimension(name, scope, kind, description, phrase, catchAll, enabled, filtered,
        assignsLabels, order, values, byLabel);
  }

  public Dimension withDescription(Optional<String> description) {
    return new Dimension(name, scope, kind, description, phrase, catchAll, enabled, filtered,
        assignsLabels, order, values, byLabel);
  }

  /** This dimension with its own prompt phrase, a Mustache template around {@code {{value}}}. */
  public Dimension withPhrase(Optional<String> phrase) {
    return new Dimension(name, scope, kind, description, phrase, catchAll, enabled, filtered,
        assignsLabels, order, values, byLabel);
  }

  public Dimension withCatchAll(Optional<String> catchAll) {
    return new Dimension(name, scope, kind, description, phrase, catchAll, enabled, filtered,
        assignsLabels, order, values, byLabel);
  }

  /** This dimension enabled (sampled by plans) or disabled (kept in the files, not used). */
  public Dimension withEnabled(boolean enabled) {
    return new Dimension(name, scope, kind, description, phrase, catchAll, enabled, filtered,
        assignsLabels, order, values, byLabel);
  }

  public Dimension withFiltered(boolean filtered) {
    return new Dimension(name, scope, kind, description, phrase, catchAll, enabled, filtered,
        assignsLabels, order, values, byLabel);
  }

  public Dimension withAssignsLabels(boolean assignsLabels) {
    return new Dimension(name, scope, kind, description, phrase, catchAll, enabled, filtered,
        assignsLabels, order, values, byLabel);
  }

  public Dimension withOrder(int order) {
    return new Dimension(name, scope, kind, description, phrase, catchAll, enabled, filtered,
        assignsLabels, order, values, byLabel);
  }

  /** This independent dimension with another value list. */
  public Dimension withValues(List<Value> values) {
    return new Dimension(name, scope, kind, description, phrase, catchAll, enabled, filtered,
        assignsLabels, order, values, byLabel);
  }

  /** This dependent dimension with other value lists by label. */
  public Dimension withValuesByLabel(Map<String, List<Value>> byLabel) {
    return new Dimension(name, scope, kind, description, phrase, catchAll, enabled, filtered,
        assignsLabels, order, values, byLabel);
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
