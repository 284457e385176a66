package dev.attrprompt.eval.metrics;

import dev.attrprompt.post.DuplicateIndex;
import dev.attrprompt.post.MinHash;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Exact and near-duplicate rates of a set of texts. Exact: equal after the generator's own
 * normalisation ({@link DuplicateIndex#normalise}). Near: estimated Jaccard similarity of word
 * 3-shingles at or above a threshold, with the generator's MinHash ({@link MinHash}, 128 slots), so
 * the rate means what screening means. Candidate pairs come from LSH banding, one band at a time
 * by sorting band keys, so memory stays linear and no pair of texts is compared unless a band
 * agrees. Texts joined by duplicate links form groups; the rate is the share of texts that are
 * not the first of their group. In a bucket holding more than {@value #MAX_ROOTS} distinct groups,
 * a text is compared with the first {@value #MAX_ROOTS} only, which bounds the cost on very
 * repetitive data (and can only miss links, never invent them).
 */
public final class Duplicates {
  static final int SIGNATURE = 128;
  static final int MAX_ROOTS = 16;
  private static final MinHash MIN_HASH = new MinHash(SIGNATURE, 3);

  private final double threshold;
  private final int rows;
  private final String[] keys;
  private final long[][] signatures;

  /** The share of texts that exactly repeat an earlier one, and that exactly or nearly do. */
  public record Rates(double exact, double nearOrExact) {}

  private Duplicates(double threshold, String[] keys, long[][] signatures) {
    this.threshold = threshold;
    this.keys = keys;
    this.signatures = signatures;
    this.rows = rowsPerBand(threshold);
  }

  /** Prepares {@code texts}; {@code threshold} is the near-duplicate Jaccard threshold in (0, 1]. */
  public static Duplicates of(List<String> texts, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
    }
    String[] keys = new String[texts.size()];
    long[][] sigs = new long[texts.size()][];
    IntStream.range(0, texts.size()).parallel().forEach(i -> {
      keys[i] = DuplicateIndex.normalise(texts.get(i));
      sigs[i] = MIN_HASH.signature(texts.get(i));
    });
    return new Duplicates(threshold, keys, sigs);
  }

  /**
   * Rows per band such that the LSH S-curve's midpoint {@code (1/b)^(1/r)} lies well below the
   * threshold (the rule the generator's index uses): few near pairs are missed.
   */
  static int rowsPerBand(double threshold) {
    int chosen = 1;
    for (int r = 1; r <= SIGNATURE; r++) {
      if (SIGNATURE % r == 0 && Math.pow(1.0 / (SIGNATURE / r), 1.0 / r) <= threshold * 0.85) {
        chosen = r;
      }
    }
    return chosen;
  }

  public Rates all() {
    return rates(IntStream.range(0, keys.length).toArray());
  }

  /** Rates within the texts {@code docs} (indices into the prepared texts). */
  public Rates rates(int[] docs) {
    int n = docs.length;
    if (n == 0) {
      return new Rates(0, 0);
    }
    int[] parent = IntStream.range(0, n).toArray();
    Map<String, Integer> firstByKey = new HashMap<>();
    int exactDuplicates = 0;
    for (int i = 0; i < n; i++) {
      Integer first = firstByKey.putIfAbsent(keys[docs[i]], i);
      if (first != null) {
        exactDuplicates++;
        union(parent, first, i);
      }
    }
    int bands = SIGNATURE / rows;
    int indexBits = Math.max(1, 64 - Long.numberOfLeadingZeros(n));
    long[] packed = new long[n];
    for (int band = 0; band < bands; band++) {
      for (int i = 0; i < n; i++) {
        long key = bandHash(signatures[docs[i]], band);
        packed[i] = (key << indexBits) | i;
      }
      Arrays.sort(packed);
      int start = 0;
      while (start < n) {
        int end = start + 1;
        long bucket = packed[start] >>> indexBits;
        while (end < n && (packed[end] >>> indexBits) == bucket) {
          end++;
        }
        if (end - start > 1) {
          linkBucket(packed, start, end, indexBits, docs, parent);
        }
        start = end;
      }
    }
    int groups = 0;
    for (int i = 0; i < n; i++) {
      if (find(parent, i) == i) {
        groups++;
      }
    }
    return new Rates((double) exactDuplicates / n, (double) (n - groups) / n);
  }

  private void linkBucket(long[] packed, int start, int end, int indexBits, int[] docs, int[] parent) {
    long mask = (1L << indexBits) - 1;
    int[] roots = new int[MAX_ROOTS];
    int rootCount = 0;
    for (int k = start; k < end; k++) {
      int i = (int) (packed[k] & mask);
      int ri = find(parent, i);
      boolean linked = false;
      for (int r = 0; r < rootCount && !linked; r++) {
        int other = find(parent, roots[r]);
        if (other == ri) {
          linked = true;
        } else if (MinHash.similarity(signatures[docs[i]], signatures[docs[roots[r]]]) >= threshold) {
          union(parent, other, ri);
          linked = true;
        }
      }
      if (!linked && rootCount < MAX_ROOTS) {
        roots[rootCount++] = i;
      }
    }
  }

  private long bandHash(long[] sig, int band) {
    long h = band * 0x9e3779b97f4a7c15L;
    for (int i = band * rows; i < (band + 1) * rows; i++) {
      h = mix(h ^ sig[i]);
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Joins two groups, keeping the smaller index as the root so "first of its group" is stable. */
  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
