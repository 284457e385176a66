package dev.attrprompt.discover;

import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Scope;
import dev.attrprompt.attributes.Value;
import dev.attrprompt.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person reviews, as plain maps and lists for a JSON writer: every dimension with its
 * values, each value's provenance and filtering verdict, the similar classes, and the values
 * filtering removed. {@code attributes review --json} and the web app's task API show it alike.
 */
public final class AttributeReview {
  private AttributeReview() {}

  /**
   * {@code dimensions} (name, scope, enabled, values: a list, or lists by label for a dependent
   * dimension, each value with {@code value}, {@code provenance} and, where filtering judged it,
   * {@code filter}), {@code similar}, and {@code removed_by_filtering} ({@code DIM:LABEL:VALUE}).
   */
  public static Map<String, Object> of(Task task) {
    Map<String, FilterVerdict> verdicts = FilterVerdict.byKey(FilterVerdict.read(task));
    List<Map<String, Object>> list = new ArrayList<>();
    for (Dimension d : task.attributes().dimensions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", d.name());
      m.put("scope", d.scope().yamlName());
      m.put("enabled", d.enabled());
      if (d.scope() == Scope.INDEPENDENT) {
        m.put("values", d.values().stream().map(v -> value(v, null)).toList());
      } else {
        Map<String, Object> byLabel = new LinkedHashMap<>();
        d.byLabel().forEach((l, vs) -> byLabel.put(l, vs.stream()
            .map(v -> value(v, verdicts.get(FilterVerdict.key(d.name(), l, v.text())))).toList()));
        m.put("values", byLabel);
      }
      list.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("dimensions", list);
    root.put("similar", task.attributes().similar());
    root.put("removed_by_filtering", verdicts.values().stream().filter(FilterVerdict::removed)
        .map(FilterVerdict::key).toList());
    return root;
  }

  private static Map<String, Object> value(Value v, FilterVerdict verdict) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", v.text());
    m.put("provenance", v.provenance().describe());
    if (verdict != null) {
      m.put("filter", verdict.verdict());
    }
    return m;
  }
}
