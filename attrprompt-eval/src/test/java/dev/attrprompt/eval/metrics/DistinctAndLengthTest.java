package dev.attrprompt.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attrprompt.eval.text.Corpus;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistinctAndLengthTest {
  private final Corpus corpus = Corpus.of(List.of("the cat sat", "the cat ran", "a dog"));
  private final int[] all = {0, 1, 2};

  @Test
  void distinctNIsDistinctOverAllNGramsWithinTexts() {
    // words: the cat sat | the cat ran | a dog: 8 words, 6 distinct
    assertThat(Distinct.count(corpus, all, 1)).isEqualTo(new Distinct.Count(6, 8));
    // bigrams: the-cat, cat-sat | the-cat, cat-ran | a-dog: 5 in all, 4 distinct (none across texts)
    assertThat(Distinct.of(corpus, all, 2)).isCloseTo(4 / 5.0, within(1e-12));
    // trigrams: the-cat-sat, the-cat-ran: 2 of 2
    assertThat(Distinct.of(corpus, all, 3)).isEqualTo(1.0);
    assertThat(Distinct.of(corpus, new int[] {2}, 3)).isZero();
    assertThat(corpus.vocabularySize()).isEqualTo(6);
  }

  @Test
  void percentilesInterpolateLikeNumpy() {
    // numpy.percentile([1, 2, 3, 4, 10], [10, 50, 90]) = [1.4, 3.0, 7.6]
    LengthStats s = LengthStats.of(new int[] {10, 1, 3, 2, 4});
    assertThat(s.mean()).isEqualTo(4.0);
    assertThat(s.p10()).isCloseTo(1.4, within(1e-12));
    assertThat(s.p50()).isEqualTo(3.0);
    assertThat(s.p90()).isCloseTo(7.6, within(1e-12));
    assertThat(LengthStats.of(new int[0])).isEqualTo(new LengthStats(0, 0, 0, 0));
  }

  @Test
  void entropyAndKlToUniform() {
    long[] even = {5, 5, 5, 5, 5, 5};
    assertThat(Distribution.normalisedEntropy(even)).isCloseTo(1.0, within(1e-12));
    assertThat(Distribution.klToUniform(even)).isCloseTo(0.0, within(1e-12));
    long[] one = {0, 9, 0, 0, 0, 0};
    assertThat(Distribution.entropy(one)).isZero();
    assertThat(Distribution.klToUniform(one)).isCloseTo(Math.log(6), within(1e-12));
    long[] two = {3, 3, 0, 0, 0, 0};
    assertThat(Distribution.entropy(two)).isCloseTo(Math.log(2), within(1e-12));
    assertThat(Distribution.normalisedEntropy(two)).isCloseTo(Math.log(2) / Math.log(6), within(1e-12));
    assertThat(Distribution.klToUniform(two)).isCloseTo(Math.log(3), within(1e-12));
    // p = (1/2, 1/4, 1/4): H = 1.5 ln 2
    assertThat(Distribution.entropy(new long[] {2, 1, 1})).isCloseTo(1.5 * Math.log(2), within(1e-12));
  }
}
