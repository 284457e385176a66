package dev.attrprompt.eval.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * TF-IDF over word n-grams, computed here rather than with Tribuo's {@code IDFTransformation}
 * (which gives every IDF = 0 unless its trainer counts implicit zeros) so that the weights are
 * exactly scikit-learn's defaults: raw term counts times the smoothed IDF
 * {@code ln((1 + n) / (1 + df)) + 1}, each vector L2-normalised. The vocabulary is that of the
 * texts it was fitted on; unseen terms are dropped when transforming other texts.
 */
public final class TfIdf {
  private final Words words;
  private final int maxN;
  private final Map<String, Integer> vocabulary;
  private final double[] idf;

  private TfIdf(Words words, int maxN, Map<String, Integer> vocabulary, double[] idf) {
    this.words = words;
    this.maxN = maxN;
    this.vocabulary = vocabulary;
    this.idf = idf;
  }

  /** A fitted model together with the vectors of the texts it was fitted on. */
  public record Fitted(TfIdf model, List<SparseVector> vectors) {}

  /** Fits on {@code texts} (n-grams of 1..maxN words) and returns the model and their vectors. */
  public static Fitted fit(List<String> texts, Words words, int maxN) {
    List<List<String>> terms = IntStream.range(0, texts.size()).parallel()
        .mapToObj(i -> terms(words.split(texts.get(i)), maxN)).toList();
    Map<String, Integer> vocabulary = new HashMap<>();
    int[][] ids = new int[terms.size()][];
    int[] df = new int[1024];
    for (int d = 0; d < terms.size(); d++) {
      List<String> doc = terms.get(d);
      int[] docIds = new int[doc.size()];
      for (int t = 0; t < docIds.length; t++) {
        Integer id = vocabulary.putIfAbsent(doc.get(t), vocabulary.size());
        docIds[t] = id == null ? vocabulary.size() - 1 : id;
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
    List<String> doc = terms(words.split(text), maxN);
    int[] ids = new int[doc.size()];
    int k = 0;
    for (String term : doc) {
      Integer id = vocabulary.get(term);
      if (id != null) {
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

  /** The n-grams of 1..maxN consecutive words, joined by one space. */
  static List<String> terms(List<String> tokens, int maxN) {
    if (maxN == 1) {
      return tokens;
    }
    List<String> out = new ArrayList<>(tokens.size() * maxN);
    out.addAll(tokens);
    for (int n = 2; n <= maxN; n++) {
      for (int i = 0; i + n <= tokens.size(); i++) {
        out.add(n == 2 ? tokens.get(i) + ' ' + tokens.get(i + 1) : String.join(" ", tokens.subList(i, i + n)));
      }
    }
    return out;
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
