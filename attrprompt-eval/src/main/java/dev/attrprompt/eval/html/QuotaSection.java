package dev.attrprompt.eval.html;

import dev.attrprompt.run.RequestRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Per label of each run: accepted, rejected by reason, failed, pending, and the rounds it took. */
final class QuotaSection implements Section {
  @Override
  public void render(Model m, Page page, Map<String, Object> data) {
    List<Model.Entry> runs = m.runs();
    if (runs.isEmpty()) {
      return;
    }
    page.section("quota", "Filling the quota");
    page.p("Every request ends accepted, rejected (with its reason) or failed; rejected answers are replaced by new "
        + "requests in top-up rounds until each label has its quota. Hard labels show as tall bars of rejections.");
    page.grid();
    for (int i = 0; i < m.datasets().size(); i++) {
      Model.Entry e = m.datasets().get(i);
      if (e.run().isEmpty()) {
        continue;
      }
      RunFacts run = e.run().get();
      Map<String, Map<String, Object>> labels = run.statusLabels();
      List<String> names = new ArrayList<>(labels.keySet());
      TreeSet<String> reasons = new TreeSet<>();
      labels.values().forEach(row -> reasons.addAll(reasonsOf(row).keySet()));
      Map<String, List<? extends Number>> series = new LinkedHashMap<>();
      series.put("accepted", names.stream().map(l -> (Number) labels.get(l).get("accepted")).toList());
      for (String reason : reasons) {
        series.put("rejected: " + reason, names.stream().map(l -> (Number) reasonsOf(labels.get(l)).getOrDefault(reason, 0))
            .toList());
      }
      series.put("failed", names.stream().map(l -> (Number) labels.get(l).get("failed")).toList());
      if (names.stream().anyMatch(l -> ((Number) labels.get(l).get("pending")).intValue() > 0)) {
        series.put("pending", names.stream().map(l -> (Number) labels.get(l).get("pending")).toList());
      }
      Map<String, Map<Integer, Integer>> rounds = rounds(run.requests());
      page.cell(e.title());
      page.chart("quota-" + i, Charts.bars(names, series, true, true, ""), Charts.rowsHeight(names.size()) + 40);
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("label", "requests", "accepted", "rejected", "failed", "rounds: requests in each"));
      for (String l : names) {
        Map<String, Object> row = labels.get(l);
        Map<Integer, Integer> perRound = rounds.getOrDefault(l, Map.of());
        rows.add(List.of(l, Fmt.count(((Number) row.get("planned")).longValue()), String.valueOf(row.get("accepted")),
            String.valueOf(row.get("rejected")), String.valueOf(row.get("failed")), perRound.size() + ": "
            + String.join(" + ", perRound.values().stream().map(String::valueOf).toList())));
      }
      page.table(rows, "numbers");
      page.endCell();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("requests_per_round", rounds);
      data.put(e.dataset().name(), d);
    }
    page.endGrid();
    page.note("Round 1 plans the quota; each further round re-requests only the shortfall. The counts are those of "
        + "'attrprompt status --json'.");
    page.end();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer> reasonsOf(Map<String, Object> row) {
    return (Map<String, Integer>) row.get("rejected_by_reason");
  }

  /** Requests per label and round, rounds in order. */
  static Map<String, Map<Integer, Integer>> rounds(List<RequestRecord> requests) {
    Map<String, Map<Integer, Integer>> out = new TreeMap<>();
    for (RequestRecord r : requests) {
      out.computeIfAbsent(r.label(), k -> new TreeMap<>()).merge(r.round(), 1, Integer::sum);
    }
    return out;
  }
}
