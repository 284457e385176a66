package dev.attrprompt.plan;

import java.util.Locale;

/** How prompts are made. */
public enum Method {
  /** One class-conditional prompt per label, sent many times: the baseline. */
  SIMPROMPT,
  /** A prompt per request with one sampled value of every attribute dimension. */
  ATTRPROMPT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Method parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "simprompt", "sim" -> SIMPROMPT;
      case "attrprompt", "attr" -> ATTRPROMPT;
      default -> throw new dev.attrprompt.UserError(
          "unknown method '" + text + "'; use simprompt or attrprompt");
    };
  }
}
