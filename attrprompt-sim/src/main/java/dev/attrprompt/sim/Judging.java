package dev.attrprompt.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompts that ask which of some labels a given text belongs to (a label-fidelity judge), and
 * their answers. The simulator's own texts open by naming the label they were written about
 * ("This simulated news article about sports focuses on ..."), so the simulator can read that
 * label back and answer with the option that matches it, as a perfect judge would; a share of
 * answers ({@code judgeError}) names a wrong option instead. Answers come in the wordings real
 * models use (bare, quoted, in a sentence), so that a client's parser is tested too. Pure.
 */
final class Judging {
  private Judging() {}

  /** A classification question: the options offered and the text to classify. */
  record Question(List<String> options, String text) {}

  private static final Pattern ASKS = Pattern.compile("(?i)\\bwhich\\b[^\\n]{0,80}?\\b(?:labels?|class(?:es)?"
      + "|categor(?:y|ies)|options?|topics?)\\b[^\\n]{0,100}?\\b(?:fits?|belongs?|describes?|matche?s?|applies"
      + "|best)\\b");
  private static final Pattern FENCED = Pattern.compile("(?s)\"\"\"\\s*\\n?(.*?)\\n?\\s*\"\"\"");
  private static final Pattern TAGGED = Pattern.compile("(?s)<text>\\s*(.*?)\\s*</text>");
  private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•]|\\d{1,3}[.)])\\s+(.+?)\\s*$");

  // How ContentWriter opens a text: each form captures the label it was written about.
  private static final List<Pattern> OPENERS = List.of(
      Pattern.compile("(?i)\\bsimulated [^.]{1,60}? about (.{1,100}?) focuses on "),
      Pattern.compile("(?i)\\bsimulated [^.]{1,60}? about (.{1,100}?), the focus is "),
      Pattern.compile("(?i)\\bsimulated [^.]{1,60}? on (.{1,100}?), with a close look at "),
      Pattern.compile("(?i)\\bsimulated [^.]{1,60}? is about (.{1,100}?)\\."),
      Pattern.compile("(?i)\\bsimulated [^.]{1,60}?, the subject is (.{1,100}?)\\."),
      Pattern.compile("(?i)\\bsimulated [^.]{1,60}? is (.{1,100}?) overall\\."),
      Pattern.compile("(?i)\\bthe overall rating is (.{1,100}?)\\."),
      Pattern.compile("(?i)^simulated [^:]{1,60}: ([^;.]{1,100})"));

  /** The question {@code prompt} asks, when it asks which option a text belongs to. */
  static Optional<Question> read(String prompt) {
    if (!ASKS.matcher(prompt).find()) {
      return Optional.empty();
    }
    Matcher m = FENCED.matcher(prompt);
    String text;
    String rest;
    if (m.find() || (m = TAGGED.matcher(prompt)).find()) {
      text = m.group(1).strip();
      rest = prompt.substring(0, m.start()) + "\n" + prompt.substring(m.end());
    } else {
      return Optional.empty();
    }
    List<String> options = new ArrayList<>();
    for (String line : rest.split("\\R")) {
      Matcher b = BULLET.matcher(line);
      if (b.matches()) {
        String option = b.group(1).replaceAll("^[\"“'`]+|[\"”'`]+$", "").strip();
        if (!option.isEmpty() && !options.contains(option)) {
          options.add(option);
        }
      }
    }
    return options.size() < 2 ? Optional.empty() : Optional.of(new Question(List.copyOf(options), text));
  }

  /** The label a simulated text was written about, read from its opening, or empty. */
  static Optional<String> writtenAbout(String text) {
    String head = text.strip();
    head = head.substring(0, Math.min(head.length(), 400));
    for (Pattern p : OPENERS) {
      Matcher m = p.matcher(head);
      if (m.find()) {
        return Optional.of(m.group(1).strip());
      }
    }
    return Optional.empty();
  }

  /**
   * The answer to {@code q}: the option that names the label the text was written about (else
   * the option that says none fits, else the first), or with probability {@code error} another
   * option; in one of several wordings.
   */
  static String answer(Question q, double error, SplittableRandom rng) {
    Optional<String> about = writtenAbout(q.text()).map(Judging::normal);
    String right = about.flatMap(a -> q.options().stream().filter(o -> normal(o).equals(a)).findFirst())
        .or(() -> q.options().stream().filter(o -> normal(o).startsWith("none")).findFirst())
        .orElse(q.options().getFirst());
    String chosen = right;
    // always drawn, so that the error rate shifts no other draw
    boolean wrong = rng.nextDouble() < error;
    int pick = rng.nextInt(q.options().size() - 1);
    if (wrong) {
      List<String> others = q.options().stream().filter(o -> !o.equals(right)).toList();
      chosen = others.get(Math.min(pick, others.size() - 1));
    }
    return switch (rng.nextInt(8)) {
      case 0 -> "\"" + chosen + "\"";
      case 1 -> "The text belongs to: " + chosen + ".";
      case 2 -> "Answer: " + chosen.toUpperCase(Locale.ROOT);
      case 3 -> "**" + chosen + "**";
      default -> chosen;
    };
  }

  /** Lower case, runs of anything but letters and digits as one space: "Sci_Tech" = "sci tech". */
  static String normal(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
