package dev.attrprompt.cost;

import dev.attrprompt.UserError;
import dev.attrprompt.yaml.YamlFiles;
import dev.attrprompt.yaml.YamlMap;
import dev.attrprompt.yaml.YamlNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads price overrides: a mapping from model name to {@code {input: X, output: Y}} in US dollars
 * per million tokens, under {@code prices:} in task.yaml or in a prices file.
 */
public final class PriceReader {
  private PriceReader() {}

  public static Map<String, Price> prices(YamlNode node) {
    YamlMap map = node.asMap();
    Map<String, Price> prices = new LinkedHashMap<>();
    for (String model : map.keys()) {
      YamlMap entry = map.entries().get(model).asMap().allowOnly(List.of("input", "output"));
      double input = entry.require("input").asDouble();
      double output = entry.require("output").asDouble();
      if (!(input >= 0) || !(output >= 0) || Double.isInfinite(input) || Double.isInfinite(output)) {
        throw entry.node().error("prices of '" + model + "' must be non-negative numbers of US "
            + "dollars per million tokens");
      }
      prices.put(model, new Price(input, output));
    }
    return prices;
  }

  /** Reads a prices file: {@code prices: {model: {input, output}}}. */
  public static Map<String, Price> file(Path file) {
    YamlMap root = YamlFiles.read(file).asMap().allowOnly(List.of("prices"));
    if (root.get("prices").isEmpty()) {
      throw UserError.in(file, "a prices file needs a 'prices:' mapping of model: {input, output}");
    }
    return prices(root.require("prices"));
  }
}
