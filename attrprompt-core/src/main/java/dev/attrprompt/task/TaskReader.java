package dev.attrprompt.task;

import dev.attrprompt.UserError;
import dev.attrprompt.attributes.AttributeSet;
import dev.attrprompt.attributes.AttributeSetReader;
import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.cost.Price;
import dev.attrprompt.cost.PriceReader;
import dev.attrprompt.yaml.YamlFiles;
import dev.attrprompt.yaml.YamlMap;
import dev.attrprompt.yaml.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads task.yaml and its attribute folder, reporting the first mistake with its location. */
final class TaskReader {
  static final String FILE = "task.yaml";
  static final List<String> KEYS = List.of("name", "domain", "source", "description", "labels",
      "label_role", "similar_clause", "multi_label", "attributes", "templates", "generation",
      "prices");
  static final List<String> GENERATION_KEYS =
      List.of("model", "temperature", "top_p", "max_tokens", "per_class", "seed");

  private TaskReader() {}

  static Task read(Path path) {
    Path file = Files.isDirectory(path) ? path.resolve(FILE) : path;
    if (!Files.exists(file)) {
      throw UserError.in(file, Files.isDirectory(path)
          ? "no task.yaml in this folder; create one with 'attrprompt init'"
          : "no such file or folder");
    }
    Path dir = file.toAbsolutePath().getParent();
    YamlMap map = YamlFiles.read(file).asMap().allowOnly(KEYS);

    String name = map.get("name").map(YamlNode::asNonBlankString)
        .orElse(dir.getFileName() == null ? "task" : dir.getFileName().toString());
    String domain = map.require("domain").asNonBlankString();
    List<Label> labels = labels(map.require("labels"));
    LabelRole role = map.get("label_role").map(TaskReader::role).orElse(LabelRole.TOPIC);
    boolean similarClause = map.get("similar_clause").map(YamlNode::asBoolean).orElse(true);
    boolean multiLabel = map.get("multi_label").map(YamlNode::asBoolean).orElse(false);
    Path attributesDir = attributeFolder(dir, map);
    if (map.get("attributes").isPresent() && !Files.isDirectory(attributesDir)) {
      throw map.require("attributes").error("attribute folder '" + attributesDir
          + "' does not exist; create it or remove the 'attributes' key");
    }
    AttributeSet attributes = AttributeSetReader.read(attributesDir, labels, multiLabel);
    Templates templates = templates(map.get("templates"), attributes);
    Generation generation = generation(map.get("generation"));
    Map<String, Price> prices = map.get("prices").map(PriceReader::prices).orElse(Map.of());
    return new Task(dir, name, domain,
        map.get("source").map(YamlNode::asNonBlankString),
        map.get("description").map(YamlNode::asNonBlankString),
        labels, role, similarClause, multiLabel, attributesDir, attributes, templates, generation,
        prices);
  }

  /** The attribute folder {@code task.yaml} in {@code dir} names ({@code attributes} unless set). */
  static Path attributeFolder(Path dir) {
    Path file = dir.resolve(FILE);
    return attributeFolder(file.toAbsolutePath().getParent(), YamlFiles.read(file).asMap());
  }

  private static Path attributeFolder(Path dir, YamlMap map) {
    return dir.resolve(map.get("attributes").map(YamlNode::asNonBlankString).orElse("attributes"));
  }

  private static LabelRole role(YamlNode node) {
    String text = node.asNonBlankString();
    return LabelRole.parse(text).orElseThrow(() -> node.error("unknown label_role '" + text
        + "'; use one of " + String.join(", ", LabelRole.names())));
  }

  private static List<Label> labels(YamlNode node) {
    List<YamlNode> items = node.asList();
    List<Label> labels = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (YamlNode item : items) {
      Label label;
      YamlNode nameNode = item.isMap() ? item.asMap().require("name") : item;
      Label.problem(nameNode.asString()).ifPresent(problem -> {
        throw nameNode.error(problem);
      });
      if (item.isMap()) {
        YamlMap m = item.asMap().allowOnly(List.of("name", "display", "description"));
        String written = m.require("name").asNonBlankString();
        label = new Label(Label.normalise(written),
            m.get("display").map(YamlNode::asNonBlankString).orElse(written),
            m.get("description").map(YamlNode::asNonBlankString));
      } else {
        label = Label.of(item.asNonBlankString());
      }
      if (!seen.add(label.name())) {
        throw item.error("label '" + label.display() + "' is listed twice (labels are compared in "
            + "lower case with spaces as '_'); remove the duplicate");
      }
      labels.add(label);
    }
    if (labels.size() < 2) {
      throw node.error("a classification task needs at least two labels; list them under 'labels'");
    }
    return labels;
  }

  private static Templates templates(Optional<YamlNode> node, AttributeSet attributes) {
    if (node.isEmpty()) {
      return Templates.DEFAULTS;
    }
    YamlMap map = node.get().asMap().allowOnly(List.of("simprompt", "attrprompt"));
    Set<String> common = new LinkedHashSet<>(TemplateFields.COMMON);
    Set<String> withAttributes = new LinkedHashSet<>(common);
    withAttributes.addAll(TemplateFields.ATTRIBUTE);
    attributes.enabled().stream().map(Dimension::name).forEach(withAttributes::add);
    String sim = map.get("simprompt").map(n -> checked(n, common, "SimPrompt prompts have no "
        + "attributes; use only")).orElse(Templates.DEFAULT_SIMPROMPT);
    String attr = map.get("attrprompt").map(n -> checked(n, withAttributes, "use a dimension of "
        + "the attribute set or a built-in field:")).orElse(Templates.DEFAULT_ATTRPROMPT);
    return new Templates(sim, attr);
  }

  private static String checked(YamlNode node, Set<String> allowed, String hint) {
    return TemplateCheck.check(node, allowed, hint);
  }

  private static Generation generation(Optional<YamlNode> node) {
    Generation d = Generation.DEFAULTS;
    if (node.isEmpty()) {
      return d;
    }
    YamlMap map = node.get().asMap().allowOnly(GENERATION_KEYS);
    double temperature = map.get("temperature").map(YamlNode::asDouble).orElse(d.temperature());
    if (temperature < 0 || temperature > 2) {
      throw map.require("temperature").error("temperature must be between 0 and 2");
    }
    double topP = map.get("top_p").map(YamlNode::asDouble).orElse(d.topP());
    if (!(topP > 0) || topP > 1) {
      throw map.require("top_p").error("top_p must be greater than 0 and at most 1");
    }
    int maxTokens = map.get("max_tokens").map(YamlNode::asInt).orElse(d.maxTokens());
    if (maxTokens < 1) {
      throw map.require("max_tokens").error("max_tokens must be at least 1");
    }
    int perClass = map.get("per_class").map(YamlNode::asInt).orElse(d.perClass());
    if (perClass < 1) {
      throw map.require("per_class").error("per_class must be at least 1");
    }
    return new Generation(
        map.get("model").map(YamlNode::asNonBlankString).orElse(d.model()),
        temperature, topP, maxTokens, perClass,
        map.get("seed").map(YamlNode::asLong).orElse(d.seed()));
  }
}
