package dev.attrprompt.eval.html;

import dev.attrprompt.run.RequestRecord;
import dev.attrprompt.run.RunStore.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tokens and dollars per label and per attribute value (what an accepted sample cost, rejections
 * and retries included), and a linear projection to larger runs.
 */
final class CostSection implements Section {
  static final int TOP_VALUES = 15;

  /** Usage summed over a group of requests. */
  record Spend(int requests, int accepted, long inputTokens, long outputTokens, double usd) {
    Spend plus(RequestRecord r) {
      return new Spend(requests + 1, accepted + (r.status() == Status.ACCEPTED ? 1 : 0), inputTokens + r.promptTokens(),
          outputTokens + r.completionTokens(), usd + r.usd());
    }

    long tokens() {
      return inputTokens + outputTokens;
    }

    Map<String, Object> json() {
      return Charts.map("requests", requests, "accepted", accepted, "input_tokens", inputTokens, "output_tokens",
          outputTokens, "usd", Fmt.round(usd, 6), "usd_per_accepted", accepted == 0 ? null : Fmt.round(usd / accepted, 8),
          "tokens_per_accepted", accepted == 0 ? null : Fmt.round((double) tokens() / accepted, 2));
    }
  }

  static final Spend NONE = new Spend(0, 0, 0, 0, 0);

  @Override
  public void render(Model m, Page page, Map<String, Object> data) {
    if (m.runs().isEmpty()) {
      return;
    }
    page.section("cost", "Cost");
    page.p("What each label and each attribute value cost. Per accepted sample counts everything spent to get it: "
        + "rejected answers, failures and top-up rounds included.");
    page.grid();
    for (int i = 0; i < m.datasets().size(); i++) {
      Model.Entry e = m.datasets().get(i);
      if (e.run().isEmpty()) {
        continue;
      }
      List<RequestRecord> requests = e.run().get().requests();
      Map<String, Spend> byLabel = new TreeMap<>();
      Map<String, Spend> byValue = new TreeMap<>();
      Spend total = NONE;
      for (RequestRecord r : requests) {
        byLabel.merge(r.label(), NONE.plus(r), CostSection::sum);
        r.attributes().forEach((dim, value) -> byValue.merge(dim + ": " + value, NONE.plus(r), CostSection::sum));
        total = total.plus(r);
      }
      boolean dollars = total.usd() > 0;
      page.cell(e.title());
      List<String> labels = new ArrayList<>(byLabel.keySet());
      Map<String, List<? extends Number>> series = new LinkedHashMap<>();
      if (dollars) {
        series.put("$ per accepted sample", labels.stream().map(l -> (Number) perAccepted(byLabel.get(l), true)).toList());
      } else {
        series.put("tokens per accepted sample", labels.stream().map(l -> (Number) perAccepted(byLabel.get(l), false))
            .toList());
      }
      page.chart("cost-label-" + i, Charts.bars(labels, series, false, true, ""), Charts.rowsHeight(labels.size()));
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("label", "requests", "tokens in", "tokens out", "dollars", "per accepted sample"));
      byLabel.forEach((l, s) -> rows.add(List.of(l, Fmt.count(s.requests()), Fmt.count(s.inputTokens()),
          Fmt.count(s.outputTokens()), Fmt.usd(s.usd()), perAcceptedText(s, dollars))));
      rows.add(List.of("total", Fmt.count(total.requests()), Fmt.count(total.inputTokens()),
          Fmt.count(total.outputTokens()), Fmt.usd(total.usd()), perAcceptedText(total, dollars)));
      page.table(rows, "numbers");
      if (!byValue.isEmpty()) {
        List<Map.Entry<String, Spend>> top = byValue.entrySet().stream().filter(v -> v.getValue().accepted() > 0)
            .sorted(Comparator.comparingDouble((Map.Entry<String, Spend> v) -> -perAccepted(v.getValue(), dollars))
                .thenComparing(Map.Entry::getKey))
            .limit(TOP_VALUES).toList();
        page.h3("Most expensive attribute values (" + (dollars ? "dollars" : "tokens") + " per accepted sample)");
        page.chart("cost-value-" + i, Charts.bars(top.stream().map(Map.Entry::getKey).toList(),
            Map.of(dollars ? "$ per accepted sample" : "tokens per accepted sample",
                top.stream().map(v -> (Number) perAccepted(v.getValue(), dollars)).toList()), false, true, ""),
            Charts.rowsHeight(top.size()));
      }
      page.h3("Projection");
      List<List<String>> proj = new ArrayList<>();
      proj.add(List.of("samples per label", "accepted samples", "tokens", "dollars"));
      int nLabels = byLabel.size();
      for (long perClass : List.of(100L, 1_000L, 10_000L)) {
        long samples = perClass * nLabels;
        proj.add(List.of(Fmt.count(perClass), Fmt.count(samples),
            total.accepted() == 0 ? "–" : Fmt.count(Math.round((double) total.tokens() / total.accepted() * samples)),
            total.accepted() == 0 ? "–" : Fmt.usd(total.usd() / total.accepted() * samples)));
      }
      page.table(proj, "numbers");
      page.note("A linear projection from this run's spend per accepted sample, at the same model, prices and "
          + "rejection rate; 'attrprompt estimate' prices a plan before any request.");
      page.endCell();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("total", total.json());
      Map<String, Object> l = new LinkedHashMap<>();
      byLabel.forEach((k, v) -> l.put(k, v.json()));
      d.put("labels", l);
      Map<String, Object> v = new LinkedHashMap<>();
      byValue.forEach((k, s) -> v.put(k, s.json()));
      d.put("attribute_values", v);
      data.put(e.dataset().name(), d);
    }
    page.endGrid();
    page.end();
  }

  private static Spend sum(Spend a, Spend b) {
    return new Spend(a.requests() + b.requests(), a.accepted() + b.accepted(), a.inputTokens() + b.inputTokens(),
        a.outputTokens() + b.outputTokens(), a.usd() + b.usd());
  }

  private static double perAccepted(Spend s, boolean dollars) {
    if (s.accepted() == 0) {
      return 0;
    }
    return dollars ? Fmt.round(s.usd() / s.accepted(), 6) : Fmt.round((double) s.tokens() / s.accepted(), 1);
  }

  private static String perAcceptedText(Spend s, boolean dollars) {
    if (s.accepted() == 0) {
      return "–";
    }
    return dollars ? Fmt.usd(s.usd() / s.accepted()) : Fmt.count(Math.round((double) s.tokens() / s.accepted()))
        + " tokens";
  }
}
