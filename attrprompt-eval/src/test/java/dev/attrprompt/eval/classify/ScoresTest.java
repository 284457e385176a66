package dev.attrprompt.eval.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoresTest {
  @Test
  void multiClassHandChecked() {
    List<String> gold = List.of("a", "a", "a", "b", "b", "c");
    List<String> pred = List.of("a", "a", "b", "b", "c", "c");
    Scores.MultiClass s = Scores.MultiClass.of(gold, pred);
    assertThat(s.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
    // a: P 2/2 R 2/3 F 0.8; b: P 1/2 R 1/2 F 0.5; c: P 1/2 R 1/1 F 2/3
    assertThat(s.perLabel().get("a")).isEqualTo(new LabelScore(1.0, 2 / 3.0, 0.8, 3));
    assertThat(s.perLabel().get("b").f1()).isCloseTo(0.5, within(1e-12));
    assertThat(s.perLabel().get("c").f1()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(s.macroF1()).isCloseTo((0.8 + 0.5 + 2 / 3.0) / 3, within(1e-12));
    assertThat(s.confusion().get("a")).containsEntry("a", 2L).containsEntry("b", 1L).containsEntry("c", 0L);
    assertThat(s.confusion().get("b")).containsEntry("b", 1L).containsEntry("c", 1L);
  }

  @Test
  void aLabelNeverPredictedCountsWithF1Zero() {
    Scores.MultiClass s = Scores.MultiClass.of(List.of("a", "b"), List.of("a", "a"));
    assertThat(s.perLabel().get("b")).isEqualTo(new LabelScore(0, 0, 0, 1));
    // a: P 1/2 R 1 F 2/3; b: 0
    assertThat(s.macroF1()).isCloseTo(1 / 3.0, within(1e-12));
  }

  @Test
  void multiLabelMicroAndMacroHandChecked() {
    List<Set<String>> gold = List.of(Set.of("x", "y"), Set.of("x"), Set.of("z"), Set.of());
    List<Set<String>> pred = List.of(Set.of("x"), Set.of("x", "z"), Set.of("z"), Set.of("y"));
    Scores.MultiLabel s = Scores.MultiLabel.of(gold, pred);
    // x: tp 2, pred 2, gold 2 -> F 1; y: tp 0, pred 1, gold 1 -> F 0; z: tp 1, pred 2, gold 1 -> P 1/2 R 1 F 2/3
    assertThat(s.perLabel().get("x").f1()).isEqualTo(1.0);
    assertThat(s.perLabel().get("y").f1()).isZero();
    assertThat(s.perLabel().get("z").f1()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(s.macroF1()).isCloseTo((1 + 0 + 2 / 3.0) / 3, within(1e-12));
    // micro: tp 3, predicted 5, gold 4 -> P 3/5, R 3/4, F = 2PR/(P+R) = 2/3
    assertThat(s.microF1()).isCloseTo(2 * 0.6 * 0.75 / 1.35, within(1e-12));
    // only the third text's set is exactly right
    assertThat(s.accuracy()).isEqualTo(0.25);
  }
}
