package dev.attrprompt.eval.metrics;

import dev.attrprompt.eval.text.Corpus;
import dev.attrprompt.eval.text.LongHashSet;

/**
 * Distinct-n (Li et al. 2016): distinct word n-grams divided by all word n-grams of a set of
 * texts. n-grams do not cross text boundaries; 0 when the texts have no n-gram.
 */
public final class Distinct {
  private Distinct() {}

  /** Distinct and total n-grams of the texts {@code docs} of {@code corpus}. */
  public record Count(long distinct, long total) {
    public double ratio() {
      return total == 0 ? 0 : (double) distinct / total;
    }
  }

  public static Count count(Corpus corpus, int[] docs, int n) {
    long total = 0;
    for (int d : docs) {
      total += Math.max(0, corpus.doc(d).length - n + 1);
    }
    LongHashSet seen = new LongHashSet((int) Math.min(total, 1 << 24));
    for (int d : docs) {
      int[] doc = corpus.doc(d);
      for (int i = 0; i + n <= doc.length; i++) {
        seen.add(Corpus.ngram(doc, i, n));
      }
    }
    return new Count(seen.size(), total);
  }

  public static double of(Corpus corpus, int[] docs, int n) {
    return count(corpus, docs, n).ratio();
  }
}
