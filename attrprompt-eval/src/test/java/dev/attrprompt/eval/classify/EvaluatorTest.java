package dev.attrprompt.eval.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.ToyData;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Sample;
import dev.attrprompt.eval.embed.TfIdfEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final Evaluator.Options LR = new Evaluator.Options(ClassifierKind.TFIDF_LR, 1, Optional.empty());

  @Test
  void learnsASeparableToyTaskAndMatchesLabelsAfterNormalisation() {
    Dataset train = Dataset.of("train", ToyData.fruitOrVehicle(200, 1, true), false);
    Dataset test = Dataset.of("test", ToyData.fruitOrVehicle(100, 2, false), false);
    for (ClassifierKind kind : List.of(ClassifierKind.TFIDF_LR, ClassifierKind.TFIDF_SVM)) {
      Evaluation e = Evaluator.evaluate(train, test, new Evaluator.Options(kind, 1, Optional.empty()));
      assertThat(e.scores().accuracy()).as(kind.id()).isEqualTo(1.0);
      assertThat(e.scores().perLabel()).containsOnlyKeys("fresh_fruit", "motor_vehicle");
      assertThat(e.trainSize()).isEqualTo(200);
      assertThat(e.testSize()).isEqualTo(100);
    }
  }

  @Test
  void theSameSeedGivesTheSamePredictions() {
    Dataset train = Dataset.of("train", ToyData.fruitOrVehicle(60, 3, false), false);
    Dataset test = Dataset.of("test", ToyData.fruitOrVehicle(60, 4, false), false);
    Scores a = Evaluator.evaluate(train, test, new Evaluator.Options(ClassifierKind.TFIDF_SVM, 7, Optional.empty())).scores();
    Scores b = Evaluator.evaluate(train, test, new Evaluator.Options(ClassifierKind.TFIDF_SVM, 7, Optional.empty())).scores();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void aTestLabelMissingFromTrainingIsAUserErrorNamingIt() {
    Dataset train = new Dataset("train.jsonl", "gen/train.jsonl", ToyData.fruitOrVehicle(20, 1, false), false, Optional.empty(),
        java.util.OptionalDouble.empty());
    List<Sample> testSamples = new ArrayList<>(ToyData.fruitOrVehicle(4, 2, false));
    testSamples.add(Sample.of("a rocket to the moon", "Space Travel"));
    Dataset test = new Dataset("real.jsonl", "data/real.jsonl", testSamples, false, Optional.empty(),
        java.util.OptionalDouble.empty());
    assertThatThrownBy(() -> Evaluator.evaluate(train, test, LR)).isInstanceOf(UserError.class)
        .hasMessage("data/real.jsonl: test label 'space_travel' does not occur in the training data gen/train.jsonl "
            + "(its labels: fresh_fruit, motor_vehicle); labels are compared in lower case with _ for spaces");
  }

  @Test
  void oneTrainingLabelOrNoEmbeddingsAreUserErrors() {
    Dataset one = Dataset.of("one", List.of(Sample.of("x y", "a"), Sample.of("y z", "a")), false);
    assertThatThrownBy(() -> Evaluator.evaluate(one, one, LR)).isInstanceOf(UserError.class)
        .hasMessageContaining("only one label (a)");
    Dataset two = Dataset.of("two", ToyData.fruitOrVehicle(10, 1, false), false);
    assertThatThrownBy(() -> Evaluator.evaluate(two, two,
        new Evaluator.Options(ClassifierKind.EMBED_LR, 1, Optional.of(new TfIdfEmbedder()))))
        .isInstanceOf(UserError.class).hasMessageContaining("embed-lr needs sentence embeddings");
  }

  @Test
  void emptyTextsAreValidExamples() {
    List<Sample> train = new ArrayList<>(ToyData.fruitOrVehicle(40, 5, false));
    train.add(Sample.of("", "fresh_fruit"));
    train.add(Sample.of("!!!", "motor_vehicle"));
    Dataset test = Dataset.of("t", List.of(Sample.of("", "fresh_fruit"), Sample.of("banana apple", "fresh_fruit")), false);
    Evaluation e = Evaluator.evaluate(Dataset.of("train", train, false), test, LR);
    assertThat(e.testSize()).isEqualTo(2);
    assertThat(e.scores().perLabel().get("fresh_fruit").support()).isEqualTo(2);
  }

  @Test
  void multiLabelDataIsOneVsRest() {
    // labels by keyword: "apple" -> fruit, "car" -> vehicle, both words -> both labels
    List<Sample> train = new ArrayList<>();
    Random rnd = new Random(9);
    String[] filler = {"the", "today", "we", "saw", "one", "nice"};
    for (int i = 0; i < 120; i++) {
      boolean fruit = i % 3 != 1;
      boolean vehicle = i % 3 != 0;
      StringBuilder t = new StringBuilder();
      for (int w = 0; w < 5; w++) {
        t.append(filler[rnd.nextInt(filler.length)]).append(' ');
      }
      List<String> labels = new ArrayList<>();
      if (fruit) {
        t.append("apple ");
        labels.add("fruit");
      }
      if (vehicle) {
        t.append("car");
        labels.add("vehicle");
      }
      train.add(new Sample(t.toString(), labels, Map.of()));
    }
    Dataset test = Dataset.of("test", List.of(new Sample("we saw apple", List.of("fruit"), Map.of()),
        new Sample("nice car today", List.of("vehicle"), Map.of()),
        new Sample("apple car", List.of("fruit", "vehicle"), Map.of())), true);
    Evaluation e = Evaluator.evaluate(Dataset.of("train", train, true), test, LR);
    assertThat(e.scores()).isInstanceOf(Scores.MultiLabel.class);
    assertThat(((Scores.MultiLabel) e.scores()).microF1()).isEqualTo(1.0);
    assertThat(e.scores().macroF1()).isEqualTo(1.0);
    assertThat(e.scores().accuracy()).isEqualTo(1.0);
  }

  /**
   * The shape of a multi-label run: many labels, each on a few texts (a yes rate near 1%). Each
   * label's texts share two words of their own; tested on the training texts themselves, both
   * losses must find every label.
   */
  @Test
  void multiLabelWithManyRareLabelsPredictsThemWithEitherLoss() {
    List<Sample> samples = new ArrayList<>();
    Random rnd = new Random(13);
    String[] filler = {"the", "study", "of", "we", "show", "results", "new", "method"};
    int labels = 60;
    for (int l = 0; l < labels; l++) {
      for (int k = 0; k < 3; k++) {
        StringBuilder t = new StringBuilder();
        for (int w = 0; w < 12; w++) {
          t.append(filler[rnd.nextInt(filler.length)]).append(' ');
        }
        t.append("topic").append(l).append("a topic").append(l).append('b');
        List<String> set = new ArrayList<>(List.of("label" + l));
        if (k == 0 && l + 1 < labels) { // some texts are also about the next label
          t.append(" topic").append(l + 1).append("a topic").append(l + 1).append('b');
          set.add("label" + (l + 1));
        }
        samples.add(new Sample(t.toString(), set, Map.of()));
      }
    }
    Dataset data = Dataset.of("run", samples, true);
    for (ClassifierKind kind : List.of(ClassifierKind.TFIDF_LR, ClassifierKind.TFIDF_SVM)) {
      Scores.MultiLabel s = (Scores.MultiLabel) Evaluator.evaluate(data, data,
          new Evaluator.Options(kind, 1, Optional.empty())).scores();
      assertThat(s.microF1()).as(kind.id()).isGreaterThan(0.95);
      assertThat(s.macroF1()).as(kind.id()).isGreaterThan(0.95);
    }
  }
}
