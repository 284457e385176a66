package dev.attrprompt.fidelity;

import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One question to a judge: which one of {@code options} (the sample's own label and the labels it
 * could be confused with, then "none of these") fits {@code text}?
 *
 * @param domain  the kind of text ("news article"), or "text"
 * @param label   the sample's own label as the options write it
 * @param options the labels offered, in the task's order, without "none of these"
 * @param text    the sample's text (untrusted: fenced, never interpreted)
 */
public record LabelQuestion(String domain, String label, List<String> options, String text) {
  /** The option for a text that fits none of the labels offered. */
  public static final String NONE = "none of these";
  /** Bumped when the wording changes: stored verdicts of another wording are not reused. */
  public static final String VERSION = "q1";

  public LabelQuestion {
    options = List.copyOf(options);
    if (!options.contains(label)) {
      throw new IllegalArgumentException("the options must hold the sample's own label " + label);
    }
  }

  /**
   * The question for a sample of {@code label} in {@code task}: its label, its similar classes
   * when the task lists any, else every other label; labels as prompts write them.
   */
  public static LabelQuestion of(Task task, Label label, String text) {
    // similar classes may be written in any spelling of a label's name, as prompts accept them
    java.util.Set<String> similar = new java.util.HashSet<>();
    task.attributes().similarTo(label.name()).forEach(s -> task.label(s).ifPresent(l -> similar.add(l.name())));
    similar.remove(label.name());
    List<String> options = new ArrayList<>();
    for (Label l : task.labels()) {
      if (l.equals(label) || similar.isEmpty() || similar.contains(l.name())) {
        options.add(l.display());
      }
    }
    return new LabelQuestion(task.domain(), label.display(), options, text);
  }

  /** The question for a sample of {@code label} among {@code labels} (all of them offered). */
  public static LabelQuestion amongAll(String domain, String label, List<String> labels, String text) {
    return new LabelQuestion(domain, label, labels, text);
  }

  /** The prompt sent: the options as a list, the text fenced, and how to answer. */
  public String prompt() {
    StringBuilder b = new StringBuilder();
    b.append("Which one of these labels fits the ").append(domain).append(" below best?\n");
    for (String o : options) {
      b.append("- ").append(o).append('\n');
    }
    b.append("- ").append(NONE).append("\n\n");
    b.append(capitalised(domain)).append(":\n\"\"\"\n").append(fenced(text)).append("\n\"\"\"\n\n");
    b.append("Reply with the label exactly as it is written in the list, and nothing else. Choose \"")
        .append(NONE).append("\" when the ").append(domain).append(" is about none of the other labels.");
    return b.toString();
  }

  /** The text cannot close its own fence. */
  private static String fenced(String text) {
    return text.strip().replaceAll("\"{3,}", "''");
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? "Text" : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
