package dev.attrprompt.plan;

import com.samskivert.mustache.Template;
import dev.attrprompt.attributes.DescribedValue;
import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Kind;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.LabelRole;
import dev.attrprompt.task.PromptTemplates;
import dev.attrprompt.task.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** Renders a task's templates for one label and one set of sampled values. */
final class PromptRenderer {
  private final Task task;
  private final Template simprompt;
  private final Template attrprompt;
  private final Map<String, Template> phrases = new HashMap<>();

  PromptRenderer(Task task) {
    this.task = task;
    this.simprompt = PromptTemplates.compile(task.templates().simprompt());
    this.attrprompt = PromptTemplates.compile(task.templates().attrprompt());
    for (Dimension d : task.attributes().enabled()) {
      phrases.put(d.name(), PromptTemplates.compile(d.effectivePhrase()));
    }
  }

  String render(Method method, Label label, List<String> labels, Map<String, String> values,
      Map<String, Map<String, String>> forOtherLabels) {
    Map<String, Object> context = common(label, labels);
    if (method == Method.SIMPROMPT) {
      return simprompt.execute(context).strip();
    }
    List<Map<String, Object>> attributes = new ArrayList<>();
    for (Dimension d : task.attributes().enabled()) {
      String raw = values.get(d.name());
      if (raw == null) {
        continue;
      }
      // a descriptive value ("Op-Eds: This style involves ...") states its name; the rest guides
      DescribedValue described = described(d, raw);
      Map<String, String> others = forOtherLabels.getOrDefault(d.name(), Map.of());
      attributes.add(attribute(d, label, described, others.isEmpty() ? "" : label.display()));
      others.forEach((other, value) -> attributes.add(
          attribute(d, task.label(other).orElse(label), described(d, value), display(other))));
      context.put(d.name(), described.name());
    }
    context.put("attributes", attributes);
    return attrprompt.execute(context).strip();
  }

  private static DescribedValue described(Dimension d, String raw) {
    return d.kind() == Kind.TEXT
        ? DescribedValue.parse(raw) : new DescribedValue(d.render(raw), Optional.empty());
  }

  /** One requirement; {@code forLabel} names the label it is for when a sample has several. */
  private Map<String, Object> attribute(Dimension d, Label label, DescribedValue described,
      String forLabel) {
    String guidance = described.guidance().orElse("");
    Map<String, Object> phraseContext = Map.of("value", described.name(), "name", d.name(),
        "label", label.display(), "guidance", guidance);
    String phrase = tidy(phrases.get(d.name()).execute(phraseContext));
    if (!forLabel.isEmpty()) {
      phrase = phrase.replaceFirst("[.!?]?$", Matcher.quoteReplacement(" (for \"" + forLabel + "\")."));
    }
    return Map.of("name", d.name(), "value", described.name(), "guidance", guidance,
        "phrase", phrase);
  }

  private Map<String, Object> common(Label label, List<String> labels) {
    Map<String, Object> context = new LinkedHashMap<>();
    List<String> displays = labels.stream().map(this::display).toList();
    LabelRole role = task.labelRole();
    context.put("label", label.display());
    context.put("label_name", label.name());
    context.put("label_description", label.description().orElse(""));
    context.put("labels_text", joined(displays, "and", false));
    context.put("label_role", role.yamlName());
    context.put("request_text", RoleWording.request(role, task.domain(), displays));
    context.put("rating_text", RoleWording.rating(role, displays));
    context.put("domain", task.domain());
    context.put("source", task.source().orElse(""));
    context.put("task_description", task.description().orElse(""));
    List<String> similar = similarTo(label, labels).stream().map(this::display).toList();
    context.put("similar", similar);
    context.put("similar_text", joined(similar, "or", true));
    context.put("similar_clause", RoleWording.similarClause(role, displays, similar));
    return context;
  }

  /**
   * The similar classes a prompt may steer away from: none when the task turns the clause off,
   * and never one of the sample's own labels (a multi-label sample carries several).
   */
  private List<String> similarTo(Label label, List<String> labels) {
    if (!task.similarClause()) {
      return List.of();
    }
    return task.attributes().similarTo(label.name()).stream()
        .filter(s -> !labels.contains(s) && !s.equals(label.name())).toList();
  }

  private String display(String name) {
    return task.label(name).map(Label::display).orElse(name);
  }

  /** A value that ends a sentence itself must not get a second full stop from its phrase. */
  static String tidy(String phrase) {
    return phrase.strip().replaceFirst("([.!?])\\.$", "$1");
  }

  /** "a", "a or b", "a, b or c"; quoted on request. */
  static String joined(List<String> items, String conjunction, boolean quoted) {
    List<String> parts = quoted ? items.stream().map(s -> "\"" + s + "\"").toList() : items;
    if (parts.size() <= 1) {
      return parts.isEmpty() ? "" : parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " " + conjunction + " "
        + parts.get(parts.size() - 1);
  }
}
