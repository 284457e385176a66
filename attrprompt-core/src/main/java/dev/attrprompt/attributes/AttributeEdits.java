package dev.attrprompt.attributes;

import dev.attrprompt.FileTrees;
import dev.attrprompt.UserError;
import dev.attrprompt.WorkFailure;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a person's edits to an attribute set: accept, reject, add or edit a value, enable or
 * disable a dimension, change a label's similar classes. {@link #apply} is pure; {@link #save}
 * also writes the task's attribute files (each replaced whole, after the edited set was written
 * aside and read back identically) and returns the task as read again.
 *
 * <p>Edits apply in order and all or none: a reference to an unknown dimension, label or value
 * is a {@link UserError} before anything is written.
 */
public final class AttributeEdits {
  private AttributeEdits() {}

  /** The edited set and how many edits changed it (accepting a value that is there changes nothing). */
  public record Applied(AttributeSet attributes, int changes) {}

  /** The task as read again after its files were written, and how many edits changed them. */
  public record Saved(Task task, int changes) {}

  /**
   * Applies {@code edits} in order to {@code set}, whose labels are {@code labels}; values added
   * or rewritten get {@code who} as their provenance.
   */
  public static Applied apply(AttributeSet set, List<Label> labels, List<AttributeEdit> edits,
      Provenance.Person who) {
    Map<String, Dimension> dims = new LinkedHashMap<>();
    set.dimensions().forEach(d -> dims.put(d.name(), d));
    Map<String, List<String>> similar = new LinkedHashMap<>(set.similar());
    int changes = 0;
    for (AttributeEdit edit : edits) {
      boolean changed = switch (edit) {
        case AttributeEdit.Accept a -> addValue(dims, a.value(), edit, who);
        case AttributeEdit.Add a -> addValue(dims, a.value(), edit, who);
        case AttributeEdit.Reject r -> changeList(dims, r.value(), edit, list -> {
          if (list.size() == 1) {
            throw fail(edit, "the last value of its list cannot go; disable the dimension instead");
          }
          list.remove(indexOf(list, r.value(), edit));
        });
        case AttributeEdit.Edit e -> changeList(dims, e.value(), edit, list -> {
          int i = indexOf(list, e.value(), edit);
          checkNewText(dims.get(e.value().dimension()), e.newText(), edit);
          for (int j = 0; j < list.size(); j++) {
            if (j != i && list.get(j).text().equalsIgnoreCase(e.newText())) {
              throw fail(edit, "the list already holds '" + list.get(j).text() + "'; reject this one instead");
            }
          }
          list.set(i, list.get(i).withText(e.newText(), who));
        });
        case AttributeEdit.Enable e -> setEnabled(dims, e.dimension(), true, edit);
        case AttributeEdit.Disable d -> setEnabled(dims, d.dimension(), false, edit);
        case AttributeEdit.SetSimilar s -> setSimilar(similar, labels, s, edit);
      };
      changes += changed ? 1 : 0;
    }
    return new Applied(new AttributeSet(List.copyOf(dims.values()), similar), changes);
  }

  /**
   * Applies {@code edits} to the task's attribute set and writes its folder when anything
   * changed. Each file is replaced whole (written beside it, then moved over it), so a file is
   * never seen half-written.
   *
   * @throws UserError for a reference to an unknown dimension, label or value (nothing written)
   * @throws WorkFailure when the files cannot be written
   */
  public static Saved save(Task task, List<AttributeEdit> edits, Provenance.Person who) {
    Applied applied = apply(task.attributes(), task.labels(), edits, who);
    if (applied.changes() == 0) {
      return new Saved(task, 0);
    }
    Path dir = task.attributesDir();
    Path staging = null;
    try {
      Path parent = dir.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      staging = Files.createTempDirectory(parent, ".attributes-edit-");
      AttributeSetWriter.write(applied.attributes(), staging);
      AttributeSet back = AttributeSetReader.read(staging, task.labels(), task.multiLabel());
      if (!back.equals(applied.attributes())) {
        throw new IllegalStateException("the edited attribute set does not read back as written");
      }
      AttributeSetWriter.write(applied.attributes(), dir);
    } catch (IOException e) {
      throw new WorkFailure(dir + ": cannot write the attribute files: " + e.getMessage(), e);
    } finally {
      FileTrees.deleteQuietly(staging);
    }
    return new Saved(Task.load(task.dir()), applied.changes());
  }

  private interface ListChange {
    void apply(List<Value> list);
  }

