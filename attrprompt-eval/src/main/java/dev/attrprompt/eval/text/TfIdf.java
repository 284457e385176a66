package dev.attrprompt.eval.text;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * TF-IDF over word n-grams, computed here rather than with Tribuo's {@code IDFTransformation}
 * (which gives every IDF = 0 unless its trainer counts implicit zeros) so that the weights are
 * exactly scikit-learn's defaults: raw term counts times the smoothed IDF
 * {@code ln((1 + n) / (1 + df)) + 1}, each vector L2-normalised. The vocabulary is that of the
 * texts it was fitted on; unseen terms are dropped when transforming other texts.
 *
 * <p>A term is known by a 64-bit hash of its words, not by a string, so that no n-gram string is
 * ever built. With a million distinct terms the chance that any two of them share a hash is about
 * 3 in 100 million (n² / 2⁶⁵); two that did would share one feature, nothing worse.
 */
public final class TfIdf {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;

  private final Words words;
  private final int maxN;
  private final LongIntMap vocabulary;
  private final double[] idf;

  private TfIdf(Words words, int maxN, LongIntMap vocabulary, double[] idf) {
    this.words = words;
    this.maxN = maxN;
    this.vocabulary = vocabulary;
    this.idf = idf;
  }

  /** A fitted model together with the vectors of the texts it was fitted on. */
  public record Fitted(TfIdf model, List<SparseVector> vectors) {}

  /** Fits on {@code texts} (n-grams of 1..maxN words) and returns the model and their vectors. */
  public static Fitted fit(List<String> texts, Words words, int maxN) {
    long[][] keys = new long[texts.size()][];
    IntStream.range(0, texts.size()).parallel().forEach(i -> keys[i] = keys(words, texts.get(i), maxN));
    int total = 0;
    for (long[] doc : keys) {
      total += doc.length;
    }
    LongIntMap vocabulary = new LongIntMap(Math.max(16, total / 4));
    int[][] ids = new int[keys.length][];
    int[] df = new int[1024];
    for (int d = 0; d < keys.length; d++) {
      long[] doc = keys[d];
      int[] docIds = new int[doc.length];
      for (int t = 0; t < docIds.length; t++) {
        docIds[t] = vocabulary.intern(doc[t]);
      }
      Arrays.sort(docIds);
      for (int t = 0; t < docIds.length; t++) {
        if (t == 0 || docIds[t] != docIds[t - 1]) {
          if (docIds[t] >= df.length) {
            df = Arrays.copyOf(df, Math.max(df.length * 2, docIds[t] + 1));
          }
          df[docIds[t]]++;
        }
      }
      ids[d] = docIds;
    }
    double[] idf = new double[vocabulary.size()];
    for (int t = 0; t < idf.length; t++) {
      idf[t] = Math.log((1.0 + texts.size()) / (1.0 + df[t])) + 1.0;
    }
    TfIdf model = new TfIdf(words, maxN, vocabulary, idf);
    List<SparseVector> vectors = IntStream.range(0, ids.length).parallel()
        .mapToObj(d -> model.weigh(ids[d])).toList();
    return new Fitted(model, vectors);
  }

  public int dimension() {
    return idf.length;
  }

  public SparseVector transform(String text) {
    long[] doc = keys(words, text, maxN);
    int[] ids = new int[doc.length];
    int k = 0;
    for (long key : doc) {
      int id = vocabulary.get(key);
      if (id >= 0) {
        ids[k++] = id;
      }
    }
    int[] known = Arrays.copyOf(ids, k);
    Arrays.sort(known);
    return weigh(known);
  }

  public List<SparseVector> transform(List<String> texts) {
    return texts.parallelStream().map(this::transform).toList();
  }

  /**
   * The keys of a text's n-grams of 1..maxN consecutive words: its words' keys in order, then
   * its 2-grams, and so on. Equal n-grams have equal keys.
   */
  static long[] keys(Words words, String text, int maxN) {
    WordKeys w = new WordKeys();
    words.forEach(text, w);
    int count = w.size;
    int grams = 0;
    for (int n = 1; n <= maxN && n <= count; n++) {
      grams += count - n + 1;
    }
    long[] out = Arrays.copyOf(w.keys, grams);
    int k = count;
    for (int n = 2; n <= maxN; n++) {
      for (int i = 0; i + n <= count; i++) {
        long key = w.keys[i];
        for (int j = 1; j < n; j++) {
          key = LongHashSet.mix(key * GOLDEN + w.keys[i + j]);
        }
        out[k++] = key;
      }
    }
    return out;
  }

  /** Collects the key of each word: 64-bit FNV-1a over its characters, then a finishing mix. */
  private static final class WordKeys implements Words.Sink {
    long[] keys = new long[32];
    int size;

    @Override
    public void word(String lower, int start, int end) {
      long h = FNV_OFFSET;
      for (int i = start; i < end; i++) {
        h = (h ^ lower.charAt(i)) * FNV_PRIME;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
      }
      keys[size++] = LongHashSet.mix(h);
    }
  }

  /** Counts of sorted term ids times IDF, L2-normalised. */
  private SparseVector weigh(int[] sortedIds) {
    if (sortedIds.length == 0) {
      return SparseVector.EMPTY;
    }
    int distinct = 1;
    for (int i = 1; i < sortedIds.length; i++) {
      if (sortedIds[i] != sortedIds[i - 1]) {
        distinct++;
      }
    }
    int[] idx = new int[distinct];
    double[] w = new double[distinct];
    int k = -1;
    for (int i = 0; i < sortedIds.length; i++) {
      if (i == 0 || sortedIds[i] != sortedIds[i - 1]) {
        idx[++k] = sortedIds[i];
      }
      w[k] += idf[sortedIds[i]];
    }
    double norm = 0;
    for (double v : w) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    float[] values = new float[distinct];
    for (int i = 0; i < distinct; i++) {
      values[i] = (float) (w[i] / norm);
    }
    return new SparseVector(idx, values);
  }
}
