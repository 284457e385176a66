package dev.attrprompt.task;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a label stands for in the texts of a task, which decides how a prompt asks for a text of
 * that label: "a news article about sports" (topic), "a negative movie review" (sentiment), "a
 * product review of a product in the camera &amp; photo category" (category), "a Reddit post in
 * the guitar community" (community), "a Stack Exchange question tagged unity" (tag).
 */
public enum LabelRole {
  /** The label is what the text is about. The default. */
  TOPIC,
  /** The label is the text's overall rating or feeling ("positive", "negative"). */
  SENTIMENT,
  /** The label is the category of the product or item the text is about. */
  CATEGORY,
  /** The label is the community (forum, subreddit) the text is posted in. */
  COMMUNITY,
  /** The label is a tag the text (a question) carries. */
  TAG;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role {@code text} names, if any: {@code topic}, {@code sentiment}, ... */
  public static Optional<LabelRole> parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.yamlName().equals(t)).findFirst();
  }

  /** The names a task file may use, in the order of the enum. */
  public static List<String> names() {
    return Arrays.stream(values()).map(LabelRole::yamlName).toList();
  }
}
