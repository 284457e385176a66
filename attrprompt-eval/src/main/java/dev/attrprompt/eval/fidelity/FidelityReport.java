package dev.attrprompt.eval.fidelity;

import dev.attrprompt.eval.data.Datasets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a {@link Judge} found in a dataset: the flagged samples with the label each looks like,
 * each label's estimated off-label rate (its flagged share), and the most confused label pairs,
 * each marked when the task lists the other label among the label's similar classes.
 *
 * @param judge         the judge's id
 * @param size          samples judged
 * @param labelCounts   samples per label
 * @param flagged       the off-label samples, most confident first
 * @param offLabelRate  label to the share of its samples flagged
 * @param pairs         (label, looks like) with their counts, most frequent first
 * @param similarKnown  whether the task's similar classes were known (run folders)
 */
public record FidelityReport(String judge, int size, Map<String, Integer> labelCounts, List<Flag> flagged,
    Map<String, Double> offLabelRate, List<Pair> pairs, boolean similarKnown) {

  /**
   * A flagged sample.
   *
   * @param index      0-based position in the dataset (the line among the samples of a JSONL file)
   * @param id         the sample's id, for run folders
   * @param text       the sample's text
   */
  public record Flag(int index, Optional<String> id, String label, String suggested, double confidence, String text) {}

  /**
   * Samples of {@code label} that look like {@code looksLike}.
   *
   * @param similar whether the task names {@code looksLike} among {@code label}'s similar classes
   */
  public record Pair(String label, String looksLike, int count, boolean similar) {}

  /**
   * @param ids     the samples' ids in order (runs), or empty (files)
   * @param similar each label's similar classes from the task (any label spelling), or empty
   */
  public static FidelityReport of(String judge, List<String> texts, List<Verdict> verdicts, List<String> ids,
      Optional<Map<String, List<String>>> similar) {
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, Integer> off = new TreeMap<>();
    Map<List<String>, Integer> pairCounts = new LinkedHashMap<>();
    List<Flag> flagged = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      Verdict v = verdicts.get(i);
      counts.merge(v.label(), 1, Integer::sum);
      off.putIfAbsent(v.label(), 0);
      if (v.offLabel()) {
        off.merge(v.label(), 1, Integer::sum);
        pairCounts.merge(List.of(v.label(), v.suggested().get()), 1, Integer::sum);
        flagged.add(new Flag(i, ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(i)), v.label(),
            v.suggested().get(), v.confidence(), texts.get(i)));
      }
    }
    flagged.sort(Comparator.comparingDouble(Flag::confidence).reversed().thenComparingInt(Flag::index));
    Map<String, Double> rate = new LinkedHashMap<>();
    counts.forEach((l, n) -> rate.put(l, (double) off.get(l) / n));
    Map<String, List<String>> normalSimilar = new TreeMap<>();
    similar.ifPresent(s -> s.forEach((l, others) -> normalSimilar.put(Datasets.normaliseLabel(l),
        others.stream().map(Datasets::normaliseLabel).toList())));
    List<Pair> pairs = new ArrayList<>();
    pairCounts.forEach((k, n) -> pairs.add(new Pair(k.get(0), k.get(1), n,
        normalSimilar.getOrDefault(k.get(0), List.of()).contains(k.get(1)))));
    pairs.sort(Comparator.comparingInt(Pair::count).reversed().thenComparing(Pair::label).thenComparing(Pair::looksLike));
    return new FidelityReport(judge, verdicts.size(), counts, flagged, rate, pairs, similar.isPresent());
  }

  /** Share of all samples flagged. */
  public double overallRate() {
    return size == 0 ? 0 : (double) flagged.size() / size;
  }
}
