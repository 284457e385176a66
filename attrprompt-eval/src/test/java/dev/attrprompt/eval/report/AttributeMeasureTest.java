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

  /** Texts written as an LLM writes them: places as adjectives, demonyms, cities and possessives. */
  @Test
  @SuppressWarnings("unchecked")
  void locationAdherenceCountsDemonymsCitiesAndPossessives() {
    Dataset d = Dataset.of("llm", List.of(
        s("The Nigerian startup raised $4 million to expand its payment service.", "10", "Nigeria"),
        s("Commuters in Lagos waited hours as fuel queues stretched for miles.", "10", "Nigeria"),
        s("Seoul's council approved a plan to cut rush-hour traffic by a fifth.", "10", "South Korea"),
        s("Kenyan runners swept the podium again on Sunday morning.", "10", "Kenya"),
        s("Fans crowded the Maracanã as the Brazilian side came back to win.", "10", "Brazil"),
        s("A heatwave hit the capital; Nairobi schools closed early.", "10", "Kenya"),
        s("Farmers across the region face a second year of drought.", "10", "Ethiopia"),
        s("The Japanese carmaker posted record profits this quarter.", "10", "Nigeria"),
        s("Parisian cafés reopened their terraces in the spring sunshine.", "10", "France"),
        s("Exporters from Ghana and Côte d'Ivoire met in Accra this week.", "10", "Africa")), false);
    Map<String, Object> adherence = (Map<String, Object>) new AttributeMeasure().measure(d).orElseThrow().get("adherence");
    // all but the drought text (no place) and the Japanese carmaker (another country) name their place;
    // "Parisian" is not in the gazetteer, so that one counts only if Paris or France is named: it is not
    assertThat((double) adherence.get("location_mentioned")).isCloseTo(0.7, within(1e-12));
  }

  @Test
  void aCityIsNamedOnlyByItselfAndAnUnknownValueOnlyVerbatim() {
    var g = dev.attrprompt.eval.metrics.Gazetteer.standard();
    assertThat(g.names("Life in Lagos's busy markets", "Lagos")).isTrue();
    assertThat(g.names("Nigerian markets are busy", "Lagos")).isFalse();
    assertThat(g.names("Nigerian markets are busy", "Nigeria")).isTrue();
    assertThat(g.names("a night in South Korea\u2019s capital, Seoul\u2019s nightlife", "South Korea")).isTrue();
    assertThat(g.names("a trip across the Korean peninsula", "Japan")).isFalse();
    assertThat(g.names("from a small village near Tromsø", "a small village near Tromsø")).isTrue();
    assertThat(g.names("from a small village", "a small village near Tromsø")).isFalse();
    assertThat(g.names("anything", " ")).isFalse();
  }
}
