package dev.attrprompt.eval.metrics;

/** Entropy and divergence of a discrete distribution given as counts (natural logarithms). */
public final class Distribution {
  private Distribution() {}

  /** Shannon entropy in nats; 0 for no counts. */
  public static double entropy(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return 0;
    }
    double h = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / total;
        h -= p * Math.log(p);
      }
    }
    return h;
  }

  /** Entropy divided by its maximum {@code ln k}: 1 for a uniform spread, 0 for one category. */
  public static double normalisedEntropy(long[] counts) {
    return counts.length < 2 ? 0 : entropy(counts) / Math.log(counts.length);
  }

  /** KL divergence from the uniform distribution over the k categories: {@code ln k - H}, in nats. */
  public static double klToUniform(long[] counts) {
    return Math.log(counts.length) - entropy(counts);
  }
}
