package dev.attrprompt.fidelity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reading behind {@link LabelAnswer#read}. Pure. */
final class AnswerReading {
  private AnswerReading() {}

  private static final Pattern LEAD = Pattern.compile(
      "(?i)^\\s*(?:final answer|answer|label|category|class)\\s*:");
  /** A negation just before a label, up to two words away: "not about politics", "isn't sports". */
  private static final Pattern NEGATED = Pattern.compile(
      "(?:\\bnot|\\bn t|\\brather than|\\binstead of|\\bnor|\\bneither|\\bno)(?: \\S+){0,2}$");
  private static final Pattern NONE = Pattern.compile(
      "\\b(?:none of (?:these|them|the above|the labels|those|the options)|none|no label fits|no label)\\b");
  private static final String GONE = " \u0001 ";

  static LabelAnswer read(String answer, List<String> options) {
    String a = normal(LEAD.matcher(answer).replaceFirst(""));
    if (a.isEmpty()) {
      return new LabelAnswer.Unparseable();
    }
    for (String o : options) {
      if (a.equals(normal(o))) {
        return new LabelAnswer.Named(o);
      }
    }
    if (a.equals(normal(LabelQuestion.NONE))) {
      return new LabelAnswer.NoneOfThese();
    }
    // longest first: "sci tech" is taken before a "tech" inside it can match
    List<String> byLength = new ArrayList<>(options);
    byLength.sort(Comparator.comparingInt((String o) -> normal(o).length()).reversed());
    String rest = " " + a + " ";
    List<String> named = new ArrayList<>();
    for (String o : byLength) {
      String n = normal(o);
      if (n.isEmpty()) {
        continue;
      }
      Matcher m = Pattern.compile(" " + Pattern.quote(n) + "(?= )").matcher(rest);
      boolean affirmed = false;
      while (m.find()) {
        if (!NEGATED.matcher(rest.substring(0, m.start()).stripTrailing()).find()) {
          affirmed = true;
        }
      }
      if (affirmed && !named.contains(o)) {
        named.add(o);
      }
      rest = rest.replace(" " + n + " ", GONE);
    }
    boolean none = NONE.matcher(rest).find();
    if (named.size() == 1 && !none) {
      return new LabelAnswer.Named(named.getFirst());
    }
    if (named.isEmpty() && none) {
      return new LabelAnswer.NoneOfThese();
    }
    return new LabelAnswer.Unparseable();
  }

  /** Lower case; runs of anything but letters and digits become one space; trimmed. */
  static String normal(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
