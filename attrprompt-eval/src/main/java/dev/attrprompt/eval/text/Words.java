package dev.attrprompt.eval.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lower-cased words. Two flavours: {@link #ANALYSIS} keeps every run of letters
 * and digits, with apostrophes inside a word ("don't"), for counting words and n-grams;
 * {@link #CLASSIFIER} keeps runs of two or more word characters (letters, digits, underscore),
 * scikit-learn's default {@code (?u)\b\w\w+\b}, so that TF-IDF features match the baseline.
 */
public final class Words {
  /** Words for length, vocabulary, distinct-n and BLEU. */
  public static final Words ANALYSIS = new Words(1, true, false);
  /** Words for TF-IDF features: scikit-learn's default token pattern. */
  public static final Words CLASSIFIER = new Words(2, false, true);

  private final int minLength;
  private final boolean apostrophes;
  private final boolean underscore;

  private Words(int minLength, boolean apostrophes, boolean underscore) {
    this.minLength = minLength;
    this.apostrophes = apostrophes;
    this.underscore = underscore;
  }

  /** Receives each word as a range of the lower-cased text. */
  @FunctionalInterface
  public interface Sink {
    void word(String lower, int start, int end);
  }

  public List<String> split(String text) {
    List<String> out = new ArrayList<>();
    forEach(text, (lower, start, end) -> out.add(lower.substring(start, end)));
    return out;
  }

  /** Hands each word to {@code sink} in order, without making a string of it. */
  public void forEach(String text, Sink sink) {
    String lower = text.toLowerCase(Locale.ROOT);
    int n = lower.length();
    int i = 0;
    while (i < n) {
      while (i < n && !isWordChar(lower.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n) {
        char c = lower.charAt(i);
        if (isWordChar(c)) {
          i++;
        } else if (apostrophes && (c == '\'' || c == '\u2019') && i > start && i + 1 < n
            && Character.isLetter(lower.charAt(i + 1))) {
          i++;
        } else {
          break;
        }
      }
      if (i - start >= minLength) {
        sink.word(lower, start, i);
      }
    }
  }

  private boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || (underscore && c == '_') || Character.getType(c) == Character.NON_SPACING_MARK;
  }
}
