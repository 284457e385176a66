package dev.attrprompt.eval.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.eval.SharedData;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real data: the classifiers reach the accuracy that TF-IDF linear models are known to reach. */
class ClassifierSharedDataTest {
  @Test
  void agNewsLogisticRegressionOnTheTenThousandSample() {
    Dataset train = Datasets.load(SharedData.file("agnews/train_sample10k_description_only.jsonl"));
    Dataset test = Datasets.load(SharedData.file("agnews/test.jsonl"));
    Evaluation e = Evaluator.evaluate(train, test, new Evaluator.Options(ClassifierKind.TFIDF_LR, 42, Optional.empty()));
    assertThat(e.testSize()).isEqualTo(7600);
    // scikit-learn's LogisticRegression on the same features: 0.8701 (bench/classifiers.sh)
    assertThat(e.scores().accuracy()).isGreaterThan(0.85);
    assertThat(e.scores().perLabel()).containsOnlyKeys("business", "sci_tech", "sports", "world");
    assertThat(e.scores().perLabel().get("sports").f1()).isGreaterThan(0.9);
  }

  @Test
  void sst2LinearSvmTrainToDev() {
    Dataset train = Datasets.load(SharedData.file("sst2/train.jsonl"));
    Dataset dev = Datasets.load(SharedData.file("sst2/dev.jsonl"));
    Evaluation e = Evaluator.evaluate(train, dev, new Evaluator.Options(ClassifierKind.TFIDF_SVM, 42, Optional.empty()));
    assertThat(e.testSize()).isEqualTo(872);
    // scikit-learn's LinearSVC on the same features: macro-F1 0.7988
    assertThat(e.scores().macroF1()).isBetween(0.78, 0.82);
  }
}
