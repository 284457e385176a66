package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  @TempDir Path tmp;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void oneRowPerDatasetWithDifferencesAgainstTheFirst() throws IOException {
    Path small = EvaluateCommandTest.toy(tmp.resolve("simprompt.jsonl"), 20, 1, "fruit", "vehicle");
    Path large = EvaluateCommandTest.toy(tmp.resolve("attrprompt.jsonl"), 80, 2, "fruit", "vehicle");
    Path test = EvaluateCommandTest.toy(tmp.resolve("real.jsonl"), 40, 3, "fruit", "vehicle");
    CliTest.Result r = EvalCli.run(new CompareCommand(), small.toString(), large.toString(), "--test", test.toString(),
        "--json");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("test").asText()).isEqualTo("real.jsonl");
    assertThat(j.get("classifier").asText()).isEqualTo("tfidf-lr");
    JsonNode rows = j.get("rows");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("name").asText()).isEqualTo("simprompt.jsonl");
    assertThat(rows.get(1).get("size").asInt()).isEqualTo(80);
    assertThat(rows.get(1).get("vs_first").get("size").asInt()).isEqualTo(60);
    assertThat(rows.get(1).get("vs_first").get("vocabulary").asInt())
        .isEqualTo(rows.get(1).get("vocabulary").asInt() - rows.get(0).get("vocabulary").asInt());
    assertThat(rows.get(0).get("region_entropy").isNull()).isTrue(); // no place named anywhere
    assertThat(rows.get(1).get("accuracy").asDouble()).isGreaterThan(0.9);
    assertThat(rows.get(1).get("vs_first").get("accuracy").asDouble()).isCloseTo(
        rows.get(1).get("accuracy").asDouble() - rows.get(0).get("accuracy").asDouble(),
        org.assertj.core.api.Assertions.within(1e-5));

    CliTest.Result text = EvalCli.run(new CompareCommand(), small.toString(), large.toString(), "--test", test.toString());
    assertThat(text.out()).contains("attrprompt.jsonl vs simprompt.jsonl").contains("+60");
  }

  @Test
  void needsATestSetAndDatasets() throws IOException {
    Path small = EvaluateCommandTest.toy(tmp.resolve("a.jsonl"), 20, 1, "fruit", "vehicle");
    CliTest.Result noTest = EvalCli.run(new CompareCommand(), small.toString());
    assertThat(noTest.code()).isEqualTo(2);
    assertThat(noTest.err()).contains("Missing required option: '--test=REAL.jsonl'");
    CliTest.Result noData = EvalCli.run(new CompareCommand(), "--test", small.toString());
    assertThat(noData.code()).isEqualTo(2);
    assertThat(noData.err()).contains("Missing required parameter");
  }
}
