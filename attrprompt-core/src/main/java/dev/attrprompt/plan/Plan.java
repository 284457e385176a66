package dev.attrprompt.plan;

import dev.attrprompt.UserError;
import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Provenance;
import dev.attrprompt.attributes.Scope;
import dev.attrprompt.attributes.Value;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.PromptTemplates;
import dev.attrprompt.task.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The generation requests of a task: {@code perClass} items per label. Item i of label L under
 * seed S is a pure function of (S, L, i), so any item can be rebuilt alone, in any order, on any
 * machine; {@link #item} is how resumed and sharded runs get theirs.
 */
public final class Plan {
  private final Task task;
  private final PlanOptions options;
  private final PromptRenderer renderer;
  private final Map<String, Map<String, List<Value>>> values = new HashMap<>();
  private final Map<String, List<String>> labelsOfValue = new HashMap<>();
  private final Dimension assigning;
  private final List<Dimension> dimensions;

  private Plan(Task task, PlanOptions options) {
    this.task = task;
    this.options = options;
    this.renderer = new PromptRenderer(task);
    this.dimensions = options.method() == Method.ATTRPROMPT ? task.attributes().enabled() : List.of();
    if (options.method() == Method.ATTRPROMPT && dimensions.isEmpty()) {
      throw new UserError(task.attributesDir() + ": the task has no enabled attribute dimensions; "
          + "add some (see docs/task-spec.md) or use --method simprompt");
    }
    for (Label label : task.labels()) {
      Map<String, List<Value>> byDimension = new LinkedHashMap<>();
      for (Dimension d : dimensions) {
        byDimension.put(d.name(), withCatchAll(d, label));
      }
      values.put(label.name(), byDimension);
    }
    this.assigning = task.multiLabel()
        ? dimensions.stream().filter(Dimension::assignsLabels).findFirst().orElse(null) : null;
    if (assigning != null) {
      for (Label label : task.labels()) {
        for (Value v : assigning.valuesFor(label)) {
          labelsOfValue.computeIfAbsent(key(v.text()), k -> new ArrayList<>()).add(label.name());
        }
      }
    }
  }

  public static Plan of(Task task, PlanOptions options) {
    return new Plan(task, options);
  }

  public Task task() {
    return task;
  }

  public PlanOptions options() {
    return options;
  }

  /** How many requests the plan holds: labels × per class. */
  public long size() {
    return (long) task.labels().size() * options.perClass();
  }

  /** All requests, label by label in task order, each label's by index. */
  public Stream<PlannedRequest> requests() {
    return task.labels().stream().flatMap(label ->
        LongStream.range(0, options.perClass()).mapToObj(i -> item(label, i)));
  }

  /** The first {@code count} requests of each label, labels interleaved (for previews). */
  public List<PlannedRequest> preview(int count) {
    List<PlannedRequest> out = new ArrayList<>();
    IntStream.range(0, Math.min(count, options.perClass())).forEach(i ->
        task.labels().forEach(label -> out.add(item(label, i))));
    return out;
  }

  /** Item {@code index} of {@code label}: depends on nothing but the seed, label and index. */
  public PlannedRequest item(Label label, long index) {
    Map<String, String> sampled = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      sampled.put(d.name(), Sampler.draw(options.mode(), options.seed(), label.name(), index, d,
          values.get(label.name()).get(d.name())).text());
    }
    List<String> labels = List.of(label.name());
    if (assigning != null) {
      List<String> of = labelsOfValue.get(key(sampled.get(assigning.name())));
      if (of != null) {
        Set<String> merged = new LinkedHashSet<>();
        task.labels().stream().map(Label::name).filter(n -> of.contains(n) || n.equals(label.name()))
            .forEach(merged::add);
        labels = List.copyOf(merged);
      }
    }
    long requestSeed = Seeds.of(options.seed(), "request", options.method().id(), label.name(),
        index) & 0x7fffffffL;
    String prompt = renderer.render(options.method(), label, labels, sampled,
        forOtherLabels(label, index, labels));
    return new PlannedRequest(PlannedRequest.id(label.name(), index), label.name(), labels, index,
        sampled, requestSeed, prompt);
  }

  /**
   * A sample that carries several labels asks for a value of each other class-dependent dimension
   * for every one of its labels (a technique of each category, as the authors' arXiv prompts
   * did); the recorded attributes keep the planned label's value. Pure, like the rest of an item.
   *
   * @return dimension name to (further label's name to its value), in the sample's label order
   */
  private Map<String, Map<String, String>> forOtherLabels(Label label, long index,
      List<String> labels) {
    if (labels.size() < 2) {
      return Map.of();
    }
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      if (d.scope() != Scope.DEPENDENT || d == assigning) {
        continue;
      }
      Map<String, String> byLabel = new LinkedHashMap<>();
      for (String other : labels) {
        List<Value> list = values.get(other) == null ? null : values.get(other).get(d.name());
        if (!other.equals(label.name()) && list != null && !list.isEmpty()) {
          byLabel.put(other, Sampler.draw(options.mode(), options.seed(),
              label.name() + "+" + other, index, d, list).text());
        }
      }
      if (!byLabel.isEmpty()) {
        out.put(d.name(), byLabel);
      }
    }
    return out;
  }

  private static List<Value> withCatchAll(Dimension d, Label label) {
    List<Value> list = new ArrayList<>(d.valuesFor(label));
    if (d.scope() == Scope.DEPENDENT && d.catchAll().isPresent()) {
      String text = PromptTemplates.compile(d.catchAll().get())
          .execute(Map.of("label", label.display(), "name", d.name())).strip();
      if (!text.isEmpty() && list.stream().noneMatch(v -> v.text().equalsIgnoreCase(text))) {
        list.add(Value.of(text, Provenance.PERSON));
      }
    }
    return List.copyOf(list);
  }

  private static String key(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }
}
