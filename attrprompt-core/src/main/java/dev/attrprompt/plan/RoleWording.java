package dev.attrprompt.plan;

import dev.attrprompt.task.LabelRole;
import java.util.List;

/**
 * How a prompt names the label for each {@link LabelRole}: the request ("one news article about
 * "Sports"", "one negative movie review") and the similar-class clause. Pure.
 */
final class RoleWording {
  private RoleWording() {}

  /** What to write, after "Write": the domain with the sample's labels in their role. */
  static String request(LabelRole role, String domain, List<String> labels) {
    String quoted = PromptRenderer.joined(labels, "and", true);
    boolean several = labels.size() > 1;
    return switch (role) {
      case TOPIC -> "one " + domain + " about " + quoted;
      case SENTIMENT -> "one " + PromptRenderer.joined(labels, "and", false) + " " + domain;
      case CATEGORY -> "one " + domain + " of a product in the " + quoted
          + (several ? " categories" : " category");
      case COMMUNITY -> "one " + domain + " in the " + quoted
          + (several ? " communities" : " community");
      case TAG -> "one " + domain + " tagged " + quoted;
    };
  }

  /** The overall rating a sentiment label asks for, else empty. */
  static String rating(LabelRole role, List<String> labels) {
    return role == LabelRole.SENTIMENT ? PromptRenderer.joined(labels, "and", false) : "";
  }

  /**
   * The sentence asking the text to keep to its labels and off the {@code similar} ones (which
   * must not hold any of {@code labels}), or empty when there are none.
   */
  static String similarClause(LabelRole role, List<String> labels, List<String> similar) {
    if (similar.isEmpty()) {
      return "";
    }
    String own = PromptRenderer.joined(labels, "and", true);
    boolean several = labels.size() > 1;
    String others = PromptRenderer.joined(similar, "or", true);
    return switch (role) {
      case TOPIC -> "It should clearly belong to " + own + " and not to " + others + ".";
      case SENTIMENT -> "Its overall rating should clearly be "
          + PromptRenderer.joined(labels, "and", false) + " and not "
          + PromptRenderer.joined(similar, "or", false) + ".";
      case CATEGORY -> "The product should clearly belong to the " + own
          + (several ? " categories" : " category") + " and not to "
          + others + ".";
      case COMMUNITY -> "It should clearly fit the " + own
          + (several ? " communities" : " community") + " and be irrelevant to "
          + others + ".";
      case TAG -> "It should clearly call for the tag " + own + " and not for " + others + ".";
    };
  }
}
