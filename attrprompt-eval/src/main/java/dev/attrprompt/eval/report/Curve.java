package dev.attrprompt.eval.report;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.classify.Evaluator;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Subsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Data efficiency: macro-F1 of each probe trained on stratified subsets of a dataset (a share, or
 * a count per label), several seeded draws each, against the number of samples and the dollars
 * those samples cost (a share of the run's recorded cost; unknown for plain files). The point at
 * the whole dataset is the dataset itself, so it equals a plain evaluation with the same seed.
 */
public final class Curve {
  private Curve() {}

  /**
   * What to measure.
   *
   * @param values    fractions in (0, 1], or counts per label (whole numbers of at least 1)
   * @param fractions whether {@code values} are fractions
   * @param draws     seeded subsets per value (the whole dataset is drawn once)
   */
  public record Spec(List<Double> values, boolean fractions, int draws) {
    public Spec {
      values = List.copyOf(values);
    }

    /**
     * Parses {@code --curve}: all values in (0, 1] are fractions ("1" is the whole dataset);
     * otherwise every value must be a whole number, a count per label.
     */
    public static Spec parse(String text, int draws) {
      if (draws < 1) {
        throw new UserError("--curve-draws must be at least 1, not " + draws);
      }
      List<Double> values = new ArrayList<>();
      for (String part : text.split(",")) {
        String p = part.strip();
        try {
          double v = Double.parseDouble(p);
          if (!(v > 0) || Double.isInfinite(v)) {
            throw new NumberFormatException();
          }
          values.add(v);
        } catch (NumberFormatException e) {
          throw new UserError("--curve takes fractions such as 0.1,0.25,0.5,1 or counts per label such as "
              + "10,50,100, not '" + p + "'");
        }
      }
      boolean fractions = values.stream().allMatch(v -> v <= 1);
      if (!fractions && values.stream().anyMatch(v -> v != Math.rint(v))) {
        throw new UserError("--curve mixes fractions and counts ('" + text + "'): give fractions in (0, 1] "
            + "or whole counts per label");
      }
      return new Spec(values.stream().sorted().distinct().toList(), fractions, draws);
    }

    String label(double v) {
      return fractions ? String.format(Locale.ROOT, "%s", trim(v)) : String.format(Locale.ROOT, "%d/label", (long) v);
    }

    private static String trim(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }

  /** Macro-F1 over the draws of one point: mean, sample standard deviation, min and max. */
  public record Stat(double mean, double spread, double min, double max, int draws) {
    static Stat of(List<Double> v) {
      double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
      double sd = v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0;
      return new Stat(mean, sd, v.stream().mapToDouble(Double::doubleValue).min().orElse(0),
          v.stream().mapToDouble(Double::doubleValue).max().orElse(0), v.size());
    }
  }

  /**
   * One point of the curve.
   *
   * @param at       the value asked for, as written ("0.25", "50/label")
   * @param samples  training samples in each draw (the mean, when draws differ)
   * @param costUsd  what those samples cost, when the dataset's cost is known
   * @param macroF1  per probe (classifier id)
   */
  public record Point(String at, double samples, OptionalDouble costUsd, Map<String, Stat> macroF1) {}

  public static List<Point> measure(Dataset d, Dataset test, List<Evaluator.Options> probes, Spec spec) {
    List<Point> points = new ArrayList<>();
    for (double v : spec.values()) {
      boolean whole = spec.fractions() && v == 1;
      int draws = whole ? 1 : spec.draws();
      Map<String, List<Double>> f1 = new LinkedHashMap<>();
      double samples = 0;
      double cost = 0;
      for (int draw = 0; draw < draws; draw++) {
        long seed = probes.get(0).seed() + draw;
        Dataset subset = whole ? d : spec.fractions() ? Subsets.fraction(d, v, seed) : Subsets.perLabel(d, (int) v, seed);
        samples += subset.size();
        cost += subset.costUsd().orElse(0);
        for (Evaluator.Options probe : probes) {
          f1.computeIfAbsent(probe.classifier().id(), k -> new ArrayList<>())
              .add(Evaluator.evaluate(subset, test, probe).scores().macroF1());
        }
      }
      Map<String, Stat> stats = new LinkedHashMap<>();
      f1.forEach((k, list) -> stats.put(k, Stat.of(list)));
      points.add(new Point(spec.label(v), samples / draws,
          d.costUsd().isPresent() ? OptionalDouble.of(cost / draws) : OptionalDouble.empty(), stats));
    }
    return points;
  }
}