  private static boolean addValue(Map<String, Dimension> dims, ValueRef ref, AttributeEdit edit,
      Provenance.Person who) {
    checkNewText(dimension(dims, ref.dimension(), edit), ref.text(), edit);
    boolean[] added = {false};
    changeList(dims, ref, edit, list -> {
      if (list.stream().noneMatch(v -> v.text().equalsIgnoreCase(ref.text()))) {
        list.add(Value.of(ref.text(), who));
        added[0] = true;
      }
    });
    return added[0];
  }

  /** Runs {@code change} on a copy of the list {@code ref} names and puts the copy in its place. */
  private static boolean changeList(Map<String, Dimension> dims, ValueRef ref, AttributeEdit edit,
      ListChange change) {
    Dimension d = dimension(dims, ref.dimension(), edit);
    if (d.scope() == Scope.INDEPENDENT) {
      if (ref.label().isPresent()) {
        throw fail(edit, "dimension '" + d.name() + "' is the same for every label; name a value as "
            + d.name() + ":VALUE");
      }
      List<Value> values = new ArrayList<>(d.values());
      List<Value> before = List.copyOf(values);
      change.apply(values);
      dims.put(d.name(), d.withValues(values));
      return !before.equals(values);
    }
    String label = ref.label().orElseThrow(() -> fail(edit, "dimension '" + d.name()
        + "' depends on the label; name a value as " + d.name() + ":LABEL:VALUE"));
    if (!d.byLabel().containsKey(label)) {
      throw fail(edit, "'" + label + "' is not a label of dimension '" + d.name() + "'; use one of: "
          + String.join(", ", d.byLabel().keySet()));
    }
    Map<String, List<Value>> byLabel = new LinkedHashMap<>(d.byLabel());
    List<Value> values = new ArrayList<>(byLabel.get(label));
    List<Value> before = List.copyOf(values);
    change.apply(values);
    byLabel.put(label, values);
    dims.put(d.name(), d.withValuesByLabel(byLabel));
    return !before.equals(values);
  }

  private static boolean setEnabled(Map<String, Dimension> dims, String name, boolean enabled,
      AttributeEdit edit) {
    Dimension d = dimension(dims, name, edit);
    dims.put(d.name(), d.withEnabled(enabled));
    return d.enabled() != enabled;
  }

  private static boolean setSimilar(Map<String, List<String>> similar, List<Label> labels,
      AttributeEdit.SetSimilar s, AttributeEdit edit) {
    String label = labelOf(s.label(), labels, edit);
    List<String> classes = new ArrayList<>();
    for (String written : s.classes()) {
      if (written.isBlank()) {
        continue;
      }
      String other = labelOf(written, labels, edit);
      if (other.equals(label)) {
        throw fail(edit, "a label cannot be similar to itself; remove '" + written.strip() + "'");
      }
      if (!classes.contains(other)) {
        classes.add(other);
      }
    }
    List<String> before = similar.getOrDefault(label, List.of());
    if (classes.isEmpty()) {
      similar.remove(label);
    } else {
      similar.put(label, List.copyOf(classes));
    }
    return !before.equals(classes);
  }

  private static Dimension dimension(Map<String, Dimension> dims, String name, AttributeEdit edit) {
    Dimension d = dims.get(name.strip());
    if (d == null) {
      throw fail(edit, "no dimension '" + name.strip() + "'; use one of: " + String.join(", ", dims.keySet()));
    }
    return d;
  }

  private static String labelOf(String written, List<Label> labels, AttributeEdit edit) {
    String name = Label.normalise(written);
    if (labels.stream().noneMatch(l -> l.name().equals(name))) {
      throw fail(edit, "'" + written.strip() + "' is not a label of the task; use one of: "
          + String.join(", ", labels.stream().map(Label::name).toList()));
    }
    return name;
  }

  private static int indexOf(List<Value> list, ValueRef ref, AttributeEdit edit) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).text().equals(ref.text())) {
        return i;
      }
    }
    Optional<Value> near = list.stream().filter(v -> v.text().equalsIgnoreCase(ref.text())).findFirst();
    throw fail(edit, "no such value" + near.map(v -> " (did you mean '" + v.text() + "'?)").orElse("")
        + "; see the values with 'attrprompt attributes review TASK'");
  }

  private static void checkNewText(Dimension d, String text, AttributeEdit edit) {
    if (text.isBlank()) {
      throw fail(edit, "the value is empty; give its text");
    }
    if (d.kind() == Kind.LENGTH && !Kind.isWordCount(text)) {
      throw fail(edit, "dimension '" + d.name() + "' holds word counts; give a positive whole number");
    }
  }

  private static UserError fail(AttributeEdit edit, String problem) {
    return new UserError(edit.describe() + ": " + problem);
  }
}
