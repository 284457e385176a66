package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  @TempDir Path tmp;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fruit or vehicle texts, as JSONL lines; labels written as given. */
  static Path toy(Path file, int n, long seed, String fruit, String vehicle) throws IOException {
    String[] f = {"apple", "banana", "cherry", "mango", "pear"};
    String[] v = {"car", "truck", "bus", "train", "tram"};
    String[] filler = {"the", "a", "nice", "today", "we", "saw"};
    Random rnd = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String[] topic = i % 2 == 0 ? f : v;
      StringBuilder t = new StringBuilder();
      for (int w = 0; w < 6; w++) {
        t.append(rnd.nextInt(3) == 0 ? topic[rnd.nextInt(topic.length)] : filler[rnd.nextInt(filler.length)]).append(' ');
      }
      t.append(topic[rnd.nextInt(topic.length)]);
      lines.add(JSON.writeValueAsString(java.util.Map.of("text", t.toString(), "label", i % 2 == 0 ? fruit : vehicle)));
    }
    Files.write(file, lines);
    return file;
  }

  @Test
  void jsonHasAccuracyMacroF1PerLabelAndConfusion() throws IOException {
    Path train = toy(tmp.resolve("gen.jsonl"), 120, 1, "Fresh Fruit", "Vehicle");
    Path test = toy(tmp.resolve("real.jsonl"), 40, 2, "fresh_fruit", "VEHICLE");
    CliTest.Result r = EvalCli.run(new EvaluateCommand(), "--train", train.toString(), "--test", test.toString(),
        "--classifier", "tfidf-svm", "--json");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("classifier").asText()).isEqualTo("tfidf-svm");
    assertThat(j.get("accuracy").asDouble()).isEqualTo(1.0);
    assertThat(j.get("macro_f1").asDouble()).isEqualTo(1.0);
    assertThat(j.has("micro_f1")).isFalse();
    assertThat(j.get("per_label").fieldNames()).toIterable().containsExactly("fresh_fruit", "vehicle");
    assertThat(j.get("per_label").get("vehicle").get("support").asInt()).isEqualTo(20);
    assertThat(j.get("confusion").get("fresh_fruit").get("fresh_fruit").asInt()).isEqualTo(20);
    assertThat(j.get("train_size").asInt()).isEqualTo(120);
    JsonNode seconds = j.get("seconds");
    assertThat(seconds.fieldNames()).toIterable().containsExactly("load", "vectorise", "train", "predict", "total");
    assertThat(seconds.get("load").asDouble()).isPositive();
    assertThat(seconds.get("total").asDouble()).isCloseTo(seconds.get("load").asDouble()
        + seconds.get("vectorise").asDouble() + seconds.get("train").asDouble() + seconds.get("predict").asDouble(),
        org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void multiLabelJsonHasMicroF1() throws IOException {
    Path train = tmp.resolve("ml.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      String labels = switch (i % 3) {
        case 0 -> "[\"fruit\"]";
        case 1 -> "[\"vehicle\"]";
        default -> "[\"fruit\", \"vehicle\"]";
      };
      String text = switch (i % 3) {
        case 0 -> "we saw an apple";
        case 1 -> "we saw a car";
        default -> "we saw an apple in a car";
      };
      lines.add("{\"text\": \"" + text + "\", \"labels\": " + labels + "}");
    }
    Files.write(train, lines);
    Path test = tmp.resolve("mltest.jsonl");
    Files.writeString(test, """
        {"text": "we saw an apple", "labels": ["fruit"]}
        {"text": "we saw a car", "labels": ["vehicle"]}
        {"text": "an apple in a car", "labels": ["fruit", "vehicle"]}
        """);
    CliTest.Result r = EvalCli.run(new EvaluateCommand(), "--train", train.toString(), "--test", test.toString(), "--json");
    assertThat(r.code()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("multi_label").asBoolean()).isTrue();
    assertThat(j.get("micro_f1").asDouble()).isEqualTo(1.0);
    assertThat(j.get("macro_f1").asDouble()).isEqualTo(1.0);
    assertThat(j.has("confusion")).isFalse();
  }

  @Test
  void aTestLabelTheTrainingDataLacksIsNamed() throws IOException {
    Path train = toy(tmp.resolve("gen.jsonl"), 20, 1, "fruit", "vehicle");
    Path test = tmp.resolve("real.jsonl");
    Files.writeString(test, "{\"text\": \"a rocket\", \"label\": \"Space Travel\"}\n{\"text\": \"an apple\", \"label\": \"fruit\"}\n");
    CliTest.Result r = EvalCli.run(new EvaluateCommand(), "--train", train.toString(), "--test", test.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: " + test + ": test label 'space_travel' does not occur in the training data "
        + train + " (its labels: fruit, vehicle); labels are compared in lower case with _ for spaces");
    assertThat(r.out()).isEmpty();
  }

  /** The paper's probe needs no flag: the bundled MiniLM, offline. */
  @Test
  void embedLrUsesTheBundledMiniLmWithNoFlags() throws IOException {
    Path train = toy(tmp.resolve("gen.jsonl"), 40, 1, "fruit", "vehicle");
    Path test = toy(tmp.resolve("real.jsonl"), 20, 2, "fruit", "vehicle");
    CliTest.Result r = EvalCli.run(new EvaluateCommand(), "--train", train.toString(), "--test", test.toString(),
        "--classifier", "embed-lr", "--json");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("features").asText()).isEqualTo("sentence embeddings (minilm)");
    assertThat(j.get("paper_protocol").asBoolean()).isTrue();
    assertThat(j.get("macro_f1").asDouble()).isGreaterThan(0.9);
    CliTest.Result text = EvalCli.run(new EvaluateCommand(), "--train", train.toString(), "--test", test.toString());
    assertThat(text.out()).contains("the paper's protocol corresponds to --classifier embed-lr");
  }

  @Test
  void usageMistakes() throws IOException {
    Path train = toy(tmp.resolve("gen.jsonl"), 20, 1, "fruit", "vehicle");
    CliTest.Result noTest = EvalCli.run(new EvaluateCommand(), "--train", train.toString());
    assertThat(noTest.code()).isEqualTo(2);
    assertThat(noTest.err()).startsWith("error: Missing required option: '--test=REAL.jsonl'");
    CliTest.Result badKind = EvalCli.run(new EvaluateCommand(), "--train", train.toString(), "--test", train.toString(),
        "--classifier", "bert");
    assertThat(badKind.code()).isEqualTo(2);
    assertThat(badKind.err().strip()).isEqualTo("error: unknown classifier 'bert'; use tfidf-lr, tfidf-svm, embed-lr");
    CliTest.Result probe = EvalCli.run(new EvaluateCommand(), "--train", train.toString(), "--test", train.toString(),
        "--classifier", "embed-lr", "--embeddings", "tfidf");
    assertThat(probe.code()).isEqualTo(2);
    assertThat(probe.err()).contains("embed-lr needs sentence embeddings");
    CliTest.Result stray = EvalCli.run(new EvaluateCommand(), "--train", train.toString(), "--test", train.toString(),
        "--embeddings", "api");
    assertThat(stray.code()).isEqualTo(2);
    assertThat(stray.err()).contains("--embeddings is used by --classifier embed-lr only");
  }

  @Test
  void textReportHasTheTables() throws IOException {
    Path train = toy(tmp.resolve("gen.jsonl"), 60, 1, "fruit", "vehicle");
    CliTest.Result r = EvalCli.run(new EvaluateCommand(), "--train", train.toString(), "--test", train.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("tfidf-lr trained on gen.jsonl (60 texts), tested on gen.jsonl (60 texts)")
        .contains("accuracy 1.0000").contains("macro-F1 1.0000").contains("confusion (rows: gold, columns: predicted)");
  }
}
