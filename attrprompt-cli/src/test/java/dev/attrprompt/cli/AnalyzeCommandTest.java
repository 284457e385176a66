package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
  @TempDir Path tmp;
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path generated(Path dir) throws IOException {
    Path p = dir.resolve("generated.jsonl");
    Files.writeString(p, """
        {"text": "Stocks fell in Tokyo as the yen rose against the dollar", "label": "business"}
        {"text": "Stocks fell in Tokyo as the yen rose against the dollar", "label": "business"}
        {"text": "A Kenyan bank reported higher profits for the quarter", "label": "business"}
        {"text": "The home team won the cup final in Brazil on Sunday", "label": "sports"}
        {"text": "A late goal settled the derby in London", "label": "sports"}
        {"text": "The coach praised his players after the match", "label": "sports"}
        """);
    return p;
  }

  static Path real(Path dir) throws IOException {
    Path p = dir.resolve("real.jsonl");
    Files.writeString(p, """
        {"text": "Oil prices climbed in New York trading", "label": "Business"}
        {"text": "Shares in Paris ended the day lower", "label": "Business"}
        {"text": "The champions lost at home in Madrid", "label": "Sports"}
        {"text": "A record crowd watched the final", "label": "Sports"}
        """);
    return p;
  }

  @Test
  void jsonHasTheMeasuresPerLabelAndTheReferenceSideBySide() throws IOException {
    CliTest.Result r = EvalCli.run(new AnalyzeCommand(), generated(tmp).toString(), "--reference", real(tmp).toString(),
        "--json");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode j = JSON.readTree(r.out());
    for (String key : new String[] {"size", "vocabulary", "distinct_1", "distinct_2", "aps_intra", "aps_inter",
        "self_bleu", "duplicate_rate", "labels", "regions"}) {
      assertThat(j.has(key)).as(key).isTrue();
    }
    assertThat(j.get("size").asInt()).isEqualTo(6);
    assertThat(j.get("duplicate_rate").asDouble()).isCloseTo(1 / 6.0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(j.get("labels").fieldNames()).toIterable().containsExactly("business", "sports");
    assertThat(j.get("labels").get("business").get("size").asInt()).isEqualTo(3);
    // a place counts once per text: Tokyo is in two (identical) texts
    assertThat(j.get("regions").get("continents").get("Asia").get("count").asInt()).isEqualTo(2);
    assertThat(j.get("regions").get("top_places").fieldNames()).toIterable().contains("Tokyo", "Kenya", "Brazil", "London");
    JsonNode ref = j.get("reference");
    assertThat(ref.get("name").asText()).isEqualTo("real.jsonl");
    assertThat(ref.get("size").asInt()).isEqualTo(4);
    assertThat(ref.get("labels").fieldNames()).toIterable().containsExactly("Business", "Sports");
    assertThat(ref.get("embeddings").asText()).isEqualTo("tfidf");
  }

  @Test
  void textShowsBothColumns() throws IOException {
    CliTest.Result r = EvalCli.run(new AnalyzeCommand(), generated(tmp).toString(), "--reference", real(tmp).toString());
    assertThat(r.code()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow()).contains("generated.jsonl").contains("real.jsonl (reference)");
    assertThat(r.out()).contains("APS within labels").contains("generated.jsonl: per label").contains("places most named");
  }

  @Test
  void mistakesAreOneLineWithExitCode2() throws IOException {
    Path data = generated(tmp);
    CliTest.Result missing = EvalCli.run(new AnalyzeCommand(), tmp.resolve("nope.jsonl").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("error: " + tmp.resolve("nope.jsonl") + ": no such file");
    CliTest.Result badEmbeddings = EvalCli.run(new AnalyzeCommand(), data.toString(), "--embeddings", "bert");
    assertThat(badEmbeddings.code()).isEqualTo(2);
    assertThat(badEmbeddings.err()).startsWith("error: --embeddings takes tfidf, minilm (the bundled all-MiniLM-L6-v2), bge-small (the bundled "
        + "bge-small-en-v1.5), onnx:DIR");
    CliTest.Result noModel = EvalCli.run(new AnalyzeCommand(), data.toString(), "--embeddings", "onnx:" + tmp);
    assertThat(noModel.code()).isEqualTo(2);
    assertThat(noModel.err().strip()).isEqualTo("error: " + tmp + ": missing model.onnx and tokenizer.json; "
        + "--embeddings onnx:DIR needs a folder with model.onnx and tokenizer.json (e.g. a sentence-transformers model exported to ONNX)");
    CliTest.Result threshold = EvalCli.run(new AnalyzeCommand(), data.toString(), "--near-duplicate", "1.5");
    assertThat(threshold.code()).isEqualTo(2);
    assertThat(threshold.err().strip()).isEqualTo("error: --near-duplicate must be a Jaccard similarity in (0, 1], not 1.5");
    Path bad = tmp.resolve("bad.jsonl");
    Files.writeString(bad, "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\"}\n");
    CliTest.Result badLine = EvalCli.run(new AnalyzeCommand(), bad.toString());
    assertThat(badLine.code()).isEqualTo(2);
    assertThat(badLine.err().lines()).hasSize(1);
    assertThat(badLine.err()).contains(bad + ":2:1: missing \"label\"");
    assertThat(badLine.out()).isEmpty();
  }
}
