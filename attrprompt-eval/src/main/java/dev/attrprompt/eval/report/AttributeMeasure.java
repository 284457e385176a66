package dev.attrprompt.eval.report;

import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Sample;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Attribute coverage and adherence of generated samples that carry the attribute values they were
 * asked for (run folders, or JSONL with an "attributes" object).
 *
 * <ul>
 *   <li>coverage, per dimension: how often each value was asked for, and the normalised entropy of
 *       those counts (1 = every value equally often);
 *   <li>length adherence: the share of texts whose word count lies in the requested range, L to
 *       L + 50 words, for a dimension named "length" with whole-number values;
 *   <li>location adherence: the share of texts that name the requested value of a dimension whose
 *       name contains "location", verbatim or as real text names places (see
 *       {@link dev.attrprompt.eval.metrics.Gazetteer#names}: "Nigerian", "in Lagos").
 * </ul>
 */
public final class AttributeMeasure implements DatasetMeasure {
  /** A text asked for length L adheres when it has L to L + LENGTH_SPAN words. */
  public static final int LENGTH_SPAN = 50;

  @Override
  public String name() {
    return "attributes";
  }

  @Override
  public Optional<Map<String, Object>> measure(Dataset dataset) {
    List<Sample> withAttributes = dataset.samples().stream().filter(s -> !s.attributes().isEmpty()).toList();
    if (withAttributes.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    for (Sample s : withAttributes) {
      s.attributes().forEach((dim, value) -> counts.computeIfAbsent(dim, k -> new TreeMap<>()).merge(value, 1, Integer::sum));
    }
    Map<String, Object> coverage = new LinkedHashMap<>();
    counts.forEach((dim, values) -> {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("values", values.size());
      d.put("normalised_entropy", normalisedEntropy(values.values().stream().mapToInt(Integer::intValue).toArray()));
      Map<String, Integer> sorted = new LinkedHashMap<>();
      values.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
          .thenComparing(Map.Entry.comparingByKey())).forEach(e -> sorted.put(e.getKey(), e.getValue()));
      d.put("counts", sorted);
      coverage.put(dim, d);
    });
    Map<String, Object> adherence = new LinkedHashMap<>();
    for (String dim : counts.keySet()) {
      String lower = dim.toLowerCase(Locale.ROOT);
      if (lower.equals("length")) {
        lengthAdherence(withAttributes, dim).ifPresent(v -> adherence.put("length_in_range", v));
      } else if (lower.contains("location")) {
        adherence.put(dim + "_mentioned", mentioned(withAttributes, dim));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("samples_with_attributes", withAttributes.size());
    out.put("coverage", coverage);
    if (!adherence.isEmpty()) {
      out.put("adherence", adherence);
    }
    return Optional.of(out);
  }

  /**
   * The share of {@code samples} asked for a whole-number length L in {@code dim} whose word count
   * lies in [L, L + 50]; empty when none was asked for one.
   */
  public static Optional<Double> lengthAdherence(List<Sample> samples, String dim) {
    int asked = 0;
    int within = 0;
    for (Sample s : samples) {
      String v = s.attributes().get(dim);
      if (v == null || !v.strip().matches("\\d{1,6}")) {
        continue;
      }
      int l = Integer.parseInt(v.strip());
      int words = words(s.text());
      asked++;
      if (words >= l && words <= l + LENGTH_SPAN) {
        within++;
      }
    }
    return asked == 0 ? Optional.empty() : Optional.of((double) within / asked);
  }

  /** The share of {@code samples} asked for a value of {@code dim} whose text names that value (0 when none). */
  public static double mentioned(List<Sample> samples, String dim) {
    int asked = 0;
    int named = 0;
    for (Sample s : samples) {
      String v = s.attributes().get(dim);
      if (v == null || v.isBlank()) {
        continue;
      }
      asked++;
      if (dev.attrprompt.eval.metrics.Gazetteer.standard().names(s.text(), v)) {
        named++;
      }
    }
    return asked == 0 ? 0 : (double) named / asked;
  }

  /** Words of a text as length adherence counts them: runs of non-space characters. */
  public static int words(String text) {
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }

  /** Shannon entropy of the counts divided by ln(number of values); 1 for a single value. */
  static double normalisedEntropy(int[] counts) {
    if (counts.length <= 1) {
      return 1.0;
    }
    double total = 0;
    for (int c : counts) {
      total += c;
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = c / total;
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(counts.length);
  }
}
