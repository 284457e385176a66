package dev.attrprompt.eval.html;

import dev.attrprompt.eval.classify.Evaluation;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.report.Comparison;
import dev.attrprompt.eval.report.DatasetAnalysis;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a report shows, computed once by {@link HtmlReport} with the same classes the
 * {@code analyze}, {@code evaluate}, {@code compare} and {@code status} commands use.
 *
 * @param datasets   the datasets in the order given (the first is the baseline)
 * @param reference  real data measured alongside, when given
 * @param testName   the real data the classifiers were tested on, when given
 * @param comparison the {@code compare} rows (every probe, and the curve when asked for), with test data
 * @param probeEmbeddings the sentence encoder of {@code embed-lr}, when it is among the probes
 */
record Model(String title, List<Entry> datasets, Optional<Entry> reference, Optional<String> testName,
    Optional<List<Comparison.Row>> comparison, String embeddings, Optional<String> probeEmbeddings,
    int maxSamplesPerLabel, String toolVersion) {

  /**
   * One dataset with what was measured of it.
   *
   * @param title      what the page calls it: its method when known and unique, else its name
   * @param analysisJson {@code analyze --json} of it
   * @param run        the run folder's facts, for a run
   * @param evaluation the first probe trained on it and tested on the test data, when given
   */
  record Entry(String title, Dataset dataset, DatasetAnalysis analysis, Map<String, Object> analysisJson,
      Optional<RunFacts> run, Optional<Evaluation> evaluation, Optional<Map<String, Object>> evaluationJson) {}

  boolean comparing() {
    return datasets.size() > 1;
  }

  boolean simulated() {
    return datasets.stream().anyMatch(e -> e.run().map(RunFacts::simulated).orElse(false));
  }

  List<Entry> runs() {
    return datasets.stream().filter(e -> e.run().isPresent()).toList();
  }
}
