package dev.attrprompt.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.ToyData;
import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.classify.Evaluator;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Sample;
import dev.attrprompt.eval.data.Subsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CurveTest {
  /** Fruit or vehicle texts with a quarter of the labels swapped, so that scores fall short of 1. */
  static Dataset noisy(String name, int n, long seed, OptionalDouble cost) {
    Random rnd = new Random(seed);
    List<Sample> out = new ArrayList<>();
    for (Sample s : ToyData.fruitOrVehicle(n, seed, false)) {
      String label = rnd.nextInt(4) == 0 ? (s.label().equals("fresh_fruit") ? "motor_vehicle" : "fresh_fruit") : s.label();
      out.add(Sample.of(s.text(), label));
    }
    return new Dataset(name, name, out, false, Optional.of("attrprompt"), cost);
  }

  @Test
  void theWholeDatasetPointEqualsAPlainEvaluationAndSubsetsAreStratified() {
    Dataset train = noisy("run", 200, 1, OptionalDouble.of(2.0));
    Dataset test = noisy("real", 200, 2, OptionalDouble.empty());
    List<Evaluator.Options> probes = List.of(new Evaluator.Options(ClassifierKind.TFIDF_LR, 5, Optional.empty()),
        new Evaluator.Options(ClassifierKind.TFIDF_SVM, 5, Optional.empty()));
    List<Curve.Point> curve = Curve.measure(train, test, probes, Curve.Spec.parse("1, 0.5,0.1", 4));

    assertThat(curve).extracting(Curve.Point::at).containsExactly("0.1", "0.5", "1");
    Curve.Point whole = curve.get(2);
    for (Evaluator.Options p : probes) {
      double plain = Evaluator.evaluate(train, test, p).scores().macroF1();
      assertThat(plain).isLessThan(0.99);
      Curve.Stat s = whole.macroF1().get(p.classifier().id());
      assertThat(s.mean()).isEqualTo(plain);
      assertThat(s.draws()).isEqualTo(1);
      assertThat(s.spread()).isZero();
    }
    assertThat(whole.samples()).isEqualTo(200);
    assertThat(whole.costUsd().getAsDouble()).isEqualTo(2.0);

    Curve.Point half = curve.get(1);
    long expected = train.samples().stream().collect(Collectors.groupingBy(Sample::label, Collectors.counting()))
        .values().stream().mapToLong(n -> Math.round(n / 2.0)).sum(); // half of each label's samples
    assertThat(half.samples()).isEqualTo(expected);
    assertThat(half.costUsd().getAsDouble()).isCloseTo(2.0 * expected / 200, within(1e-9));
    assertThat(half.macroF1().get("tfidf-lr").draws()).isEqualTo(4);
    Curve.Stat tenth = curve.get(0).macroF1().get("tfidf-lr");
    assertThat(tenth.min()).isLessThanOrEqualTo(tenth.mean()).isLessThanOrEqualTo(tenth.max());
    assertThat(tenth.max() - tenth.min()).as("different draws give different subsets").isPositive();
  }

  @Test
  void aFileHasNoCostOnItsCurve() {
    Dataset file = Dataset.of("file.jsonl", ToyData.fruitOrVehicle(40, 3, false), false);
    List<Curve.Point> curve = Curve.measure(file, file, List.of(new Evaluator.Options(ClassifierKind.TFIDF_LR, 1,
        Optional.empty())), Curve.Spec.parse("5", 2));
    assertThat(curve.get(0).at()).isEqualTo("5/label");
    assertThat(curve.get(0).samples()).isEqualTo(10);
    assertThat(curve.get(0).costUsd()).isEmpty();
  }

  @Test
  void stratifiedSubsetsKeepEachLabelsShareTheOrderAndTheSeed() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      samples.add(Sample.of("text " + i, i % 3 == 0 ? "rare" : "common"));
    }
    Dataset d = Dataset.of("d", samples, false);
    Dataset a = Subsets.fraction(d, 0.2, 7);
    Map<String, Long> counts = a.samples().stream().collect(Collectors.groupingBy(Sample::label, Collectors.counting()));
    assertThat(counts).containsEntry("rare", 6L).containsEntry("common", 12L);
    List<Integer> positions = a.samples().stream().map(s -> samples.indexOf(s)).toList();
    assertThat(positions).isSorted();
    assertThat(Subsets.fraction(d, 0.2, 7).samples()).isEqualTo(a.samples());
    assertThat(Subsets.fraction(d, 0.2, 8).samples()).isNotEqualTo(a.samples());
    assertThat(Subsets.perLabel(d, 40, 1).size()).isEqualTo(70); // all 30 rare, 40 common
    assertThat(Subsets.fraction(d, 1, 3)).isSameAs(d);
  }

  @Test
  void badCurveValuesAreUserErrors() {
    assertThatThrownBy(() -> Curve.Spec.parse("0.1,abc", 3)).isInstanceOf(UserError.class)
        .hasMessageContaining("not 'abc'");
    assertThatThrownBy(() -> Curve.Spec.parse("0.5,20", 3)).isInstanceOf(UserError.class)
        .hasMessageContaining("mixes fractions and counts");
    assertThatThrownBy(() -> Curve.Spec.parse("0,1", 3)).isInstanceOf(UserError.class);
    assertThatThrownBy(() -> Curve.Spec.parse("1", 0)).isInstanceOf(UserError.class)
        .hasMessageContaining("--curve-draws");
    assertThat(Curve.Spec.parse("50,10,10", 2).values()).containsExactly(10.0, 50.0);
  }
}
