package dev.attrprompt.eval.report;

import dev.attrprompt.eval.metrics.Continent;
import dev.attrprompt.eval.metrics.Regions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Renders {@link DatasetAnalysis}es: a JSON-shaped map, or text tables side by side. */
public final class AnalysisReport {
  private AnalysisReport() {}

  /** One dataset as JSON-shaped maps (snake_case keys, null where a measure is undefined). */
  public static Map<String, Object> json(DatasetAnalysis a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    a.method().ifPresent(v -> m.put("method", v));
    if (a.costUsd().isPresent()) {
      m.put("cost_usd", a.costUsd().getAsDouble());
    }
    m.put("multi_label", a.multiLabel());
    m.put("embeddings", a.embeddings());
    m.putAll(measures(a.all()));
    Map<String, Object> labels = new LinkedHashMap<>();
    a.labels().forEach((label, t) -> {
      Map<String, Object> lm = measures(t);
      Regions r = a.labelRegions().get(label);
      if (r != null && r.mentions() > 0) {
        lm.put("regions", regions(r, 5));
      }
      labels.put(label, lm);
    });
    m.put("labels", labels);
    if (a.regions().mentions() > 0) {
      m.put("regions", regions(a.regions(), 20));
    }
    m.putAll(a.extensions());
    return m;
  }

  private static Map<String, Object> measures(TextMeasures t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("size", t.size());
    m.put("length", Numbers.ordered("mean", Numbers.round(t.length().mean()), "p10", t.length().p10(),
        "p50", t.length().p50(), "p90", t.length().p90()));
    m.put("vocabulary", t.vocabulary());
    m.put("distinct_1", Numbers.round(t.distinct1()));
    m.put("distinct_2", Numbers.round(t.distinct2()));
    m.put("distinct_3", Numbers.round(t.distinct3()));
    m.put("self_bleu", Numbers.round(t.selfBleu()));
    m.put("duplicate_rate", Numbers.round(t.duplicates().nearOrExact()));
    m.put("exact_duplicate_rate", Numbers.round(t.duplicates().exact()));
    m.put("aps_intra", Numbers.round(t.apsIntra()));
    m.put("aps_inter", Numbers.round(t.apsInter()));
    return m;
  }

  private static Map<String, Object> regions(Regions r, int topPlaces) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("texts_with_place", r.textsWithPlace());
    m.put("mentions", r.mentions());
    Map<String, Object> continents = new LinkedHashMap<>();
    r.shares().forEach((c, share) -> continents.put(c.displayName(),
        Numbers.ordered("count", r.continents().get(c), "share", Numbers.round(share))));
    m.put("continents", continents);
    m.put("normalised_entropy", Numbers.round(r.normalisedEntropy()));
    m.put("kl_to_uniform", Numbers.round(r.klToUniform()));
    m.put("top_places", r.top(topPlaces));
    return m;
  }

  /** Text tables, one column per dataset; {@code titles} head the columns. */
  public static void text(PrintWriter out, List<DatasetAnalysis> analyses, List<String> titles) {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("", titles, Function.identity()));
    rows.add(row("texts", analyses, a -> Numbers.count(a.all().size())));
    rows.add(row("words per text (mean)", analyses, a -> Numbers.fixed(a.all().length().mean(), 1)));
    rows.add(row("  p10 / p50 / p90", analyses, a -> Numbers.fixed(a.all().length().p10(), 0) + " / "
        + Numbers.fixed(a.all().length().p50(), 0) + " / " + Numbers.fixed(a.all().length().p90(), 0)));
    rows.add(row("vocabulary", analyses, a -> Numbers.count(a.all().vocabulary())));
    rows.add(row("distinct-1 / 2 / 3", analyses, a -> Numbers.fixed(a.all().distinct1(), 3) + " / "
        + Numbers.fixed(a.all().distinct2(), 3) + " / " + Numbers.fixed(a.all().distinct3(), 3)));
    rows.add(row("Self-BLEU-4 (lower: more diverse)", analyses, a -> Numbers.fixed(a.all().selfBleu(), 3)));
    rows.add(row("duplicates exact / near", analyses, a -> Numbers.percent(a.all().duplicates().exact()) + " / "
        + Numbers.percent(a.all().duplicates().nearOrExact())));
    rows.add(row("APS within labels (lower: more diverse)", analyses, a -> Numbers.fixed(a.all().apsIntra(), 4)));
    rows.add(row("APS across labels", analyses, a -> Numbers.fixed(a.all().apsInter(), 4)));
    rows.add(row("texts naming a place", analyses, a -> Numbers.percent(
        a.regions().texts() == 0 ? 0 : (double) a.regions().textsWithPlace() / a.regions().texts())));
    for (Continent c : Continent.values()) {
      rows.add(row("  " + c.displayName(), analyses, a -> a.regions().mentions() == 0 ? "-"
          : Numbers.percent(a.regions().shares().get(c))));
    }
    rows.add(row("  continent entropy (1 = even)", analyses, a -> a.regions().mentions() == 0 ? "-"
        : Numbers.fixed(a.regions().normalisedEntropy(), 3)));
    rows.add(row("  KL to uniform (nats)", analyses, a -> a.regions().mentions() == 0 ? "-"
        : Numbers.fixed(a.regions().klToUniform(), 3)));
    table(out, rows);
    out.printf("APS: mean cosine similarity of %s vectors; Self-BLEU on a seeded sample.%n",
        analyses.isEmpty() ? "" : analyses.get(0).embeddings());
    for (int i = 0; i < analyses.size(); i++) {
      DatasetAnalysis a = analyses.get(i);
      out.println();
      out.println(titles.get(i) + ": per label");
      List<String[]> lr = new ArrayList<>();
      lr.add(new String[] {"label", "texts", "words", "vocab", "distinct-2", "Self-BLEU", "dup", "APS within",
          "APS across"});
      a.labels().forEach((label, t) -> lr.add(new String[] {label, Numbers.count(t.size()),
          Numbers.fixed(t.length().mean(), 1), Numbers.count(t.vocabulary()), Numbers.fixed(t.distinct2(), 3),
          Numbers.fixed(t.selfBleu(), 3), Numbers.percent(t.duplicates().nearOrExact()), Numbers.fixed(t.apsIntra(), 4),
          Numbers.fixed(t.apsInter(), 4)}));
      table(out, lr);
      if (a.regions().mentions() > 0) {
        StringBuilder top = new StringBuilder("places most named: ");
        a.regions().top(10).forEach((p, n) -> top.append(p).append(" ").append(n).append(", "));
        out.println(top.substring(0, top.length() - 2));
      }
    }
    out.flush();
  }

  private static <T> String[] row(String name, List<T> items, Function<T, String> cell) {
    String[] r = new String[items.size() + 1];
    r[0] = name;
    for (int i = 0; i < items.size(); i++) {
      r[i + 1] = cell.apply(items.get(i));
    }
    return r;
  }

  /** Prints rows as columns: the first left-aligned, the others right-aligned. */
  static void table(PrintWriter out, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        if (c == 0) {
          line.append(r[c]).append(" ".repeat(width[c] - r[c].length()));
        } else {
          line.append("  ").append(" ".repeat(width[c] - r[c].length())).append(r[c]);
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
