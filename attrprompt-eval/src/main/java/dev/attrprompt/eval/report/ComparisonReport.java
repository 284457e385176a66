package dev.attrprompt.eval.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Renders a {@link Comparison}: JSON-shaped rows with differences, or a text table. */
public final class ComparisonReport {
  private ComparisonReport() {}

  public static Map<String, Object> json(List<Comparison.Row> rows, String testName, String classifier,
      String embeddings) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test", testName);
    m.put("classifier", classifier);
    m.put("embeddings", embeddings);
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
      row.put("accuracy", Numbers.round(r.accuracy()));
      row.put("macro_f1", Numbers.round(r.macroF1()));
      if (r.microF1().isPresent()) {
        row.put("micro_f1", Numbers.round(r.microF1()));
      }
      if (r != base) {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("size", r.size() - base.size());
        diff.put("cost_usd", Numbers.round(minus(r.costUsd(), base.costUsd())));
        diff.put("vocabulary", r.vocabulary() - base.vocabulary());
        diff.put("aps_intra", Numbers.round(minus(r.apsIntra(), base.apsIntra())));
        diff.put("aps_inter", Numbers.round(minus(r.apsInter(), base.apsInter())));
        diff.put("region_entropy", Numbers.round(minus(r.regionEntropy(), base.regionEntropy())));
        diff.put("accuracy", Numbers.round(r.accuracy() - base.accuracy()));
        diff.put("macro_f1", Numbers.round(r.macroF1() - base.macroF1()));
        if (r.microF1().isPresent()) {
          diff.put("micro_f1", Numbers.round(minus(r.microF1(), base.microF1())));
        }
        row.put("vs_first", diff);
      }
      out.add(row);
    }
    m.put("rows", out);
    return m;
  }

  public static void text(PrintWriter out, List<Comparison.Row> rows, String testName, String classifier,
      String embeddings) {
    out.printf("trained on each dataset, tested on %s with %s; APS over %s vectors%n%n", testName, classifier,
        embeddings);
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"dataset", "size", "cost", "vocabulary", "APS within", "APS across",
        "region entropy", "accuracy", "macro-F1"});
    for (Comparison.Row r : rows) {
      table.add(new String[] {r.title(), Numbers.count(r.size()),
          r.costUsd().isPresent() ? String.format(java.util.Locale.ROOT, "$%.2f", r.costUsd().getAsDouble()) : "",
          Numbers.count(r.vocabulary()), Numbers.fixed(r.apsIntra(), 4), Numbers.fixed(r.apsInter(), 4),
          Numbers.fixed(r.regionEntropy(), 3), Numbers.fixed(r.accuracy(), 4), Numbers.fixed(r.macroF1(), 4)});
    }
    Comparison.Row base = rows.get(0);
    for (Comparison.Row r : rows.subList(1, rows.size())) {
      table.add(new String[] {"  " + r.title() + " vs " + base.title(), signed(r.size() - base.size()),
          r.costUsd().isPresent() && base.costUsd().isPresent()
              ? String.format(java.util.Locale.ROOT, "%+.2f", r.costUsd().getAsDouble() - base.costUsd().getAsDouble())
              : "",
          signed(r.vocabulary() - base.vocabulary()), signed(minus(r.apsIntra(), base.apsIntra()), 4),
          signed(minus(r.apsInter(), base.apsInter()), 4), signed(minus(r.regionEntropy(), base.regionEntropy()), 3),
          signed(OptionalDouble.of(r.accuracy() - base.accuracy()), 4),
          signed(OptionalDouble.of(r.macroF1() - base.macroF1()), 4)});
    }
    AnalysisReport.table(out, table);
    out.println();
    out.println("APS: mean cosine similarity (lower is more diverse); region entropy: spread of the continents");
    out.println("named, 1 = even; differences are each row minus the first.");
    out.flush();
  }

  private static OptionalDouble minus(OptionalDouble a, OptionalDouble b) {
    return a.isPresent() && b.isPresent() ? OptionalDouble.of(a.getAsDouble() - b.getAsDouble()) : OptionalDouble.empty();
  }

  private static String signed(long v) {
    return String.format(java.util.Locale.ROOT, "%+,d", v);
  }

  private static String signed(OptionalDouble v, int decimals) {
    return v.isPresent() ? String.format(java.util.Locale.ROOT, "%+." + decimals + "f", v.getAsDouble()) : "";
  }
}
