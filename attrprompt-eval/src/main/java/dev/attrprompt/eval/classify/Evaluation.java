package dev.attrprompt.eval.classify;

/**
 * The result of training on one dataset and testing on another.
 *
 * @param classifier  the classifier's id
 * @param features    what the features were
 * @param trainSize   training texts
 * @param testSize    test texts
 * @param seed        the seed given to the trainer
 * @param scores      the scores on the test texts
 * @param timings     seconds spent per step
 */
public record Evaluation(String classifier, String features, int trainSize, int testSize, long seed, Scores scores,
    Timings timings) {

  /** The same evaluation with the seconds spent reading the two datasets. */
  public Evaluation withLoadSeconds(double load) {
    return new Evaluation(classifier, features, trainSize, testSize, seed, scores,
        new Timings(load, timings.featurize(), timings.train(), timings.predict()));
  }

  /**
   * Wall-clock seconds of each step: reading the datasets (when the caller measured it, else 0);
   * fitting the features on the training texts; training (while the test texts are vectorised
   * alongside); vectorising what remains of the test texts and predicting. Vectorising starts with
   * normalising the labels.
   */
  public record Timings(double load, double featurize, double train, double predict) {
    public double total() {
      return load + featurize + train + predict;
    }
  }
}
