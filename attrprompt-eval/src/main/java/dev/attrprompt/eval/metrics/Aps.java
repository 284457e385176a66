package dev.attrprompt.eval.metrics;

import dev.attrprompt.eval.embed.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Average pairwise cosine similarity (APS, the paper's diversity measure; lower is more diverse),
 * within each label and across labels, computed exactly in time linear in the number of texts.
 * For unit vectors with sum {@code S} over a label of {@code n} texts, the sum of
 * {@code cos(i, j)} over ordered pairs {@code i != j} is {@code |S|^2 - n}; the sum over pairs
 * with one text in label {@code a} and the other in label {@code b} is {@code S_a . S_b}. No pair
 * of texts is ever compared. (Self-terms are subtracted as {@code sum |v_i|^2}, so texts without
 * any feature, whose vector is zero, count as similarity 0; in multi-label data a text in both
 * {@code a} and {@code b} is not paired with itself.)
 *
 * @param intra        per label: mean cosine over pairs of distinct texts of the label
 * @param inter        per label: mean cosine between its texts and those of all other labels
 * @param intraMean    the mean of {@code intra} over labels (the dataset's "within labels")
 * @param interMean    mean cosine over all pairs of texts with different labels ("across labels")
 */
public record Aps(Map<String, OptionalDouble> intra, Map<String, OptionalDouble> inter,
    OptionalDouble intraMean, OptionalDouble interMean) {

  public static Aps of(Vectors vectors, Map<String, int[]> byLabel) {
    List<String> labels = new ArrayList<>(byLabel.keySet());
    int k = labels.size();
    Sum[] sums = new Sum[k];
    double[] selfNorms = new double[k];
    double[] acc = new double[vectors.dimension()];
    for (int l = 0; l < k; l++) {
      java.util.Arrays.fill(acc, 0);
      double norms = 0;
      for (int i : byLabel.get(labels.get(l))) {
        vectors.addTo(i, 1, acc);
        norms += vectors.squaredNorm(i);
      }
      sums[l] = Sum.compress(acc);
      selfNorms[l] = norms;
    }
    // texts in two labels at once (multi-label): their self-pair must not count across labels
    double[][] sharedNorm = new double[k][k];
    long[][] sharedCount = new long[k][k];
    Map<Integer, List<Integer>> labelsOf = new java.util.HashMap<>();
    for (int l = 0; l < k; l++) {
      for (int i : byLabel.get(labels.get(l))) {
        labelsOf.computeIfAbsent(i, x -> new ArrayList<>(1)).add(l);
      }
    }
    for (Map.Entry<Integer, List<Integer>> e : labelsOf.entrySet()) {
      List<Integer> ls = e.getValue();
      if (ls.size() > 1) {
        double norm = vectors.squaredNorm(e.getKey());
        for (int x = 0; x < ls.size(); x++) {
          for (int y = x + 1; y < ls.size(); y++) {
            sharedNorm[ls.get(x)][ls.get(y)] += norm;
            sharedNorm[ls.get(y)][ls.get(x)] += norm;
            sharedCount[ls.get(x)][ls.get(y)]++;
            sharedCount[ls.get(y)][ls.get(x)]++;
          }
        }
      }
    }
    Map<String, OptionalDouble> intra = new LinkedHashMap<>();
    Map<String, OptionalDouble> inter = new LinkedHashMap<>();
    double intraSum = 0;
    int intraCount = 0;
    double crossSum = 0;
    double crossPairs = 0;
    double[] crossOfLabel = new double[k];
    double[] pairsOfLabel = new double[k];
    for (int a = 0; a < k; a++) {
      long na = byLabel.get(labels.get(a)).length;
      if (na > 1) {
        double v = (sums[a].dot(sums[a]) - selfNorms[a]) / ((double) na * (na - 1));
        intra.put(labels.get(a), OptionalDouble.of(v));
        intraSum += v;
        intraCount++;
      } else {
        intra.put(labels.get(a), OptionalDouble.empty());
      }
      for (int b = a + 1; b < k; b++) {
        long nb = byLabel.get(labels.get(b)).length;
        double s = sums[a].dot(sums[b]) - sharedNorm[a][b];
        double pairs = (double) na * nb - sharedCount[a][b];
        crossSum += s;
        crossPairs += pairs;
        crossOfLabel[a] += s;
        crossOfLabel[b] += s;
        pairsOfLabel[a] += pairs;
        pairsOfLabel[b] += pairs;
      }
    }
    for (int a = 0; a < k; a++) {
      inter.put(labels.get(a), pairsOfLabel[a] > 0 ? OptionalDouble.of(crossOfLabel[a] / pairsOfLabel[a])
          : OptionalDouble.empty());
    }
    return new Aps(intra, inter,
        intraCount > 0 ? OptionalDouble.of(intraSum / intraCount) : OptionalDouble.empty(),
        crossPairs > 0 ? OptionalDouble.of(crossSum / crossPairs) : OptionalDouble.empty());
  }

  /** A label's vector sum, kept sparse: only its non-zero coordinates. */
  private record Sum(int[] idx, double[] val) {
    static Sum compress(double[] dense) {
      int nz = 0;
      for (double v : dense) {
        if (v != 0) {
          nz++;
        }
      }
      int[] idx = new int[nz];
      double[] val = new double[nz];
      int j = 0;
      for (int i = 0; i < dense.length; i++) {
        if (dense[i] != 0) {
          idx[j] = i;
          val[j++] = dense[i];
        }
      }
      return new Sum(idx, val);
    }

    double dot(Sum o) {
      double s = 0;
      int i = 0;
      int j = 0;
      while (i < idx.length && j < o.idx.length) {
        if (idx[i] == o.idx[j]) {
          s += val[i++] * o.val[j++];
        } else if (idx[i] < o.idx[j]) {
          i++;
        } else {
          j++;
        }
      }
      return s;
    }
  }
}
