package dev.attrprompt.cost;

import dev.attrprompt.UserError;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per model. The built-in table holds OpenAI's published list prices (standard tier, US
 * dollars per million tokens) as of {@value #AS_OF}; tasks and prices files override or extend it.
 * A dated model name such as {@code gpt-4o-mini-2024-07-18} takes the price of its longest listed
 * prefix.
 */
public final class PriceTable {
  public static final String AS_OF = "2025-08";
  /** The Batch API's discount on both input and output tokens. */
  public static final double BATCH_DISCOUNT = 0.5;

  private static final Map<String, Price> BUILT_IN = builtIn();

  private final Map<String, Price> prices;

  private PriceTable(Map<String, Price> prices) {
    this.prices = prices;
  }

  public static PriceTable builtInTable() {
    return new PriceTable(BUILT_IN);
  }

  /** The built-in table with {@code overrides} on top (later maps win). */
  @SafeVarargs
  public static PriceTable withOverrides(Map<String, Price>... overrides) {
    Map<String, Price> merged = new LinkedHashMap<>(BUILT_IN);
    for (Map<String, Price> o : overrides) {
      merged.putAll(o);
    }
    return new PriceTable(Map.copyOf(merged));
  }

  public Optional<Price> find(String model) {
    Price exact = prices.get(model);
    if (exact != null) {
      return Optional.of(exact);
    }
    return prices.keySet().stream()
        .filter(model::startsWith)
        .max(Comparator.comparingInt(String::length))
        .map(prices::get);
  }

  /** The price of {@code model}, or a one-line error saying how to add one. */
  public Price require(String model) {
    return find(model).orElseThrow(() -> new UserError("no price known for model '" + model
        + "'; add it to task.yaml as 'prices: {" + model + ": {input: USD_PER_1M, output: "
        + "USD_PER_1M}}' or pass --prices FILE (use 0 for a local model)"));
  }

  public Map<String, Price> all() {
    return prices;
  }

  private static Map<String, Price> builtIn() {
    Map<String, Price> m = new LinkedHashMap<>();
    m.put("gpt-3.5-turbo", new Price(0.50, 1.50));
    m.put("gpt-4-turbo", new Price(10.00, 30.00));
    m.put("gpt-4o", new Price(2.50, 10.00));
    m.put("gpt-4o-mini", new Price(0.15, 0.60));
    m.put("gpt-4.1", new Price(2.00, 8.00));
    m.put("gpt-4.1-mini", new Price(0.40, 1.60));
    m.put("gpt-4.1-nano", new Price(0.10, 0.40));
    m.put("gpt-5", new Price(1.25, 10.00));
    m.put("gpt-5-mini", new Price(0.25, 2.00));
    m.put("gpt-5-nano", new Price(0.05, 0.40));
    m.put("o3", new Price(2.00, 8.00));
    m.put("o3-mini", new Price(1.10, 4.40));
    m.put("o4-mini", new Price(1.10, 4.40));
    return Map.copyOf(m);
  }
}
