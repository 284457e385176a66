package dev.attrprompt.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeMeasureTest {

  private static Sample s(String text, String length, String location) {
    return new Sample(text, List.of("news"), Map.of("length", length, "location", location));
  }

  @Test
  @SuppressWarnings("unchecked")
  void coverageCountsValuesAndAdherenceChecksLengthAndLocation() {
    String thirty = "word ".repeat(35).strip();
    Dataset d = Dataset.of("toy", List.of(
        s(thirty + " in Kenya", "30", "Kenya"),        // 37 words: in [30, 80]; names Kenya
        s("short text from Peru", "30", "Peru"),        // 4 words: out of range; names Peru
        s(thirty, "100", "Kenya"),                      // 35 words: out of [100, 150]; no Kenya
        s(thirty + " " + thirty + " " + thirty, "100", "Japan")), false); // 105 words: in range
    Map<String, Object> m = new AttributeMeasure().measure(d).orElseThrow();

    assertThat(m.get("samples_with_attributes")).isEqualTo(4);
    Map<String, Object> location = (Map<String, Object>) ((Map<String, Object>) m.get("coverage")).get("location");
    assertThat(location.get("values")).isEqualTo(3);
    assertThat((Map<String, Integer>) location.get("counts")).containsExactly(
        Map.entry("Kenya", 2), Map.entry("Japan", 1), Map.entry("Peru", 1));
    double h = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25)) / Math.log(3);
    assertThat((double) location.get("normalised_entropy")).isCloseTo(h, within(1e-12));
    Map<String, Object> adherence = (Map<String, Object>) m.get("adherence");
    assertThat((double) adherence.get("length_in_range")).isEqualTo(0.5);
    assertThat((double) adherence.get("location_mentioned")).isEqualTo(0.5);
  }

  @Test
  void plainLabeledDataHasNoAttributeMeasures() {
    Dataset d = Dataset.of("plain", List.of(new Sample("a text", List.of("x"), Map.of())), false);
    assertThat(new AttributeMeasure().measure(d)).isEmpty();
  }
}
