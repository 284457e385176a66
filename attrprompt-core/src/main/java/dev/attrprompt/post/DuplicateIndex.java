package dev.attrprompt.post;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Remembers accepted texts and answers whether a new one repeats one of them exactly (after
 * normalisation) or nearly (estimated Jaccard of word 3-shingles at or above the threshold, found
 * through LSH bands so the cost per text does not grow with the number of texts).
 */
public final class DuplicateIndex {
  /** How a text relates to the ones already accepted. */
  public enum Match { NONE, EXACT, NEAR }

  private static final int SIGNATURE = 128;
  private final double threshold;
  private final int bands;
  private final int rows;
  private final MinHash minHash = new MinHash(SIGNATURE, 3);
  private final Set<String> exact = new HashSet<>();
  private final List<long[]> signatures = new ArrayList<>();
  private final List<Map<Long, List<Integer>>> buckets = new ArrayList<>();

  /** @param threshold near-duplicate Jaccard threshold in (0, 1]; values above 1 switch it off */
  public DuplicateIndex(double threshold) {
    this.threshold = threshold;
    // Choose rows per band so that the LSH S-curve's midpoint (1/b)^(1/r) sits below the threshold.
    int chosenRows = 1;
    for (int r = 1; r <= SIGNATURE; r++) {
      if (SIGNATURE % r == 0 && Math.pow(1.0 / (SIGNATURE / r), 1.0 / r) <= threshold * 0.85) {
        chosenRows = r;
      }
    }
    this.rows = chosenRows;
    this.bands = SIGNATURE / rows;
    for (int i = 0; i < bands; i++) {
      buckets.add(new HashMap<>());
    }
  }

  /** The normalised form used for exact matching: lower case, letters and digits, single spaces. */
  public static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  public static String exactKey(String text) {
    return dev.attrprompt.Hashing.sha256(normalise(text));
  }


  /** Checks {@code text} against the accepted ones without adding it. */
  public Match check(String text) {
    if (exact.contains(exactKey(text))) {
      return Match.EXACT;
    }
    return threshold <= 1 && nearest(minHash.signature(text)).isPresent() ? Match.NEAR : Match.NONE;
  }

  /** Adds {@code text} when it is new and says what it matched otherwise. */
  public Match add(String text) {
    String key = exactKey(text);
    if (exact.contains(key)) {
      return Match.EXACT;
    }
    long[] sig = minHash.signature(text);
    if (threshold <= 1 && nearest(sig).isPresent()) {
      return Match.NEAR;
    }
    exact.add(key);
    int id = signatures.size();
    signatures.add(sig);
    for (int band = 0; band < bands; band++) {
      buckets.get(band).computeIfAbsent(bandHash(sig, band), k -> new ArrayList<>()).add(id);
    }
    return Match.NONE;
  }

  public int size() {
    return signatures.size();
  }

  private Optional<Integer> nearest(long[] sig) {
    Set<Integer> seen = new HashSet<>();
    for (int band = 0; band < bands; band++) {
      List<Integer> candidates = buckets.get(band).get(bandHash(sig, band));
      if (candidates == null) {
        continue;
      }
      for (int id : candidates) {
        if (seen.add(id) && MinHash.similarity(sig, signatures.get(id)) >= threshold) {
          return Optional.of(id);
        }
      }
    }
    return Optional.empty();
  }

  private long bandHash(long[] sig, int band) {
    long h = band * 0x9e3779b97f4a7c15L;
    for (int i = band * rows; i < (band + 1) * rows; i++) {
      h = MinHash.mix(h ^ sig[i]);
    }
    return h;
  }
}
