package dev.attrprompt.eval.report;

import dev.attrprompt.eval.classify.Evaluation;
import dev.attrprompt.eval.classify.LabelScore;
import dev.attrprompt.eval.classify.Scores;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders an {@link Evaluation}: a JSON-shaped map, or text with tables. */
public final class EvaluationReport {
  private EvaluationReport() {}

  public static Map<String, Object> json(Evaluation e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("classifier", e.classifier());
    m.put("features", e.features());
    m.put("paper_protocol", e.classifier().equals(Comparison.PAPER_PROBE.id()));
    m.put("train_size", e.trainSize());
    m.put("test_size", e.testSize());
    m.put("seed", e.seed());
    m.put("multi_label", e.scores() instanceof Scores.MultiLabel);
    m.put("accuracy", Numbers.round(e.scores().accuracy()));
    m.put("macro_f1", Numbers.round(e.scores().macroF1()));
    if (e.scores() instanceof Scores.MultiLabel ml) {
      m.put("micro_f1", Numbers.round(ml.microF1()));
    }
    Map<String, Object> per = new LinkedHashMap<>();
    e.scores().perLabel().forEach((label, s) -> per.put(label, Numbers.ordered("precision", Numbers.round(s.precision()),
        "recall", Numbers.round(s.recall()), "f1", Numbers.round(s.f1()), "support", s.support())));
    m.put("per_label", per);
    if (e.scores() instanceof Scores.MultiClass mc) {
      m.put("confusion", mc.confusion());
    }
    Evaluation.Timings t = e.timings();
    m.put("seconds", Numbers.ordered("load", Numbers.round(t.load()), "vectorise", Numbers.round(t.featurize()),
        "train", Numbers.round(t.train()), "predict", Numbers.round(t.predict()), "total", Numbers.round(t.total())));
    return m;
  }

  public static void text(PrintWriter out, Evaluation e, String trainName, String testName) {
    out.printf("%s trained on %s (%s texts), tested on %s (%s texts)%n", e.classifier(), trainName,
        Numbers.count(e.trainSize()), testName, Numbers.count(e.testSize()));
    out.printf("features: %s; seed %d%n", e.features(), e.seed());
    out.println(e.classifier().equals(Comparison.PAPER_PROBE.id())
        ? "the probe of the paper's protocol (a classifier over sentence representations)"
        : "the paper's protocol corresponds to --classifier " + Comparison.PAPER_PROBE.id()
            + " (sentence embeddings); word-count probes favour longer texts");
    out.println();
    boolean multi = e.scores() instanceof Scores.MultiLabel;
    out.printf("%s %s%n", multi ? "exact-set accuracy" : "accuracy", Numbers.fixed(e.scores().accuracy(), 4));
    out.printf("macro-F1 %s%n", Numbers.fixed(e.scores().macroF1(), 4));
    if (e.scores() instanceof Scores.MultiLabel ml) {
      out.printf("micro-F1 %s%n", Numbers.fixed(ml.microF1(), 4));
    }
    out.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"label", "precision", "recall", "F1", "support"});
    for (Map.Entry<String, LabelScore> en : e.scores().perLabel().entrySet()) {
      LabelScore s = en.getValue();
      rows.add(new String[] {en.getKey(), Numbers.fixed(s.precision(), 4), Numbers.fixed(s.recall(), 4),
          Numbers.fixed(s.f1(), 4), Numbers.count(s.support())});
    }
    AnalysisReport.table(out, rows);
    if (e.scores() instanceof Scores.MultiClass mc && mc.labels().size() <= 30) {
      out.println();
      out.println("confusion (rows: gold, columns: predicted)");
      List<String[]> cm = new ArrayList<>();
      List<String> head = new ArrayList<>();
      head.add("");
      head.addAll(mc.labels());
      cm.add(head.toArray(String[]::new));
      mc.confusion().forEach((gold, row) -> {
        List<String> r = new ArrayList<>();
        r.add(gold);
        row.values().forEach(n -> r.add(Numbers.count(n)));
        cm.add(r.toArray(String[]::new));
      });
      AnalysisReport.table(out, cm);
    }
    out.printf("%ntime: load %.2f s, vectorise %.2f s, train %.2f s, predict %.2f s%n", e.timings().load(),
        e.timings().featurize(), e.timings().train(), e.timings().predict());
    out.flush();
  }
}
