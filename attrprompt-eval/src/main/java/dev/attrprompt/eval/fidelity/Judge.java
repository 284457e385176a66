package dev.attrprompt.eval.fidelity;

import dev.attrprompt.eval.data.Dataset;
import java.util.List;

/**
 * Decides, for each sample of a dataset, whether its text is about its own label or looks like
 * another one. {@link ClassifierJudge} does it with a classifier cross-fitted on the dataset
 * itself (free, offline); a judge that asks an LLM plugs in here as well. {@link FidelityReport}
 * turns the verdicts into off-label rates and confused pairs, whatever the judge.
 */
public interface Judge {
  /** What the report names the judge: {@code classifier:tfidf-lr}, ... */
  String id();

  /**
   * One verdict per sample, in the dataset's order. Labels are compared
   * {@linkplain dev.attrprompt.eval.data.Datasets#normaliseLabel normalised}.
   */
  List<Verdict> judge(Dataset data);

  /**
   * {@code raw} with its labels normalised, for a judge of single-label data.
   *
   * @throws dev.attrprompt.UserError naming the data when it has label sets
   */
  static Dataset singleLabel(Dataset raw) {
    if (raw.multiLabel()) {
      throw new dev.attrprompt.UserError(raw.origin() + ": check needs single-label data (one \"label\" per sample); "
          + "this data has label sets");
    }
    return dev.attrprompt.eval.data.Datasets.withNormalisedLabels(raw);
  }
}
