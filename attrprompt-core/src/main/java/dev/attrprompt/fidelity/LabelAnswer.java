package dev.attrprompt.fidelity;

import java.util.List;

/**
 * What a judge answered to a {@link LabelQuestion}, read the forgiving way: case, quotes,
 * markdown, punctuation and a sentence around the label do not matter ("**Sports**", "The text
 * belongs to: sports.", "Answer: SCI/TECH"), nor underscores against spaces. A label named only
 * after a negation ("not Politics") does not count. An answer that names no option, or two
 * different ones, is {@link Unparseable}: counted apart, never guessed.
 */
public sealed interface LabelAnswer {
  /** The judge named one of the offered labels (maybe the sample's own). */
  record Named(String option) implements LabelAnswer {}

  /** The judge said the text fits none of the labels offered. */
  record NoneOfThese() implements LabelAnswer {}

  /** The answer named no option, or several. */
  record Unparseable() implements LabelAnswer {}

  /** Reads {@code answer} against the labels the question offered (without "none of these"). */
  static LabelAnswer read(String answer, List<String> options) {
    return AnswerReading.read(answer, options);
  }
}
