package dev.attrprompt.attributes;

import dev.attrprompt.UserError;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.TemplateCheck;
import dev.attrprompt.task.TemplateFields;
import dev.attrprompt.yaml.YamlFiles;
import dev.attrprompt.yaml.YamlMap;
import dev.attrprompt.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and validates an attribute folder: one {@code <dimension>.yaml} per dimension and an
 * optional {@code similar.yaml}. The format is described in docs/task-spec.md.
 */
public final class AttributeSetReader {
  public static final String SIMILAR_FILE = "similar.yaml";
  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  static final List<String> DIMENSION_KEYS = List.of("scope", "kind", "description", "phrase",
      "catch_all", "enabled", "filtered", "assigns_labels", "order", "provenance", "values");

  /** The fields a dimension's phrase and catch-all templates are rendered with (see Plan). */
  static final Set<String> PHRASE_FIELDS = java.util.Collections.unmodifiableSet(
      new java.util.LinkedHashSet<>(List.of("value", "name", "label")));
  static final Set<String> CATCH_ALL_FIELDS = java.util.Collections.unmodifiableSet(
      new java.util.LinkedHashSet<>(List.of("name", "label")));

  private final List<Label> labels;
  private final Set<String> labelNames = new HashSet<>();
  private final boolean multiLabel;

  private AttributeSetReader(List<Label> labels, boolean multiLabel) {
    this.labels = labels;
    this.multiLabel = multiLabel;
    labels.forEach(l -> labelNames.add(l.name()));
  }

  /** Reads {@code dir}; a missing folder is an empty attribute set (SimPrompt needs none). */
  public static AttributeSet read(Path dir, List<Label> labels, boolean multiLabel) {
    if (!Files.isDirectory(dir)) {
      return AttributeSet.EMPTY;
    }
    return new AttributeSetReader(labels, multiLabel).readDir(dir);
  }

