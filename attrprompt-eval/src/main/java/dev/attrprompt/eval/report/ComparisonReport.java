package dev.attrprompt.eval.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Renders a {@link Comparison}: JSON-shaped rows with differences, or text tables. */
public final class ComparisonReport {
  private ComparisonReport() {}

  /**
   * What the report says about its setting.
   *
   * @param testName        the test set's name
   * @param embeddings      the vectors APS was measured with
   * @param probeEmbeddings the sentence encoder of {@code embed-lr}, when it ran
   */
  public record Setting(String testName, String embeddings, java.util.Optional<String> probeEmbeddings) {}

  public static Map<String, Object> json(List<Comparison.Row> rows, Setting setting) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test", setting.testName());
    List<String> ids = rows.get(0).probes().stream().map(Comparison.Probe::classifier).toList();
    m.put("classifier", ids.get(0));
    m.put("classifiers", ids);
    m.put("paper_probe", Comparison.PAPER_PROBE.id());
    m.put("embeddings", setting.embeddings());
    m.put("probe_embeddings", setting.probeEmbeddings().orElse(null));
    List<Map<String, Object>> out = new ArrayList<>();
    Comparison.Row base = rows.get(0);
    for (Comparison.Row r : rows) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", r.name());
      row.put("method", r.method().orElse(null));
      row.put("size", r.size());
      row.put("cost_usd", r.costUsd().isPresent() ? r.costUsd().getAsDouble() : null);
      row.put("vocabulary", r.vocabulary());
      row.put("aps_intra", Numbers.round(r.apsIntra()));
      row.put("aps_inter", Numbers.round(r.apsInter()));
      row.put("region_entropy", Numbers.round(r.regionEntropy()));
      Comparison.Probe first = r.probes().get(0);
      row.put("accuracy", Numbers.round(first.accuracy()));
      row.put("macro_f1", Numbers.round(first.macroF1()));
      if (first.microF1().isPresent()) {
        row.put("micro_f1", Numbers.round(first.microF1()));
      }
      Map<String, Object> probes = new LinkedHashMap<>();
      for (Comparison.Probe p : r.probes()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("features", p.evaluation().features());
        pm.put("paper_protocol", p.paperProtocol());
        pm.put("accuracy", Numbers.round(p.accuracy()));
        pm.put("macro_f1", Numbers.round(p.macroF1()));
        if (p.microF1().isPresent()) {
          pm.put("micro_f1", Numbers.round(p.microF1()));
        }
        probes.put(p.classifier(), pm);
      }
      row.put("probes", probes);
      if (!r.curve().isEmpty()) {
        row.put("curve", curveJson(r.curve()));
      }
      if (r != base) {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("size", r.size() - base.size());
        diff.put("cost_usd", Numbers.round(minus(r.costUsd(), base.costUsd())));
        diff.put("vocabulary", r.vocabulary() - base.vocabulary());
        diff.put("aps_intra", Numbers.round(minus(r.apsIntra(), base.apsIntra())));
        diff.put("aps_inter", Numbers.round(minus(r.apsInter(), base.apsInter())));
        diff.put("region_entropy", Numbers.round(minus(r.regionEntropy(), base.regionEntropy())));
        diff.put("accuracy", Numbers.round(first.accuracy() - base.probes().get(0).accuracy()));
        diff.put("macro_f1", Numbers.round(first.macroF1() - base.probes().get(0).macroF1()));
        if (first.microF1().isPresent()) {
          diff.put("micro_f1", Numbers.round(minus(first.microF1(), base.probes().get(0).microF1())));
        }
        Map<String, Object> probeDiff = new LinkedHashMap<>();
        for (int k = 0; k < r.probes().size(); k++) {
          Comparison.Probe p = r.probes().get(k);
          Comparison.Probe b = base.probes().get(k);
          probeDiff.put(p.classifier(), Numbers.ordered("accuracy", Numbers.round(p.accuracy() - b.accuracy()),
              "macro_f1", Numbers.round(p.macroF1() - b.macroF1())));
        }
        diff.put("probes", probeDiff);
        row.put("vs_first", diff);
      }
      out.add(row);
    }
    m.put("rows", out);
    return m;
  }

  private static List<Map<String, Object>> curveJson(List<Curve.Point> curve) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (Curve.Point p : curve) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("at", p.at());
      pm.put("samples", Numbers.round(p.samples()));
      pm.put("cost_usd", Numbers.round(p.costUsd()));
      Map<String, Object> f1 = new LinkedHashMap<>();
      p.macroF1().forEach((id, s) -> f1.put(id, Numbers.ordered("mean", Numbers.round(s.mean()),
          "spread", Numbers.round(s.spread()), "min", Numbers.round(s.min()), "max", Numbers.round(s.max()),
          "draws", s.draws())));
      pm.put("macro_f1", f1);
      points.add(pm);
    }
    return points;
  }

  public static void text(PrintWriter out, List<Comparison.Row> rows, Setting setting) {
    List<Comparison.Probe> probes = rows.get(0).probes();
    out.printf("trained on each dataset, tested on %s; APS over %s vectors%n%n", setting.testName(),
        setting.embeddings());
    List<String[]> table = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("dataset", "size", "cost", "vocabulary", "APS within", "APS across",
        "region entropy"));
    for (Comparison.Probe p : probes) {
      head.add(p.classifier() + " acc");
      head.add(p.classifier() + " F1");
    }
    table.add(head.toArray(String[]::new));
    for (Comparison.Row r : rows) {
      List<String> cells = new ArrayList<>(List.of(r.title(), Numbers.count(r.size()),
          r.costUsd().isPresent() ? String.format(Locale.ROOT, "$%.2f", r.costUsd().getAsDouble()) : "",
          Numbers.count(r.vocabulary()), Numbers.fixed(r.apsIntra(), 4), Numbers.fixed(r.apsInter(), 4),
          Numbers.fixed(r.regionEntropy(), 3)));
      for (Comparison.Probe p : r.probes()) {
        cells.add(Numbers.fixed(p.accuracy(), 4));
        cells.add(Numbers.fixed(p.macroF1(), 4));
      }
      table.add(cells.toArray(String[]::new));
    }
    Comparison.Row base = rows.get(0);
    for (Comparison.Row r : rows.subList(1, rows.size())) {
      List<String> cells = new ArrayList<>(List.of("  " + r.title() + " vs " + base.title(),
          signed(r.size() - base.size()),
          r.costUsd().isPresent() && base.costUsd().isPresent()
              ? String.format(Locale.ROOT, "%+.2f", r.costUsd().getAsDouble() - base.costUsd().getAsDouble()) : "",
          signed(r.vocabulary() - base.vocabulary()), signed(minus(r.apsIntra(), base.apsIntra()), 4),
          signed(minus(r.apsInter(), base.apsInter()), 4),
          signed(minus(r.regionEntropy(), base.regionEntropy()), 3)));
      for (int k = 0; k < r.probes().size(); k++) {
        cells.add(signed(OptionalDouble.of(r.probes().get(k).accuracy() - base.probes().get(k).accuracy()), 4));
        cells.add(signed(OptionalDouble.of(r.probes().get(k).macroF1() - base.probes().get(k).macroF1()), 4));
      }
      table.add(cells.toArray(String[]::new));
    }
    AnalysisReport.table(out, table);
    out.println();
    for (Comparison.Probe p : probes) {
      out.printf("%s: %s%s%n", p.classifier(), p.evaluation().features(), p.paperProtocol()
          ? "; the probe of the paper's protocol (a classifier over sentence representations)" : "");
    }
    if (probes.stream().noneMatch(Comparison.Probe::paperProtocol)) {
      out.printf("(the paper's protocol corresponds to %s, not run here)%n", Comparison.PAPER_PROBE.id());
    } else if (probes.size() > 1) {
      out.println("Word-count probes favour longer texts that share more words with the test set; where the");
      out.println("probes disagree, the sentence-embedding probe is the one the paper's results are about.");
    }
    out.println("APS: mean cosine similarity (lower is more diverse); region entropy: spread of the continents");
    out.println("named, 1 = even; differences are each row minus the first.");
    for (Comparison.Row r : rows) {
      if (!r.curve().isEmpty()) {
        curveText(out, r);
      }
    }
    out.flush();
  }

  private static void curveText(PrintWriter out, Comparison.Row r) {
    out.println();
    out.printf("data efficiency of %s (macro-F1 mean ± standard deviation over the draws)%n", r.title());
    List<String[]> table = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("training data", "samples", "cost"));
    r.curve().get(0).macroF1().keySet().forEach(id -> head.add(id + " F1"));
    table.add(head.toArray(String[]::new));
    for (Curve.Point p : r.curve()) {
      List<String> cells = new ArrayList<>(List.of(p.at(), Numbers.fixed(p.samples(), 0),
          p.costUsd().isPresent() ? String.format(Locale.ROOT, "$%.4f", p.costUsd().getAsDouble()) : "-"));
      p.macroF1().values().forEach(s -> cells.add(Numbers.fixed(s.mean(), 4) + " ± " + Numbers.fixed(s.spread(), 4)
          + " (" + s.draws() + ")"));
      table.add(cells.toArray(String[]::new));
    }
    AnalysisReport.table(out, table);
    if (r.costUsd().isEmpty()) {
      out.println("cost: unknown (a file records no cost; run folders do)");
    }
  }

  private static OptionalDouble minus(OptionalDouble a, OptionalDouble b) {
    return a.isPresent() && b.isPresent() ? OptionalDouble.of(a.getAsDouble() - b.getAsDouble()) : OptionalDouble.empty();
  }

  private static String signed(long v) {
    return String.format(Locale.ROOT, "%+,d", v);
  }

  private static String signed(OptionalDouble v, int decimals) {
    return v.isPresent() ? String.format(Locale.ROOT, "%+." + decimals + "f", v.getAsDouble()) : "";
  }
}
