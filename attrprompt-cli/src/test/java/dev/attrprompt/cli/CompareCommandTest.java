package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

    // both probes side by side, the embedding probe named as the paper's
    assertThat(j.get("classifiers")).extracting(JsonNode::asText).containsExactly("tfidf-lr", "embed-lr");
    assertThat(j.get("paper_probe").asText()).isEqualTo("embed-lr");
    assertThat(j.get("probe_embeddings").asText()).isEqualTo("minilm");
    JsonNode probes = rows.get(1).get("probes");
    assertThat(probes.get("tfidf-lr").get("macro_f1").asDouble()).isEqualTo(rows.get(1).get("macro_f1").asDouble());
    assertThat(probes.get("tfidf-lr").get("paper_protocol").asBoolean()).isFalse();
    assertThat(probes.get("embed-lr").get("paper_protocol").asBoolean()).isTrue();
    assertThat(probes.get("embed-lr").get("features").asText()).contains("minilm");
    assertThat(probes.get("embed-lr").get("macro_f1").asDouble()).isGreaterThan(0.9);
    assertThat(rows.get(1).get("vs_first").get("probes").get("embed-lr").get("macro_f1").asDouble()).isCloseTo(
        probes.get("embed-lr").get("macro_f1").asDouble()
            - rows.get(0).get("probes").get("embed-lr").get("macro_f1").asDouble(),
        org.assertj.core.api.Assertions.within(1e-5));
    assertThat(rows.get(0).has("curve")).isFalse();

    CliTest.Result text = EvalCli.run(new CompareCommand(), small.toString(), large.toString(), "--test", test.toString());
    assertThat(text.out()).contains("attrprompt.jsonl vs simprompt.jsonl").contains("+60")
        .contains("tfidf-lr F1").contains("embed-lr F1")
        .contains("embed-lr: sentence embeddings (minilm); the probe of the paper's protocol");
  }

  @Test
  void theCurvesWholeDatasetPointEqualsPlainEvaluate() throws IOException {
    Path train = noisyToy(tmp.resolve("gen.jsonl"), 120, 4);
    Path test = noisyToy(tmp.resolve("real.jsonl"), 80, 5);
    CliTest.Result r = EvalCli.run(new CompareCommand(), train.toString(), "--test", test.toString(),
        "--classifier", "tfidf-lr,tfidf-svm", "--curve", "0.25,0.5,1", "--curve-draws", "3", "--json");
    assertThat(r.err()).isEmpty();
    JsonNode curve = JSON.readTree(r.out()).get("rows").get(0).get("curve");
    assertThat(curve).hasSize(3);
    assertThat(curve.get(0).get("at").asText()).isEqualTo("0.25");
    assertThat(curve.get(0).get("samples").asDouble()).isEqualTo(30);
    assertThat(curve.get(0).get("cost_usd").isNull()).isTrue(); // JSONL records no cost
    assertThat(curve.get(0).get("macro_f1").get("tfidf-lr").get("draws").asInt()).isEqualTo(3);
    JsonNode whole = curve.get(2);
    assertThat(whole.get("samples").asDouble()).isEqualTo(120);
    for (String c : new String[] {"tfidf-lr", "tfidf-svm"}) {
      CliTest.Result plain = EvalCli.run(new EvaluateCommand(), "--train", train.toString(), "--test", test.toString(),
          "--classifier", c, "--json");
      double f1 = JSON.readTree(plain.out()).get("macro_f1").asDouble();
      assertThat(f1).isLessThan(0.99);
      assertThat(whole.get("macro_f1").get(c).get("mean").asDouble()).as(c).isEqualTo(f1);
      assertThat(whole.get("macro_f1").get(c).get("spread").asDouble()).isZero();
    }
    CliTest.Result text = EvalCli.run(new CompareCommand(), train.toString(), "--test", test.toString(),
        "--classifier", "tfidf-lr", "--curve", "10,30");
    assertThat(text.out()).contains("data efficiency of gen.jsonl").contains("10/label").contains("30/label")
        .contains("cost: unknown (a file records no cost; run folders do)");
    CliTest.Result bad = EvalCli.run(new CompareCommand(), train.toString(), "--test", test.toString(),
        "--curve", "0.5,20");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--curve mixes fractions and counts");
  }

  /** Toy texts with every fifth label swapped, so that scores fall short of 1. */
  static Path noisyToy(Path file, int n, long seed) throws IOException {
    EvaluateCommandTest.toy(file, n, seed, "fruit", "vehicle");
    List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(file));
    for (int i = 0; i < lines.size(); i += 5) {
      String l = lines.get(i);
      lines.set(i, l.contains("\"fruit\"") ? l.replace("\"fruit\"", "\"vehicle\"") : l.replace("\"vehicle\"", "\"fruit\""));
    }
    java.nio.file.Files.write(file, lines);
    return file;
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
