package dev.attrprompt.eval.html;

import dev.attrprompt.eval.classify.Evaluation;
import dev.attrprompt.eval.classify.LabelScore;
import dev.attrprompt.eval.classify.Scores;
import dev.attrprompt.eval.report.Comparison;
import dev.attrprompt.eval.report.Curve;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The probes trained on each dataset and tested on real data, side by side as {@code compare}
 * shows them (which one is the paper's protocol is said), then per-label F1 and confusion of the
 * first probe, and the data-efficiency curve when one was measured: macro-F1 (mean, with the
 * standard deviation over the draws as dashed lines) against samples, and against dollars where
 * the dataset's cost is known. All figures are the {@link Comparison} rows the page's JSON carries.
 */
final class DownstreamSection implements Section {
  @Override
  public void render(Model m, Page page, Map<String, Object> data) {
    if (m.comparison().isEmpty()) {
      return;
    }
    List<Comparison.Row> rows = m.comparison().get();
    List<Model.Entry> entries = m.datasets();
    page.section("downstream", "Downstream");
    List<Comparison.Probe> probes = rows.get(0).probes();
    Evaluation first = probes.get(0).evaluation();
    page.p("Each dataset trains " + (probes.size() == 1 ? "one classifier" : probes.size() + " classifiers")
        + ", tested on " + m.testName().orElse("the test data") + " (" + Fmt.count(first.testSize()) + " real texts): "
        + String.join("; ", probes.stream().map(p -> p.classifier() + " (" + p.evaluation().features() + ")").toList())
        + ".");
    page.note(probes.stream().anyMatch(Comparison.Probe::paperProtocol)
        ? Comparison.PAPER_PROBE.id() + " is the probe of the paper's protocol (a classifier over sentence "
            + "representations); word-count probes favour texts that share more words with the test set, so where "
            + "the probes disagree, " + Comparison.PAPER_PROBE.id() + " is the one the paper's results are about."
        : "The paper's protocol corresponds to " + Comparison.PAPER_PROBE.id() + ", not run here (--classifier).");
    boolean multiLabel = first.scores() instanceof Scores.MultiLabel;
    List<List<String>> table = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("dataset", "trained on"));
    for (Comparison.Probe p : probes) {
      String mark = p.paperProtocol() ? " (paper)" : "";
      head.add(p.classifier() + mark + (multiLabel ? " exact-set accuracy" : " accuracy"));
      head.add(p.classifier() + mark + " macro-F1");
    }
    if (rows.size() > 1) {
      head.add("vs " + entries.get(0).title());
    }
    table.add(head);
    for (int i = 0; i < rows.size(); i++) {
      Comparison.Row r = rows.get(i);
      List<String> cells = new ArrayList<>(List.of(entries.get(i).title(), Fmt.count(r.size()) + " texts"));
      List<String> diffs = new ArrayList<>();
      for (int k = 0; k < r.probes().size(); k++) {
        Comparison.Probe p = r.probes().get(k);
        Comparison.Probe b = rows.get(0).probes().get(k);
        cells.add(Fmt.fixed(p.accuracy(), 4));
        cells.add(Fmt.fixed(p.macroF1(), 4));
        diffs.add(p.classifier() + " macro-F1 " + Fmt.signed(p.macroF1() - b.macroF1(), 4));
      }
      if (rows.size() > 1) {
        cells.add(i == 0 ? "baseline" : String.join(", ", diffs));
      }
      table.add(cells);
    }
    page.table(table, "numbers");
    page.grid();
    Map<String, List<? extends Number>> overall = new LinkedHashMap<>();
    for (int k = 0; k < probes.size(); k++) {
      int probe = k;
      overall.put(probes.get(k).classifier() + " macro-F1",
          rows.stream().map(r -> (Number) Fmt.round(r.probes().get(probe).macroF1(), 4)).toList());
    }
    page.cell("Macro-F1 of each probe");
    page.chart("scores", Charts.bars(entries.stream().map(Model.Entry::title).toList(), overall, false, false, ""), 280);
    page.endCell();
    TreeSet<String> labels = new TreeSet<>();
    rows.forEach(r -> labels.addAll(r.probes().get(0).evaluation().scores().perLabel().keySet()));
    List<String> names = new ArrayList<>(labels);
    Map<String, List<? extends Number>> f1 = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, LabelScore> per = rows.get(i).probes().get(0).evaluation().scores().perLabel();
      f1.put(entries.get(i).title(), names.stream().map(l -> (Number) (per.containsKey(l) ? Fmt.round(per.get(l).f1(), 4)
          : 0)).toList());
    }
    page.cell("F1 per label (" + first.classifier() + ")");
    page.chart("f1", Charts.bars(names, f1, false, true, ""), Charts.rowsHeight(names.size() * rows.size()) + 30);
    page.endCell();
    page.endGrid();
    page.grid();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).probes().get(0).evaluation().scores() instanceof Scores.MultiClass mc && mc.labels().size() <= 60) {
        long[][] grid = new long[mc.labels().size()][mc.labels().size()];
        for (int r = 0; r < mc.labels().size(); r++) {
          Map<String, Long> row = mc.confusion().get(mc.labels().get(r));
          for (int c = 0; c < mc.labels().size(); c++) {
            grid[r][c] = row.get(mc.labels().get(c));
          }
        }
        page.cell("Confusion of " + first.classifier() + ": " + entries.get(i).title()
            + " (rows: true label, columns: predicted)");
        page.chart("confusion-" + i, Charts.heatmap(mc.labels(), mc.labels(), grid, "predicted", "true"),
            Math.max(260, 130 + 28 * mc.labels().size()));
        page.endCell();
      }
    }
    page.endGrid();
    curve(page, rows, entries);
    page.end();
  }

  /** The data-efficiency curves, when they were measured: against samples, and against dollars where known. */
  private static void curve(Page page, List<Comparison.Row> rows, List<Model.Entry> entries) {
    if (rows.stream().allMatch(r -> r.curve().isEmpty())) {
      return;
    }
    page.h3("Data efficiency: macro-F1 on stratified subsets");
    page.note("Each point is the mean macro-F1 over seeded draws of that much training data; the dashed lines are "
        + "the mean plus and minus the standard deviation over the draws (the whole dataset is drawn once).");
    page.grid();
    page.cell("Macro-F1 by training samples");
    page.chart("curve", Charts.bands(series(rows, entries, false), "training samples", "macro-F1"), 340);
    page.endCell();
    Map<String, List<List<List<Number>>>> dollars = series(rows, entries, true);
    if (!dollars.isEmpty()) {
      page.cell("Macro-F1 by dollars spent on the training samples");
      page.chart("curve-cost", Charts.bands(dollars, "dollars", "macro-F1"), 340);
      page.endCell();
    }
    page.endGrid();
    if (rows.stream().anyMatch(r -> !r.curve().isEmpty() && r.costUsd().isEmpty())) {
      page.note("Datasets read from a file record no cost, so they have no curve against dollars; run folders do.");
    }
  }

  /**
   * Per dataset and probe: three lines of [x, y] points (mean, mean − sd, mean + sd, the edges kept
   * within [0, 1]); x is samples or dollars (datasets of unknown cost are left out of the latter).
   */
  private static Map<String, List<List<List<Number>>>> series(List<Comparison.Row> rows, List<Model.Entry> entries,
      boolean dollars) {
    Map<String, List<List<List<Number>>>> out = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Comparison.Row r = rows.get(i);
      if (r.curve().isEmpty() || dollars && r.costUsd().isEmpty()) {
        continue;
      }
      for (String probe : r.curve().get(0).macroF1().keySet()) {
        List<List<Number>> mean = new ArrayList<>();
        List<List<Number>> low = new ArrayList<>();
        List<List<Number>> high = new ArrayList<>();
        for (Curve.Point p : r.curve()) {
          Curve.Stat s = p.macroF1().get(probe);
          // rounded as the JSON's curve rows are, so that the chart draws those very numbers
        Number x = dollars ? Fmt.round(p.costUsd().orElse(0), 6) : Fmt.round(p.samples(), 6);
          mean.add(List.of(x, Fmt.round(s.mean(), 6)));
          low.add(List.of(x, Fmt.round(Math.max(0, s.mean() - s.spread()), 6)));
          high.add(List.of(x, Fmt.round(Math.min(1, s.mean() + s.spread()), 6)));
        }
        out.put((rows.size() > 1 ? entries.get(i).title() + ", " : "") + probe, List.of(mean, low, high));
      }
    }
    return out;
  }
}
