package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** evaluate and compare on real SST-2 from ../shared/data. */
class EvaluateCommandSharedDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path sst2(String file) {
    String configured = System.getProperty("attrprompt.shared.data");
    Path p = (configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data")).resolve("sst2").resolve(file);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("the shared real data is missing: expected " + p.toAbsolutePath()
          + " (../shared/data beside the repository); this test reads real data");
    }
    return p;
  }

  @Test
  void sst2TrainToDev() throws IOException {
    CliTest.Result r = EvalCli.run(new EvaluateCommand(), "--train", sst2("train.jsonl").toString(), "--test",
        sst2("dev.jsonl").toString(), "--json");
    assertThat(r.code()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("test_size").asInt()).isEqualTo(872);
    // scikit-learn's LogisticRegression on the same TF-IDF features: accuracy 0.7844
    assertThat(j.get("accuracy").asDouble()).isBetween(0.77, 0.80);
    assertThat(j.get("per_label").fieldNames()).toIterable().containsExactly("negative", "positive");
  }

  @Test
  void compareRanksTrainingSetsOnSst2() throws IOException {
    CliTest.Result r = EvalCli.run(new CompareCommand(), sst2("train.jsonl").toString(), sst2("test.jsonl").toString(),
        "--test", sst2("dev.jsonl").toString(), "--json");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("rows")).hasSize(2);
    JsonNode first = j.get("rows").get(0);
    JsonNode second = j.get("rows").get(1);
    assertThat(first.get("name").asText()).isEqualTo("train.jsonl");
    assertThat(first.get("size").asInt()).isEqualTo(6920);
    assertThat(first.get("method").isNull()).isTrue();
    assertThat(first.get("cost_usd").isNull()).isTrue();
    assertThat(first.has("vs_first")).isFalse();
    assertThat(second.get("size").asInt()).isEqualTo(1821);
    // fewer training texts, lower accuracy; the difference is the second minus the first
    assertThat(second.get("accuracy").asDouble()).isLessThan(first.get("accuracy").asDouble());
    assertThat(second.get("vs_first").get("size").asInt()).isEqualTo(1821 - 6920);
    assertThat(second.get("vs_first").get("accuracy").asDouble()).isCloseTo(
        second.get("accuracy").asDouble() - first.get("accuracy").asDouble(), org.assertj.core.api.Assertions.within(1e-5));
    for (String key : new String[] {"vocabulary", "aps_intra", "aps_inter", "region_entropy", "macro_f1"}) {
      assertThat(first.has(key)).as(key).isTrue();
    }
  }
}
