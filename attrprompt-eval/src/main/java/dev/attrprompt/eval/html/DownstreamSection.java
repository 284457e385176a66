package dev.attrprompt.eval.html;

import dev.attrprompt.eval.classify.Evaluation;
import dev.attrprompt.eval.classify.LabelScore;
import dev.attrprompt.eval.classify.Scores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A classifier trained on each dataset and tested on real data: accuracy and macro-F1, per-label
 * F1, the confusion matrix, and the data-efficiency curve when the evaluation provides one.
 *
 * <p>The curve is read from the evaluation's JSON (as {@code evaluate --json} prints it): a list
 * under {@value #CURVE} of objects with {@code "train_size"} and {@code "macro_f1"} (and optionally
 * {@code "accuracy"}), one per training-set size. An evaluation without it draws no curve.
 */
final class DownstreamSection implements Section {
  /** The key of the data-efficiency curve in an evaluation's JSON. */
  static final String CURVE = "curve";

  @Override
  public void render(Model m, Page page, Map<String, Object> data) {
    List<Model.Entry> evaluated = m.datasets().stream().filter(e -> e.evaluation().isPresent()).toList();
    if (evaluated.isEmpty()) {
      return;
    }
    page.section("downstream", "Downstream");
    Evaluation first = evaluated.get(0).evaluation().get();
    page.p("A " + first.classifier() + " classifier (" + first.features() + ") trained on each dataset and tested on "
        + m.testName().orElse("the test data") + " (" + Fmt.count(first.testSize()) + " real texts).");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("dataset", "trained on", first.scores() instanceof Scores.MultiLabel ? "exact-set accuracy" : "accuracy",
        "macro-F1", "vs " + evaluated.get(0).title()));
    for (Model.Entry e : evaluated) {
      Scores s = e.evaluation().get().scores();
      Scores base = first.scores();
      rows.add(List.of(e.title(), Fmt.count(e.evaluation().get().trainSize()) + " texts", Fmt.fixed(s.accuracy(), 4),
          Fmt.fixed(s.macroF1(), 4), e == evaluated.get(0) ? "baseline"
              : "accuracy " + Fmt.signed(s.accuracy() - base.accuracy(), 4) + ", macro-F1 "
                  + Fmt.signed(s.macroF1() - base.macroF1(), 4)));
    }
    page.table(rows, "numbers");
    page.grid();
    Map<String, List<? extends Number>> overall = new LinkedHashMap<>();
    overall.put("accuracy", evaluated.stream().map(e -> (Number) Fmt.round(e.evaluation().get().scores().accuracy(), 4))
        .toList());
    overall.put("macro-F1", evaluated.stream().map(e -> (Number) Fmt.round(e.evaluation().get().scores().macroF1(), 4))
        .toList());
    page.cell("Accuracy and macro-F1");
    page.chart("scores", Charts.bars(evaluated.stream().map(Model.Entry::title).toList(), overall, false, false, ""), 280);
    page.endCell();
    TreeSet<String> labels = new TreeSet<>();
    evaluated.forEach(e -> labels.addAll(e.evaluation().get().scores().perLabel().keySet()));
    List<String> names = new ArrayList<>(labels);
    Map<String, List<? extends Number>> f1 = new LinkedHashMap<>();
    for (Model.Entry e : evaluated) {
      Map<String, LabelScore> per = e.evaluation().get().scores().perLabel();
      f1.put(e.title(), names.stream().map(l -> (Number) (per.containsKey(l) ? Fmt.round(per.get(l).f1(), 4) : 0))
          .toList());
    }
    page.cell("F1 per label");
    page.chart("f1", Charts.bars(names, f1, false, true, ""), Charts.rowsHeight(names.size() * evaluated.size()) + 30);
    page.endCell();
    page.endGrid();
    page.grid();
    for (int i = 0; i < evaluated.size(); i++) {
      Model.Entry e = evaluated.get(i);
      if (e.evaluation().get().scores() instanceof Scores.MultiClass mc && mc.labels().size() <= 60) {
        long[][] grid = new long[mc.labels().size()][mc.labels().size()];
        for (int r = 0; r < mc.labels().size(); r++) {
          Map<String, Long> row = mc.confusion().get(mc.labels().get(r));
          for (int c = 0; c < mc.labels().size(); c++) {
            grid[r][c] = row.get(mc.labels().get(c));
          }
        }
        page.cell("Confusion: " + e.title() + " (rows: true label, columns: predicted)");
        page.chart("confusion-" + i, Charts.heatmap(mc.labels(), mc.labels(), grid, "predicted", "true"),
            Math.max(260, 130 + 28 * mc.labels().size()));
        page.endCell();
      }
    }
    page.endGrid();
    curve(page, evaluated);
    page.end();
  }

  /** The data-efficiency curve, drawn only when the evaluations carry one. */
  private static void curve(Page page, List<Model.Entry> evaluated) {
    Map<String, List<List<Number>>> series = new LinkedHashMap<>();
    for (Model.Entry e : evaluated) {
      if (e.evaluationJson().orElse(Map.of()).get(CURVE) instanceof List<?> points) {
        List<List<Number>> line = new ArrayList<>();
        for (Object p : points) {
          if (p instanceof Map<?, ?> pm && pm.get("train_size") instanceof Number x && pm.get("macro_f1") instanceof Number y) {
            line.add(List.of(x, y));
          }
        }
        if (!line.isEmpty()) {
          series.put(e.title(), line);
        }
      }
    }
    if (series.isEmpty()) {
      return;
    }
    page.h3("Data efficiency: macro-F1 by number of training texts");
    page.chart("curve", Charts.lines(series, "training texts", "macro-F1"), 320);
  }
}
