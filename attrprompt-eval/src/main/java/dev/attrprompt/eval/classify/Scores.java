package dev.attrprompt.eval.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How well predictions match gold labels. Macro averages run over the labels that occur in the
 * gold labels or the predictions (as scikit-learn does); a label never predicted has precision 0.
 */
public sealed interface Scores {
  /** Share of texts predicted exactly right (for multi-label: the whole label set). */
  double accuracy();

  double macroF1();

  Map<String, LabelScore> perLabel();

  /**
   * Single-label scores.
   *
   * @param confusion gold label -> predicted label -> count, over {@link #labels}
   */
  record MultiClass(double accuracy, double macroF1, Map<String, LabelScore> perLabel, List<String> labels,
      Map<String, Map<String, Long>> confusion) implements Scores {

    public static MultiClass of(List<String> gold, List<String> predicted) {
      if (gold.size() != predicted.size()) {
        throw new IllegalArgumentException("gold and predicted differ in size");
      }
      TreeSet<String> set = new TreeSet<>(gold);
      set.addAll(predicted);
      List<String> labels = new ArrayList<>(set);
      Map<String, Map<String, Long>> confusion = new LinkedHashMap<>();
      for (String g : labels) {
        Map<String, Long> row = new LinkedHashMap<>();
        labels.forEach(p -> row.put(p, 0L));
        confusion.put(g, row);
      }
      long correct = 0;
      for (int i = 0; i < gold.size(); i++) {
        confusion.get(gold.get(i)).merge(predicted.get(i), 1L, Long::sum);
        if (gold.get(i).equals(predicted.get(i))) {
          correct++;
        }
      }
      Map<String, LabelScore> per = new LinkedHashMap<>();
      double f1Sum = 0;
      for (String l : labels) {
        long tp = confusion.get(l).get(l);
        long goldCount = confusion.get(l).values().stream().mapToLong(Long::longValue).sum();
        long predCount = confusion.values().stream().mapToLong(row -> row.get(l)).sum();
        LabelScore s = LabelScore.of(tp, predCount, goldCount);
        per.put(l, s);
        f1Sum += s.f1();
      }
      double accuracy = gold.isEmpty() ? 0 : (double) correct / gold.size();
      return new MultiClass(accuracy, labels.isEmpty() ? 0 : f1Sum / labels.size(), per, labels, confusion);
    }
  }

  /** Multi-label scores, one-vs-rest: each label a yes/no decision per text. */
  record MultiLabel(double accuracy, double macroF1, double microF1, Map<String, LabelScore> perLabel)
      implements Scores {

    public static MultiLabel of(List<Set<String>> gold, List<Set<String>> predicted) {
      if (gold.size() != predicted.size()) {
        throw new IllegalArgumentException("gold and predicted differ in size");
      }
      TreeSet<String> labels = new TreeSet<>();
      gold.forEach(labels::addAll);
      predicted.forEach(labels::addAll);
      Map<String, LabelScore> per = new LinkedHashMap<>();
      long tpAll = 0;
      long predAll = 0;
      long goldAll = 0;
      double f1Sum = 0;
      for (String l : labels) {
        long tp = 0;
        long pred = 0;
        long g = 0;
        for (int i = 0; i < gold.size(); i++) {
          boolean inGold = gold.get(i).contains(l);
          boolean inPred = predicted.get(i).contains(l);
          g += inGold ? 1 : 0;
          pred += inPred ? 1 : 0;
          tp += inGold && inPred ? 1 : 0;
        }
        LabelScore s = LabelScore.of(tp, pred, g);
        per.put(l, s);
        f1Sum += s.f1();
        tpAll += tp;
        predAll += pred;
        goldAll += g;
      }
      long exact = 0;
      for (int i = 0; i < gold.size(); i++) {
        if (gold.get(i).equals(predicted.get(i))) {
          exact++;
        }
      }
      double micro = LabelScore.of(tpAll, predAll, goldAll).f1();
      return new MultiLabel(gold.isEmpty() ? 0 : (double) exact / gold.size(),
          labels.isEmpty() ? 0 : f1Sum / labels.size(), micro, per);
    }
  }
}
