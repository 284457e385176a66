package dev.attrprompt.eval.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stratified subsets of a dataset: the same share (or the same count) of each label's samples,
 * drawn with a seed, kept in the dataset's order. A multi-label sample is stratified by its first
 * label. The subset keeps the dataset's name, method and a proportional share of its cost.
 */
public final class Subsets {
  private Subsets() {}

  /** {@code fraction} (in (0, 1]) of each label's samples, at least one; 1 gives the dataset itself. */
  public static Dataset fraction(Dataset d, double fraction, long seed) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
    }
    if (fraction == 1) {
      return d;
    }
    return pick(d, n -> Math.max(1, (int) Math.round(fraction * n)), seed);
  }

  /** {@code perLabel} samples of each label (all of a label that has fewer). */
  public static Dataset perLabel(Dataset d, int perLabel, long seed) {
    if (perLabel < 1) {
      throw new IllegalArgumentException("perLabel must be at least 1: " + perLabel);
    }
    return pick(d, n -> Math.min(n, perLabel), seed);
  }

  private static Dataset pick(Dataset d, java.util.function.IntUnaryOperator howMany, long seed) {
    Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
    List<Sample> samples = d.samples();
    for (int i = 0; i < samples.size(); i++) {
      byLabel.computeIfAbsent(samples.get(i).label(), k -> new ArrayList<>()).add(i);
    }
    Random rnd = new Random(seed);
    List<Integer> chosen = new ArrayList<>();
    // labels in sorted order so that the draw does not depend on which label comes first
    byLabel.keySet().stream().sorted().forEach(label -> {
      List<Integer> idx = byLabel.get(label);
      int[] shuffled = idx.stream().mapToInt(Integer::intValue).toArray();
      for (int i = shuffled.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = t;
      }
      int k = howMany.applyAsInt(shuffled.length);
      for (int i = 0; i < k; i++) {
        chosen.add(shuffled[i]);
      }
    });
    int[] order = chosen.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(order);
    List<Sample> out = new ArrayList<>(order.length);
    for (int i : order) {
      out.add(samples.get(i));
    }
    java.util.OptionalDouble cost = d.costUsd().isPresent() && d.size() > 0
        ? java.util.OptionalDouble.of(d.costUsd().getAsDouble() * out.size() / d.size())
        : java.util.OptionalDouble.empty();
    return new Dataset(d.name(), d.origin(), out, d.multiLabel(), d.method(), cost);
  }
}
