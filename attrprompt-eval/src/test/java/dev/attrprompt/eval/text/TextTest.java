package dev.attrprompt.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void analysisWordsKeepShortWordsAndInnerApostrophes() {
    assertThat(Words.ANALYSIS.split("I don't like 'quotes', Café-au-lait 42!"))
        .containsExactly("i", "don't", "like", "quotes", "café", "au", "lait", "42");
  }

  @Test
  void classifierWordsAreScikitLearnsDefaultTokens() {
    // (?u)\b\w\w+\b: two or more word characters; underscores count, apostrophes split
    assertThat(Words.CLASSIFIER.split("I don't like snake_case, A-B 42!"))
        .containsExactly("don", "like", "snake_case", "42");
  }

  @Test
  void tfIdfMatchesScikitLearnsFormula() {
    // two texts; "a" is in both (df 2), "b" and "c" in one each; n = 2
    TfIdf.Fitted f = TfIdf.fit(List.of("aa aa bb", "aa cc"), Words.CLASSIFIER, 1);
    double idfCommon = Math.log(3.0 / 3.0) + 1;   // 1
    double idfRare = Math.log(3.0 / 2.0) + 1;
    SparseVector v = f.vectors().get(0);
    double wA = 2 * idfCommon;
    double wB = idfRare;
    double norm = Math.sqrt(wA * wA + wB * wB);
    assertThat(v.indices()).hasSize(2);
    assertThat(v.values()[0]).isCloseTo((float) (wA / norm), within(1e-6f));
    assertThat(v.values()[1]).isCloseTo((float) (wB / norm), within(1e-6f));
    assertThat(v.squaredNorm()).isCloseTo(1, within(1e-6));
    // unseen words are dropped; an all-unseen text is the zero vector
    assertThat(f.model().transform("zz yy").nonZeros()).isZero();
    assertThat(f.model().transform("cc zz").values()).containsExactly(1f);
  }

  @Test
  void bigramsJoinConsecutiveTokens() {
    long[] abc = TfIdf.keys(Words.CLASSIFIER, "Aa bb, CC", 2);
    long[] bcd = TfIdf.keys(Words.CLASSIFIER, "bb cc dd", 2);
    assertThat(abc).hasSize(5); // aa, bb, cc, aa bb, bb cc
    assertThat(abc).doesNotHaveDuplicates();
    assertThat(bcd[0]).isEqualTo(abc[1]);
    assertThat(bcd[3]).isEqualTo(abc[4]); // "bb cc" in both
    assertThat(TfIdf.keys(Words.CLASSIFIER, "bb aa", 2)[2]).isNotEqualTo(abc[3]); // order matters
    assertThat(TfIdf.keys(Words.CLASSIFIER, "a", 2)).isEmpty(); // one-letter words are not words here
    TfIdf.Fitted f = TfIdf.fit(List.of("new york city", "york city"), Words.CLASSIFIER, 2);
    assertThat(f.model().dimension()).isEqualTo(5); // new, york, city, new york, york city
  }

  @Test
  void hashedTermsCountExactlyAsManyFeaturesAsDistinctNgramStrings() {
    // 60,000 texts over 20,000 made-up words: about 400,000 distinct 1-2-grams
    java.util.Random random = new java.util.Random(7);
    List<String> texts = new java.util.ArrayList<>();
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (int d = 0; d < 60_000; d++) {
      List<String> words = new java.util.ArrayList<>();
      for (int w = 0; w < 6; w++) {
        words.add("w" + Integer.toString(random.nextInt(20_000), 36));
      }
      texts.add(String.join(" ", words));
      distinct.addAll(words);
      for (int w = 0; w + 1 < words.size(); w++) {
        distinct.add(words.get(w) + " " + words.get(w + 1));
      }
    }
    assertThat(TfIdf.fit(texts, Words.CLASSIFIER, 2).model().dimension()).isEqualTo(distinct.size());
  }

  @Test
  void longIntMapNumbersKeysInOrderOfFirstSight() {
    LongIntMap m = new LongIntMap(2);
    for (long v = -1000; v < 1000; v++) {
      assertThat(m.intern(v)).isEqualTo((int) (v + 1000));
      assertThat(m.intern(v)).isEqualTo((int) (v + 1000));
    }
    assertThat(m.size()).isEqualTo(2000);
    assertThat(m.get(0)).isEqualTo(1000);
    assertThat(m.get(-1000)).isZero();
    assertThat(m.get(5000)).isEqualTo(-1);
  }

  @Test
  void longHashSetCountsDistinctValuesIncludingZero() {
    LongHashSet s = new LongHashSet(2);
    for (long v = -1000; v < 1000; v++) {
      s.add(v);
      s.add(v);
    }
    assertThat(s.size()).isEqualTo(2000);
    assertThat(s.add(0)).isFalse();
    assertThat(s.add(5000)).isTrue();
  }
}
