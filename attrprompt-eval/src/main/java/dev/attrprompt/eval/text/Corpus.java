package dev.attrprompt.eval.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Texts as arrays of word ids over one shared vocabulary ({@link Words#ANALYSIS} words), the form
 * that length, vocabulary, distinct-n and BLEU are counted on.
 */
public final class Corpus {
  private final int[][] docs;
  private final int vocabularySize;

  private Corpus(int[][] docs, int vocabularySize) {
    this.docs = docs;
    this.vocabularySize = vocabularySize;
  }

  public static Corpus of(List<String> texts) {
    List<List<String>> tokens = IntStream.range(0, texts.size()).parallel()
        .mapToObj(i -> Words.ANALYSIS.split(texts.get(i))).toList();
    Map<String, Integer> ids = new HashMap<>();
    int[][] docs = new int[tokens.size()][];
    for (int d = 0; d < docs.length; d++) {
      List<String> words = tokens.get(d);
      int[] doc = new int[words.size()];
      for (int w = 0; w < doc.length; w++) {
        Integer id = ids.putIfAbsent(words.get(w), ids.size());
        doc[w] = id == null ? ids.size() - 1 : id;
      }
      docs[d] = doc;
    }
    return new Corpus(docs, ids.size());
  }

  public int size() {
    return docs.length;
  }

  /** The word ids of text {@code i} (do not modify). */
  public int[] doc(int i) {
    return docs[i];
  }

  /** Distinct words over all texts of the corpus. */
  public int vocabularySize() {
    return vocabularySize;
  }

  /** A 64-bit hash of the n words starting at {@code from} in {@code doc}. */
  public static long ngram(int[] doc, int from, int n) {
    long h = n * 0x9e3779b97f4a7c15L;
    for (int i = from; i < from + n; i++) {
      h = LongHashSet.mix(h + doc[i] + 1);
    }
    return h;
  }
}
