package dev.attrprompt.yaml;

import dev.attrprompt.UserError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** A YAML mapping with located keys: unknown and duplicate keys are reported where they stand. */
public final class YamlMap {
  private final YamlNode self;
  private final Map<String, YamlNode> values = new LinkedHashMap<>();
  private final Map<String, YamlNode> keys = new LinkedHashMap<>();

  YamlMap(YamlNode self, MappingNode node) {
    this.self = self;
    for (NodeTuple tuple : node.getValue()) {
      String prefix = self.path().isEmpty() ? "" : self.path() + ".";
      YamlNode keyNode = new YamlNode(self.file(), tuple.getKeyNode(), prefix + "<key>");
      if (!(tuple.getKeyNode() instanceof ScalarNode scalar)) {
        throw keyNode.error("keys must be plain text");
      }
      String key = scalar.getValue();
      if (keys.containsKey(key)) {
        throw keyNode.error("duplicate key '" + key + "'; remove one of them");
      }
      keys.put(key, keyNode);
      values.put(key, new YamlNode(self.file(), tuple.getValueNode(), prefix + key));
    }
  }

  public YamlNode node() {
    return self;
  }

  /** Fails on the first key that is not allowed, naming the allowed ones. */
  public YamlMap allowOnly(Collection<String> allowed) {
    for (Map.Entry<String, YamlNode> key : keys.entrySet()) {
      if (!allowed.contains(key.getKey())) {
        String where = self.path().isEmpty() ? "" : " in '" + self.path() + "'";
        throw key.getValue().error("unknown key '" + key.getKey() + "'" + where
            + "; allowed keys: " + String.join(", ", allowed));
      }
    }
    return this;
  }

  public Optional<YamlNode> get(String key) {
    YamlNode value = values.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  public YamlNode require(String key) {
    return get(key).orElseThrow(() -> missing(key));
  }

  public UserError missing(String key) {
    String where = self.path().isEmpty() ? "" : " in '" + self.path() + "'";
    return self.error("missing required key '" + key + "'" + where);
  }

  /** The located key node, for errors about a key rather than its value. */
  public YamlNode keyNode(String key) {
    return keys.get(key);
  }

  public List<String> keys() {
    return List.copyOf(new ArrayList<>(keys.keySet()));
  }

  public Map<String, YamlNode> entries() {
    return java.util.Collections.unmodifiableMap(values);
  }
}
