package dev.attrprompt.eval.metrics;

import dev.attrprompt.eval.text.Corpus;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Self-BLEU (Zhu et al. 2018, Texygen): each text of a seeded sample is scored with BLEU-4 against
 * all the other texts of the sample as references, and the scores are averaged. Higher means more
 * alike. BLEU is sentence BLEU as in NLTK: clipped n-gram precisions for n = 1..4 with equal
 * weights, zero counts smoothed by 0.1 (NLTK's method1), brevity penalty against the closest
 * reference length. Cost is linear in the sample's words: the best count of each n-gram among the
 * other texts is read from the top two counts over the sample.
 */
public final class SelfBleu {
  private SelfBleu() {}

  public static final int MAX_N = 4;
  static final double EPSILON = 0.1;

  /** Self-BLEU of up to {@code sampleSize} of {@code docs}, drawn with {@code seed}; empty below 2 texts. */
  public static OptionalDouble of(Corpus corpus, int[] docs, int sampleSize, long seed) {
    int[] sample = sample(docs, sampleSize, seed);
    if (sample.length < 2) {
      return OptionalDouble.empty();
    }
    int[][] texts = new int[sample.length][];
    for (int i = 0; i < sample.length; i++) {
      texts[i] = corpus.doc(sample[i]);
    }
    return OptionalDouble.of(ofTexts(texts));
  }

  /** Self-BLEU of word-id texts (all of them, no sampling); needs at least two. */
  public static double ofTexts(int[][] texts) {
    List<Map<Long, int[]>> top = new java.util.ArrayList<>();
    for (int n = 1; n <= MAX_N; n++) {
      Map<Long, int[]> best = new HashMap<>(); // n-gram -> {max count, text holding it, second max}
      for (int t = 0; t < texts.length; t++) {
        for (Map.Entry<Long, Integer> e : counts(texts[t], n).entrySet()) {
          int c = e.getValue();
          int[] b = best.computeIfAbsent(e.getKey(), k -> new int[] {0, -1, 0});
          if (c > b[0]) {
            b[2] = b[0];
            b[0] = c;
            b[1] = t;
          } else if (c > b[2]) {
            b[2] = c;
          }
        }
      }
      top.add(best);
    }
    int[] lengths = new int[texts.length];
    for (int t = 0; t < texts.length; t++) {
      lengths[t] = texts[t].length;
    }
    double sum = 0;
    for (int t = 0; t < texts.length; t++) {
      sum += bleu(texts[t], t, top, lengths);
    }
    return sum / texts.length;
  }

  private static double bleu(int[] hyp, int self, List<Map<Long, int[]>> top, int[] lengths) {
    if (hyp.length == 0) {
      return 0;
    }
    double logSum = 0;
    for (int n = 1; n <= MAX_N; n++) {
      Map<Long, int[]> best = top.get(n - 1);
      long matched = 0;
      long total = 0;
      for (Map.Entry<Long, Integer> e : counts(hyp, n).entrySet()) {
        int[] b = best.get(e.getKey());
        int others = b[1] == self ? b[2] : b[0];
        matched += Math.min(e.getValue(), others);
        total += e.getValue();
      }
      if (matched == 0) {
        if (n == 1) {
          return 0; // no word in common with any other text
        }
        logSum += Math.log(EPSILON / Math.max(1, total));
      } else {
        logSum += Math.log((double) matched / total);
      }
    }
    int closest = -1;
    for (int t = 0; t < lengths.length; t++) {
      if (t == self) {
        continue;
      }
      int diff = Math.abs(lengths[t] - hyp.length);
      int best = closest < 0 ? Integer.MAX_VALUE : Math.abs(closest - hyp.length);
      if (closest < 0 || diff < best || (diff == best && lengths[t] < closest)) {
        closest = lengths[t];
      }
    }
    double bp = hyp.length > closest ? 1 : Math.exp(1 - (double) closest / hyp.length);
    return bp * Math.exp(logSum / MAX_N);
  }

  private static Map<Long, Integer> counts(int[] doc, int n) {
    Map<Long, Integer> c = new HashMap<>();
    for (int i = 0; i + n <= doc.length; i++) {
      c.merge(Corpus.ngram(doc, i, n), 1, Integer::sum);
    }
    return c;
  }

  /** Up to {@code k} of {@code docs}, drawn without replacement with {@code seed}, in draw order. */
  static int[] sample(int[] docs, int k, long seed) {
    int[] pool = docs.clone();
    int m = Math.min(k, pool.length);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < m; i++) {
      int j = i + rnd.nextInt(pool.length - i);
      int tmp = pool[i];
      pool[i] = pool[j];
      pool[j] = tmp;
    }
    return Arrays.copyOf(pool, m);
  }
}
