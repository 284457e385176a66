package dev.attrprompt.eval.report;

import dev.attrprompt.eval.classify.Evaluation;
import dev.attrprompt.eval.classify.Evaluator;
import dev.attrprompt.eval.classify.Scores;
import dev.attrprompt.eval.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The paper's comparison table for the user's own task: for each dataset its size, cost,
 * vocabulary, APS within and across labels, regional spread, and the accuracy and macro-F1 of a
 * classifier trained on it and tested on real data; each row also against the first.
 */
public final class Comparison {
  private Comparison() {}

  /**
   * One dataset's row.
   *
   * @param name           the dataset's name (file name)
   * @param method         the generation method, when known
   * @param regionEntropy  normalised entropy of the continents named (empty when none are)
   * @param microF1        for multi-label evaluations
   */
  public record Row(String name, Optional<String> method, int size, OptionalDouble costUsd, int vocabulary,
      OptionalDouble apsIntra, OptionalDouble apsInter, OptionalDouble regionEntropy, double accuracy,
      double macroF1, OptionalDouble microF1, DatasetAnalysis analysis, Evaluation evaluation) {

    /** What the table calls the row: the method when known, else the name. */
    public String title() {
      return method.orElse(name);
    }
  }

  public static List<Row> of(List<Dataset> datasets, Dataset test, Analyzer.Options analysis,
      Evaluator.Options evaluation) {
    List<DatasetAnalysis> analyses = Analyzer.analyze(datasets, analysis);
    List<Evaluation> evaluations = new ArrayList<>();
    for (Dataset d : datasets) {
      evaluations.add(Evaluator.evaluate(d, test, evaluation));
    }
    return rows(datasets, analyses, evaluations);
  }

  /**
   * The rows of datasets already analysed (in one call, so that their APS compare) and evaluated on
   * the same test data: for callers that show the analyses and evaluations themselves too.
   */
  public static List<Row> rows(List<Dataset> datasets, List<DatasetAnalysis> analyses, List<Evaluation> evaluations) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < datasets.size(); i++) {
      Dataset d = datasets.get(i);
      DatasetAnalysis a = analyses.get(i);
      Evaluation e = evaluations.get(i);
      rows.add(new Row(d.name(), d.method(), d.size(), d.costUsd(), a.all().vocabulary(), a.all().apsIntra(),
          a.all().apsInter(), a.regions().mentions() == 0 ? OptionalDouble.empty()
              : OptionalDouble.of(a.regions().normalisedEntropy()),
          e.scores().accuracy(), e.scores().macroF1(), e.scores() instanceof Scores.MultiLabel ml
              ? OptionalDouble.of(ml.microF1()) : OptionalDouble.empty(), a, e));
    }
    return rows;
  }
}
