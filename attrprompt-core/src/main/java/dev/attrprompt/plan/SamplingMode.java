package dev.attrprompt.plan;

import java.util.Locale;

/** How an AttrPrompt plan draws one value per dimension for each request. */
public enum SamplingMode {
  /** An independent draw per dimension, uniform or by weight: the paper's method. */
  UNIFORM,
  /** Each label's draws cover every value of a dimension as evenly as possible (weights ignored). */
  BALANCED,
  /** The same value of each dimension for every request of a label: the paper's ablation. */
  FIXED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SamplingMode parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "uniform" -> UNIFORM;
      case "balanced" -> BALANCED;
      case "fixed" -> FIXED;
      default -> throw new dev.attrprompt.UserError(
          "unknown sampling mode '" + text + "'; use uniform, balanced or fixed");
    };
  }
}