  private AttributeSet readDir(Path dir) {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")
              || p.getFileName().toString().endsWith(".yml"))
          .sorted().toList();
    } catch (IOException e) {
      throw UserError.in(dir, "cannot list the attribute folder: " + e.getMessage());
    }
    List<Dimension> dimensions = new ArrayList<>();
    Map<String, List<String>> similar = Map.of();
    for (Path file : files) {
      String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      if (stem.equals("similar")) {
        similar = readSimilar(file);
      } else {
        dimensions.add(readDimension(file, stem));
      }
    }
    long assigning = dimensions.stream().filter(Dimension::assignsLabels).count();
    if (assigning > 1) {
      throw UserError.in(dir, "more than one dimension sets 'assigns_labels: true'; keep it on one");
    }
    return new AttributeSet(dimensions, similar);
  }

  private Dimension readDimension(Path file, String name) {
    YamlMap map = YamlFiles.read(file).asMap().allowOnly(DIMENSION_KEYS);
    if (!NAME.matcher(name).matches()) {
      throw UserError.in(file, "dimension name '" + name + "' (the file name) must start with a "
          + "letter and hold only letters, digits, '_' and '-'; rename the file");
    }
    if (TemplateFields.BUILT_IN.contains(name)) {
      throw UserError.in(file, "dimension name '" + name + "' is taken by a built-in template "
          + "field; rename the file");
    }
    Scope scope = map.get("scope").map(n -> parseScope(n)).orElse(Scope.INDEPENDENT);
    Kind kind = map.get("kind").map(n -> parseKind(n)).orElse(Kind.TEXT);
    Provenance fallback = map.get("provenance").map(AttributeSetReader::provenance)
        .orElse(Provenance.PERSON);
    boolean assigns = map.get("assigns_labels").map(YamlNode::asBoolean).orElse(false);
    if (assigns && (!multiLabel || scope != Scope.DEPENDENT)) {
      throw map.keyNode("assigns_labels").error("'assigns_labels' needs a dependent dimension in "
          + "a task with 'multi_label: true'; remove it or change the task");
    }
    Optional<String> catchAll = map.get("catch_all").map(n -> TemplateCheck.check(n,
        CATCH_ALL_FIELDS, "a catch-all value may use"));
    if (catchAll.isPresent() && scope != Scope.DEPENDENT) {
      throw map.keyNode("catch_all").error("'catch_all' applies only to 'scope: dependent' "
          + "dimensions; remove it");
    }
    YamlNode valuesNode = map.require("values");
    List<Value> values = List.of();
    Map<String, List<Value>> byLabel = new LinkedHashMap<>();
    if (scope == Scope.INDEPENDENT) {
      values = valueList(valuesNode, kind, fallback);
    } else {
      YamlMap perLabel = valuesNode.asMap();
      for (String key : perLabel.keys()) {
        String label = Label.normalise(key);
        if (!labelNames.contains(label)) {
          throw perLabel.keyNode(key).error("'" + key + "' is not a label of the task; use one of: "
              + String.join(", ", labelNames.stream().sorted().toList()));
        }
        if (byLabel.containsKey(label)) {
          throw perLabel.keyNode(key).error("label '" + label + "' is listed twice; merge the lists");
        }
        byLabel.put(label, valueList(perLabel.entries().get(key), kind, fallback));
      }
      for (Label label : labels) {
        if (!byLabel.containsKey(label.name())) {
          throw valuesNode.error("dimension '" + name + "' has no values for label '"
              + label.name() + "'; add a list for it, or make the dimension 'scope: independent'");
        }
      }
    }
    Dimension read = scope == Scope.INDEPENDENT ? Dimension.classIndependent(name, values)
        : Dimension.classDependent(name, byLabel);
    return read.withKind(kind)
        .withDescription(map.get("description").map(YamlNode::asString))
        .withPhrase(map.get("phrase").map(n -> TemplateCheck.check(n, PHRASE_FIELDS, "a phrase may use")))
        .withCatchAll(catchAll)
        .withEnabled(map.get("enabled").map(YamlNode::asBoolean).orElse(true))
        .withFiltered(map.get("filtered").map(YamlNode::asBoolean).orElse(false))
        .withAssignsLabels(assigns)
        .withOrder(map.get("order").map(YamlNode::asInt).orElse(Dimension.DEFAULT_ORDER));
  }

  private static List<Value> valueList(YamlNode node, Kind kind, Provenance fallback) {
    List<YamlNode> items = node.asList();
    if (items.isEmpty()) {
      throw node.error("'" + node.path() + "' is an empty list; give at least one value");
    }
    List<Value> values = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (YamlNode item : items) {
      Value value;
      if (item.isMap()) {
        YamlMap m = item.asMap().allowOnly(List.of("value", "weight", "provenance"));
        double weight = m.get("weight").map(YamlNode::asDouble).orElse(1.0);
        if (!(weight > 0) || Double.isInfinite(weight)) {
          throw m.require("weight").error("weight must be a positive number");
        }
        value = new Value(m.require("value").asNonBlankString(), weight,
            m.get("provenance").map(AttributeSetReader::provenance).orElse(fallback));
      } else {
        value = Value.of(item.asNonBlankString(), fallback);
      }
      if (kind == Kind.LENGTH && !Kind.isWordCount(value.text())) {
        throw item.error("a length value must be a positive whole number of words, but is '"
            + value.text() + "'");
      }
      if (!seen.add(value.text().toLowerCase(Locale.ROOT))) {
        throw item.error("the value '" + value.text() + "' is listed twice; remove one");
      }
      values.add(value);
    }
    return List.copyOf(values);
  }

  private Map<String, List<String>> readSimilar(Path file) {
    YamlMap map = YamlFiles.read(file).asMap().allowOnly(List.of("provenance", "similar"));
    YamlMap similar = map.require("similar").asMap();
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key : similar.keys()) {
      String label = Label.normalise(key);
      if (!labelNames.contains(label)) {
        throw similar.keyNode(key).error("'" + key + "' is not a label of the task; use one of: "
            + String.join(", ", labelNames.stream().sorted().toList()));
      }
      List<String> classes = new ArrayList<>();
      for (YamlNode item : similar.entries().get(key).asList()) {
        String other = Label.normalise(item.asNonBlankString());
        if (!labelNames.contains(other)) {
          throw item.error("similar class '" + item.asString() + "' is not a label of the task; "
              + "use one of the task's labels or remove it");
        }
        if (other.equals(label)) {
          throw item.error("a label cannot be similar to itself; remove '" + item.asString() + "'");
        }
        if (!classes.contains(other)) {
          classes.add(other);
        }
      }
      out.put(label, List.copyOf(classes));
    }
    return out;
  }

  private static Scope parseScope(YamlNode node) {
    return switch (node.asString().strip().toLowerCase(Locale.ROOT)) {
      case "independent" -> Scope.INDEPENDENT;
      case "dependent" -> Scope.DEPENDENT;
      default -> throw node.error("scope must be 'independent' or 'dependent', not '"
          + node.asString() + "'");
    };
  }

  private static Kind parseKind(YamlNode node) {
    return switch (node.asString().strip().toLowerCase(Locale.ROOT)) {
      case "text" -> Kind.TEXT;
      case "length" -> Kind.LENGTH;
      default -> throw node.error("kind must be 'text' or 'length', not '" + node.asString() + "'");
    };
  }

  static Provenance provenance(YamlNode node) {
    YamlMap map = node.asMap().allowOnly(List.of("kind", "from", "model", "prompt_sha256", "note"));
    YamlNode kind = map.require("kind");
    return switch (kind.asString().strip()) {
      case "imported" -> new Provenance.Imported(map.require("from").asNonBlankString(),
          map.get("model").map(YamlNode::asNonBlankString));
      case "llm" -> new Provenance.Proposed(map.require("model").asNonBlankString(),
          map.require("prompt_sha256").asNonBlankString());
      case "person" -> new Provenance.Person(map.get("note").map(YamlNode::asString));
      default -> throw kind.error("provenance kind must be 'imported', 'llm' or 'person', not '"
          + kind.asString() + "'");
    };
  }
}
