package dev.attrprompt.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attrprompt.eval.text.Corpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SelfBleuTest {
  private static double selfBleu(String... texts) {
    Corpus c = Corpus.of(List.of(texts));
    return SelfBleu.of(c, IntStream.range(0, texts.length).toArray(), 500, 1).orElseThrow();
  }

  @Test
  void identicalTextsScoreOne() {
    assertThat(selfBleu("the quick brown fox jumps", "the quick brown fox jumps", "the quick brown fox jumps"))
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void handComputedPair() {
    // each against the other: precisions 5/6, 3/5, 2/4, 1/3, equal lengths (no brevity penalty)
    double expected = Math.pow(5 / 6.0 * 3 / 5.0 * 2 / 4.0 * 1 / 3.0, 0.25);
    assertThat(selfBleu("the cat sat on the mat", "the cat sat on a mat")).isCloseTo(expected, within(1e-12));
  }

  @Test
  void zeroCountsAreSmoothedAndShortTextsPayTheBrevityPenalty() {
    // "a b c d" vs "a b c e": 3/4, 2/3, 1/2 and no 4-gram: 0.1/1 (NLTK method1)
    double one = Math.pow(3 / 4.0 * 2 / 3.0 * 1 / 2.0 * 0.1, 0.25);
    assertThat(selfBleu("a b c d", "a b c e")).isCloseTo(one, within(1e-12));
    // "a b" vs "a b c d": hyp 2 words, ref 4 -> BP exp(1 - 4/2); precisions 1, 1, 0.1/1, 0.1/1
    double shortHyp = Math.exp(1 - 2.0) * Math.pow(1 * 1 * 0.1 * 0.1, 0.25);
    // "a b c d" vs "a b": 2/4, 1/3, 0.1/2, 0.1/1, no penalty (longer than the reference)
    double longHyp = Math.pow(2 / 4.0 * 1 / 3.0 * 0.1 / 2 * 0.1 / 1, 0.25);
    assertThat(selfBleu("a b", "a b c d")).isCloseTo((shortHyp + longHyp) / 2, within(1e-12));
    // nothing in common at all scores 0
    assertThat(selfBleu("a b c d", "e f g h")).isZero();
  }

  @Test
  void theSampleIsSeededAndBounded() {
    int[] docs = IntStream.range(0, 100).toArray();
    assertThat(SelfBleu.sample(docs, 10, 7)).hasSize(10).doesNotHaveDuplicates().isEqualTo(SelfBleu.sample(docs, 10, 7));
    assertThat(SelfBleu.sample(docs, 10, 8)).isNotEqualTo(SelfBleu.sample(docs, 10, 7));
    assertThat(SelfBleu.sample(docs, 500, 7)).hasSize(100);
    assertThat(SelfBleu.of(Corpus.of(List.of("x")), new int[] {0}, 500, 1)).isEmpty();
  }

  /** The top-two shortcut gives what comparing with every other text gives. */
  @Property(tries = 60)
  void equalsBruteForceBleu(@ForAll @Size(min = 2, max = 8) List<@Size(max = 12) List<@IntRange(min = 0, max = 4) Integer>> texts) {
    int[][] docs = texts.stream().map(t -> t.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    double sum = 0;
    for (int h = 0; h < docs.length; h++) {
      List<int[]> refs = new ArrayList<>();
      for (int r = 0; r < docs.length; r++) {
        if (r != h) {
          refs.add(docs[r]);
        }
      }
      sum += bruteBleu(docs[h], refs);
    }
    assertThat(SelfBleu.ofTexts(docs)).isCloseTo(sum / docs.length, within(1e-9));
  }

  private static double bruteBleu(int[] hyp, List<int[]> refs) {
    if (hyp.length == 0) {
      return 0;
    }
    double log = 0;
    for (int n = 1; n <= 4; n++) {
      Map<String, Integer> h = grams(hyp, n);
      long matched = 0;
      long total = 0;
      for (Map.Entry<String, Integer> e : h.entrySet()) {
        int best = 0;
        for (int[] r : refs) {
          best = Math.max(best, grams(r, n).getOrDefault(e.getKey(), 0));
        }
        matched += Math.min(best, e.getValue());
        total += e.getValue();
      }
      if (matched == 0 && n == 1) {
        return 0;
      }
      log += Math.log(matched == 0 ? 0.1 / Math.max(1, total) : (double) matched / total);
    }
    int closest = refs.stream().mapToInt(r -> r.length)
        .boxed().min((a, b) -> Math.abs(a - hyp.length) != Math.abs(b - hyp.length)
            ? Integer.compare(Math.abs(a - hyp.length), Math.abs(b - hyp.length)) : Integer.compare(a, b))
        .orElseThrow();
    double bp = hyp.length > closest ? 1 : Math.exp(1 - (double) closest / hyp.length);
    return bp * Math.exp(log / 4);
  }

  private static Map<String, Integer> grams(int[] doc, int n) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i + n <= doc.length; i++) {
      StringBuilder k = new StringBuilder();
      for (int j = i; j < i + n; j++) {
        k.append(doc[j]).append(',');
      }
      m.merge(k.toString(), 1, Integer::sum);
    }
    return m;
  }
}
