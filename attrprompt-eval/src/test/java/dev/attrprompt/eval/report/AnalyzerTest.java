package dev.attrprompt.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Sample;
import dev.attrprompt.eval.embed.TfIdfEmbedder;
import dev.attrprompt.eval.metrics.Continent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
  private final Dataset data = Dataset.of("gen.jsonl", List.of(
      Sample.of("Stocks fell in Tokyo and London", "business"),
      Sample.of("Stocks fell in Tokyo and London", "business"),
      Sample.of("Profits rose at a Kenyan bank", "business"),
      Sample.of("The team won the cup in Brazil", "sports"),
      Sample.of("A late goal won the match", "sports")), false);

  @Test
  void measuresTheWholeAndEachLabel() {
    DatasetAnalysis a = Analyzer.analyze(List.of(data), Analyzer.Options.defaults(new TfIdfEmbedder())).get(0);
    assertThat(a.all().size()).isEqualTo(5);
    assertThat(a.all().length().mean()).isCloseTo((6 + 6 + 6 + 7 + 6) / 5.0, within(1e-12));
    assertThat(a.all().duplicates().exact()).isEqualTo(0.2);
    assertThat(a.labels()).containsOnlyKeys("business", "sports");
    assertThat(a.labels().get("business").size()).isEqualTo(3);
    assertThat(a.labels().get("business").duplicates().exact()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(a.labels().get("sports").duplicates().exact()).isZero();
    // business: the identical pair has cosine 1, the third text shares no word with them
    assertThat(a.labels().get("business").apsIntra().getAsDouble()).isCloseTo(1 / 3.0, within(1e-6));
    // sports: one pair sharing "the" and "won"
    assertThat(a.labels().get("sports").apsIntra().getAsDouble()).isBetween(0.1, 0.9);
    assertThat(a.regions().continents()).containsEntry(Continent.ASIA, 2L).containsEntry(Continent.EUROPE, 2L)
        .containsEntry(Continent.AFRICA, 1L).containsEntry(Continent.SOUTH_AMERICA, 1L);
    assertThat(a.labelRegions().get("sports").mentions()).isEqualTo(1);
  }

  @Test
  void datasetsShareOneVectorSpace() {
    Dataset copy = Dataset.of("copy.jsonl", data.samples(), false);
    List<DatasetAnalysis> both = Analyzer.analyze(List.of(data, copy), Analyzer.Options.defaults(new TfIdfEmbedder()));
    assertThat(both.get(1).all().apsIntra()).isEqualTo(both.get(0).all().apsIntra());
    assertThat(both.get(1).all().apsInter()).isEqualTo(both.get(0).all().apsInter());
  }

  @Test
  void jsonHasTheDocumentedKeys() {
    DatasetMeasure coverage = new DatasetMeasure() {
      @Override
      public String name() {
        return "attribute_coverage";
      }

      @Override
      public Optional<Map<String, Object>> measure(Dataset d) {
        return Optional.of(Map.of("dimensions", 0));
      }
    };
    Analyzer.Options options = new Analyzer.Options(new TfIdfEmbedder(), 0.8, 500, 42, List.of(coverage));
    Map<String, Object> json = AnalysisReport.json(Analyzer.analyze(List.of(data), options).get(0));
    assertThat(json).containsKeys("size", "vocabulary", "distinct_1", "distinct_2", "distinct_3", "aps_intra",
        "aps_inter", "self_bleu", "duplicate_rate", "exact_duplicate_rate", "length", "labels", "regions",
        "embeddings", "attribute_coverage");
    assertThat(json.get("size")).isEqualTo(5);
    assertThat(json.get("duplicate_rate")).isEqualTo(0.2);
    @SuppressWarnings("unchecked")
    Map<String, Object> regions = (Map<String, Object>) json.get("regions");
    assertThat(regions).containsKeys("continents", "normalised_entropy", "kl_to_uniform", "top_places");
    assertThat(regions.get("mentions")).isEqualTo(6L);

    StringWriter text = new StringWriter();
    AnalysisReport.text(new PrintWriter(text), Analyzer.analyze(List.of(data), options), List.of("gen.jsonl"));
    assertThat(text.toString()).contains("APS within labels").contains("business").contains("places most named: ");
  }
}
