package dev.attrprompt.attributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes an attribute set as the human-editable YAML files that {@link AttributeSetReader} reads.
 * Each file is written beside its place and then moved over it, so a reader never sees one
 * half-written.
 */
public final class AttributeSetWriter {
  private AttributeSetWriter() {}

  /**
   * Writes one {@code <dimension>.yaml} per dimension and {@code similar.yaml} into {@code dir};
   * a {@code similar.yaml} left from before is removed when the set has no similar classes.
   */
  public static void write(AttributeSet set, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Dimension dimension : set.dimensions()) {
      replace(dir.resolve(dimension.name() + ".yaml"), header(dimension) + yaml().dump(dimensionMap(dimension)));
      // the reader takes .yml too: a stale twin would read as a second copy of the dimension
      Files.deleteIfExists(dir.resolve(dimension.name() + ".yml"));
    }
    Path similar = dir.resolve(AttributeSetReader.SIMILAR_FILE);
    if (set.similar().isEmpty()) {
      Files.deleteIfExists(similar);
    } else {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("similar", set.similar());
      replace(similar, "# Each label's similar classes: the labels it is most easily confused with.\n"
          + yaml().dump(root));
    }
  }

  private static void replace(Path file, String text) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String header(Dimension d) {
    return "# Attribute dimension '" + d.name() + "' (" + d.scope().yamlName() + "): "
        + d.size() + " values. Format: docs/task-spec.md\n";
  }

  static Map<String, Object> dimensionMap(Dimension d) {
    Provenance common = mostCommon(d);
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("scope", d.scope().yamlName());
    if (d.kind() != Kind.TEXT) {
      map.put("kind", d.kind().yamlName());
    }
    d.description().ifPresent(v -> map.put("description", v));
    d.phrase().ifPresent(v -> map.put("phrase", v));
    d.catchAll().ifPresent(v -> map.put("catch_all", v));
    if (!d.enabled()) {
      map.put("enabled", false);
    }
    if (d.filtered()) {
      map.put("filtered", true);
    }
    if (d.assignsLabels()) {
      map.put("assigns_labels", true);
    }
    if (d.order() != Dimension.DEFAULT_ORDER) {
      map.put("order", d.order());
    }
    if (common != null) {
      map.put("provenance", provenanceMap(common));
    }
    if (d.scope() == Scope.INDEPENDENT) {
      map.put("values", valueList(d.values(), common));
    } else {
      Map<String, Object> byLabel = new LinkedHashMap<>();
      d.byLabel().forEach((label, values) -> byLabel.put(label, valueList(values, common)));
      map.put("values", byLabel);
    }
    return map;
  }

  private static List<Object> valueList(List<Value> values, Provenance common) {
    List<Object> out = new ArrayList<>();
    for (Value v : values) {
      if (v.weight() == 1.0 && v.provenance().equals(common)) {
        out.add(v.text());
      } else {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", v.text());
        if (v.weight() != 1.0) {
          m.put("weight", v.weight());
        }
        if (!v.provenance().equals(common)) {
          m.put("provenance", provenanceMap(v.provenance()));
        }
        out.add(m);
      }
    }
    return out;
  }

  private static Provenance mostCommon(Dimension d) {
    List<Value> all = new ArrayList<>(d.values());
    d.byLabel().values().forEach(all::addAll);
    return all.stream()
        .collect(Collectors.groupingBy(Value::provenance, LinkedHashMap::new, Collectors.counting()))
        .entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  static Map<String, Object> provenanceMap(Provenance p) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (p) {
      case Provenance.Imported i -> {
        m.put("kind", "imported");
        m.put("from", i.from());
        i.model().ifPresent(v -> m.put("model", v));
      }
      case Provenance.Proposed llm -> {
        m.put("kind", "llm");
        m.put("model", llm.model());
        m.put("prompt_sha256", llm.promptSha256());
      }
      case Provenance.Person person -> {
        m.put("kind", "person");
        person.note().ifPresent(v -> m.put("note", v));
      }
    }
    return m;
  }

  static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(120);
    options.setSplitLines(false);
    options.setAllowUnicode(true);
    return new Yaml(options);
  }

}
