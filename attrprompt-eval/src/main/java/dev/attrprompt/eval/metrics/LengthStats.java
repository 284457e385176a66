package dev.attrprompt.eval.metrics;

import java.util.Arrays;

/** Text length in words: mean and the 10th, 50th and 90th percentiles (linear interpolation). */
public record LengthStats(double mean, double p10, double p50, double p90) {
  public static LengthStats of(int[] lengths) {
    if (lengths.length == 0) {
      return new LengthStats(0, 0, 0, 0);
    }
    int[] sorted = lengths.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (int l : sorted) {
      sum += l;
    }
    return new LengthStats(sum / sorted.length, percentile(sorted, 10), percentile(sorted, 50), percentile(sorted, 90));
  }

  /** The {@code p}-th percentile of sorted values, interpolating between ranks as numpy does. */
  static double percentile(int[] sorted, double p) {
    double rank = p / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
  }
}
