package dev.attrprompt.task;

import java.util.List;
import java.util.Set;

/** The names a prompt template may use besides the task's dimension names. */
public final class TemplateFields {
  private TemplateFields() {}

  /** Fields of every prompt. */
  public static final List<String> COMMON = List.of(
      "label", "label_name", "label_description", "labels_text", "label_role", "request_text",
      "rating_text", "domain", "source", "task_description", "similar", "similar_text",
      "similar_clause");

  /** Fields that only AttrPrompt prompts have: the sampled attributes. */
  public static final List<String> ATTRIBUTE =
      List.of("attributes", "name", "value", "phrase", "guidance");

  /** Every built-in name; a dimension may not take one of them. */
  public static final Set<String> BUILT_IN = Set.copyOf(
      java.util.stream.Stream.concat(COMMON.stream(), ATTRIBUTE.stream()).toList());
}
