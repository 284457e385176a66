package dev.attrprompt.eval.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.eval.ToyData;
import dev.attrprompt.eval.data.Sample;
import dev.attrprompt.eval.text.SparseVector;
import dev.attrprompt.eval.text.TfIdf;
import dev.attrprompt.eval.text.Words;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

class LinearModelTest {
  @Test
  void theTribuoModelWithItsNamedFeaturesPredictsWhatTheLiblinearRowsPredict() {
    List<Sample> train = ToyData.fruitOrVehicle(120, 5, false);
    List<Sample> test = ToyData.fruitOrVehicle(60, 6, false);
    TfIdf.Fitted fitted = TfIdf.fit(train.stream().map(Sample::text).toList(), Words.CLASSIFIER, 2);
    List<SparseVector> xTest = fitted.model().transform(test.stream().map(Sample::text).toList());
    for (LinearModel.Loss loss : LinearModel.Loss.values()) {
      LinearModel model = LinearModel.train(fitted.vectors(), train.stream().map(Sample::label).toList(),
          fitted.model().dimension(), loss, 1, "toy");
      List<String> fast = model.predict(xTest);

      Model<Label> tribuo = model.tribuoModel();
      assertThat(tribuo.getFeatureIDMap().size()).isEqualTo(fitted.model().dimension() + 1);
      List<String> named = new ArrayList<>();
      for (SparseVector v : xTest) {
        ArrayExample<Label> e = new ArrayExample<>(LinearModel.LABELS.getUnknownOutput());
        for (int k = 0; k < v.nonZeros(); k++) {
          e.add(tribuo.getFeatureIDMap().get(v.indices()[k]).getName(), v.values()[k]);
        }
        named.add(tribuo.predict(e).getOutput().getLabel());
      }
      assertThat(fast).as(loss.name()).isEqualTo(named);
      assertThat(fast).as(loss.name()).contains("fresh_fruit", "motor_vehicle");
    }
  }
}
