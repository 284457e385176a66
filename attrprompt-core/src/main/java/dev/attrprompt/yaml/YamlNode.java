package dev.attrprompt.yaml;

import dev.attrprompt.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A node of a YAML document that remembers its file, line and column, so that every validation
 * error can point at the exact place to fix.
 */
public final class YamlNode {
  private final Path file;
  private final Node node;
  private final String path;

  YamlNode(Path file, Node node, String path) {
    this.file = file;
    this.node = node;
    this.path = path;
  }

  public Path file() {
    return file;
  }

  /** Where the node sits in the document, e.g. {@code generation.temperature}. */
  public String path() {
    return path;
  }

  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  public int column() {
    return node.getStartMark().getColumn() + 1;
  }

  /** The raw node, for callers that need the scalar style (e.g. block scalars). */
  public Node raw() {
    return node;
  }

  public UserError error(String message) {
    return UserError.at(file, line(), column(), message);
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  public boolean isNull() {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  public YamlMap asMap() {
    if (!(node instanceof MappingNode m)) {
      throw error("'" + path + "' must be a mapping (key: value lines), but is " + kind());
    }
    return new YamlMap(this, m);
  }

  public List<YamlNode> asList() {
    if (!(node instanceof SequenceNode s)) {
      throw error("'" + path + "' must be a list (lines starting with '- '), but is " + kind());
    }
    List<YamlNode> items = new ArrayList<>();
    for (int i = 0; i < s.getValue().size(); i++) {
      items.add(new YamlNode(file, s.getValue().get(i), path + "[" + i + "]"));
    }
    return List.copyOf(items);
  }

  /** A scalar as text; numbers and booleans are accepted as their written form. */
  public String asString() {
    if (!(node instanceof ScalarNode s) || isNull()) {
      throw error("'" + path + "' must be a text value, but is " + kind());
    }
    return s.getValue();
  }

  /** A text value that must not be blank. */
  public String asNonBlankString() {
    String value = asString().strip();
    if (value.isEmpty()) {
      throw error("'" + path + "' must not be empty");
    }
    return value;
  }

  public double asDouble() {
    String text = scalarOf("a number");
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw error("'" + path + "' must be a number, but is '" + text + "'");
    }
  }

  public long asLong() {
    String text = scalarOf("a whole number");
    try {
      return Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw error("'" + path + "' must be a whole number, but is '" + text + "'");
    }
  }

  public int asInt() {
    long value = asLong();
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw error("'" + path + "' is out of range: " + value);
    }
    return (int) value;
  }

  public boolean asBoolean() {
    String text = scalarOf("true or false");
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error("'" + path + "' must be true or false, but is '" + text + "'");
    };
  }

  private String scalarOf(String expected) {
    if (!(node instanceof ScalarNode s) || isNull()) {
      throw error("'" + path + "' must be " + expected + ", but is " + kind());
    }
    return s.getValue().strip();
  }

  String kind() {
    if (isNull()) {
      return "empty";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "the text '" + ((ScalarNode) node).getValue() + "'";
  }
}
