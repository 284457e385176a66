package dev.attrprompt.discover;

import dev.attrprompt.UserError;
import dev.attrprompt.attributes.Scope;
import dev.attrprompt.yaml.YamlFiles;
import dev.attrprompt.yaml.YamlMap;
import dev.attrprompt.yaml.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DIR/discovery/dimensions.yaml: the proposed dimensions with a {@code keep} flag a person edits.
 * Its flags (and scopes) win over a new proposal; --keep and --yes win over the file.
 */
final class Proposals {
  static final String FILE = "dimensions.yaml";

  private Proposals() {}

  static Map<String, ProposedDimension> read(Path file) {
    Map<String, ProposedDimension> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    YamlMap root = YamlFiles.read(file).asMap().allowOnly(List.of("dimensions"));
    for (YamlNode item : root.require("dimensions").asList()) {
      YamlMap m = item.asMap().allowOnly(List.of("name", "scope", "keep"));
      String name = m.require("name").asNonBlankString();
      Scope scope = switch (m.get("scope").map(YamlNode::asString).orElse("independent")) {
        case "independent" -> Scope.INDEPENDENT;
        case "dependent" -> Scope.DEPENDENT;
        default -> throw m.require("scope").error("scope must be 'independent' or 'dependent'");
      };
      out.put(name, new ProposedDimension(name, scope, m.get("keep").map(YamlNode::asBoolean).orElse(false)));
    }
    return out;
  }

  static List<ProposedDimension> merge(List<ProposedDimension> fresh, Map<String, ProposedDimension> edited,
      Discovery.Options options) {
    Map<String, ProposedDimension> all = new LinkedHashMap<>();
    fresh.forEach(d -> all.put(d.name(), d));
    all.putAll(edited); // a person's choices of scope and keep stand
    List<ProposedDimension> out = new ArrayList<>();
    for (ProposedDimension d : all.values()) {
      boolean keep = options.yes() || (!options.keep().isEmpty() ? options.keep().contains(d.name()) : d.keep());
      out.add(new ProposedDimension(d.name(), d.scope(), keep));
    }
    for (String k : options.keep()) {
      if (!all.containsKey(k)) {
        throw new UserError("--keep names '" + k + "', which is no proposed dimension; use snake_case names from "
            + "discovery/" + FILE);
      }
    }
    return out;
  }

  static void write(Path file, List<ProposedDimension> dims) {
    StringBuilder b = new StringBuilder();
    b.append("# Attribute dimensions proposed for this task. Set 'keep: true' on the ones to use (and fix a\n")
        .append("# scope if needed), then run 'attrprompt attributes discover' again.\n")
        .append("dimensions:\n");
    for (ProposedDimension d : dims) {
      b.append("  - {name: ").append(d.name()).append(", scope: ").append(d.scope().yamlName())
          .append(", keep: ").append(d.keep()).append("}\n");
    }
    Discovery.writeString(file, b.toString());
  }
}
