package dev.attrprompt.eval.report;

import dev.attrprompt.eval.classify.ClassifierKind;
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
 * vocabulary, APS within and across labels, regional spread, and the accuracy and macro-F1 of each
 * probe (a classifier trained on it and tested on real data); each row also against the first.
 * With a {@link Curve.Spec}, each row also carries its data-efficiency curve.
 */
public final class Comparison {
  private Comparison() {}

  /**
   * The probe that corresponds to the paper's protocol: its probe classifies sentence embeddings
   * (BERT), not word counts, so logistic regression over sentence embeddings is the nearest.
   */
  public static final ClassifierKind PAPER_PROBE = ClassifierKind.EMBED_LR;

  /**
   * One probe's result on one dataset.
   *
   * @param microF1 for multi-label evaluations
   */
  public record Probe(String classifier, double accuracy, double macroF1, OptionalDouble microF1,
      Evaluation evaluation) {
    static Probe of(Evaluation e) {
      return new Probe(e.classifier(), e.scores().accuracy(), e.scores().macroF1(),
          e.scores() instanceof Scores.MultiLabel ml ? OptionalDouble.of(ml.microF1()) : OptionalDouble.empty(), e);
    }

    /** Whether this probe is the one the paper's protocol corresponds to. */
    public boolean paperProtocol() {
      return classifier.equals(PAPER_PROBE.id());
    }
  }

  /**
   * One dataset's row.
   *
   * @param name           the dataset's name (file name)
   * @param method         the generation method, when known
   * @param regionEntropy  normalised entropy of the continents named (empty when none are)
   * @param probes         one result per probe, in the order asked for
   * @param curve          the data-efficiency curve, when asked for (else empty)
   */
  public record Row(String name, Optional<String> method, int size, OptionalDouble costUsd, int vocabulary,
      OptionalDouble apsIntra, OptionalDouble apsInter, OptionalDouble regionEntropy, List<Probe> probes,
      DatasetAnalysis analysis, List<Curve.Point> curve) {
    public Row {
      probes = List.copyOf(probes);
      curve = List.copyOf(curve);
    }

    /** What the table calls the row: the method when known, else the name. */
    public String title() {
      return method.orElse(name);
    }
  }

  public static List<Row> of(List<Dataset> datasets, Dataset test, Analyzer.Options analysis,
      List<Evaluator.Options> probes, Optional<Curve.Spec> curve) {
    return of(datasets, Analyzer.analyze(datasets, analysis), test, probes, curve);
  }

  /**
   * The rows of datasets already analysed (in one call, so that their APS compare): for callers that
   * show the analyses themselves too, such as the HTML report.
   */
  public static List<Row> of(List<Dataset> datasets, List<DatasetAnalysis> analyses, Dataset test,
      List<Evaluator.Options> probes, Optional<Curve.Spec> curve) {
    if (analyses.size() != datasets.size()) {
      throw new IllegalArgumentException(analyses.size() + " analyses for " + datasets.size() + " datasets");
    }
    List<List<Evaluation>> evaluations = new ArrayList<>();
    List<List<Curve.Point>> curves = new ArrayList<>();
    for (Dataset d : datasets) {
      List<Evaluation> results = new ArrayList<>();
      for (Evaluator.Options p : probes) {
        results.add(Evaluator.evaluate(d, test, p));
      }
      evaluations.add(results);
      curves.add(curve.map(spec -> Curve.measure(d, test, probes, spec)).orElse(List.of()));
    }
    return rows(datasets, analyses, evaluations, curves);
  }

  private static List<Row> rows(List<Dataset> datasets, List<DatasetAnalysis> analyses,
      List<List<Evaluation>> evaluations, List<List<Curve.Point>> curves) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < datasets.size(); i++) {
      Dataset d = datasets.get(i);
      DatasetAnalysis a = analyses.get(i);
      List<Probe> results = evaluations.get(i).stream().map(Probe::of).toList();
      rows.add(new Row(d.name(), d.method(), d.size(), d.costUsd(), a.all().vocabulary(), a.all().apsIntra(),
          a.all().apsInter(), a.regions().mentions() == 0 ? OptionalDouble.empty()
              : OptionalDouble.of(a.regions().normalisedEntropy()), results, a, curves.get(i)));
    }
    return rows;
  }
}
