package dev.attrprompt.eval.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl;
import dev.attrprompt.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX sentence encoder end to end on a model made here: a real ONNX file (a token-embedding
 * lookup whose output is the token states {@code [batch, tokens, dim]}) and a real tokenizer.json
 * (word-level). A real sentence-transformers model cannot be downloaded in this build, so this
 * checks the loading, the batching with padding, the mean pooling under the attention mask and the
 * normalisation, not the quality of any model.
 */
class OnnxEmbedderTest {
  @TempDir Path tmp;

  static final float[][] TABLE = {
      {9, 9, 9},   // [PAD]: must never count
      {0, 0, 1},   // [UNK]
      {1, 0, 0},   // red
      {0, 1, 0},   // green
      {3, 4, 0}};  // blue

  @BeforeAll
  static void keepNativeLibrariesInTarget() {
    System.setProperty("ENGINE_CACHE_DIR", Path.of("target", "djl-cache").toAbsolutePath().toString());
  }

  @Test
  void aFolderWithoutTheFilesIsAUserError() throws IOException {
    assertThatThrownBy(() -> Embedders.parse("onnx:" + tmp.resolve("nowhere"))).isInstanceOf(UserError.class)
        .hasMessageContaining("no such folder");
    Files.writeString(tmp.resolve("model.onnx"), "not a model");
    assertThatThrownBy(() -> OnnxEmbedder.open(tmp)).isInstanceOf(UserError.class)
        .hasMessage(tmp + ": missing tokenizer.json; --embeddings onnx:DIR needs a folder with model.onnx and "
            + "tokenizer.json (e.g. a sentence-transformers model exported to ONNX)");
    Files.writeString(tmp.resolve("tokenizer.json"), tokenizerJson());
    assertThatThrownBy(() -> OnnxEmbedder.open(tmp)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(tmp.resolve("model.onnx") + ": cannot load the ONNX model");
  }

  @Test
  void meanPoolsTokenStatesUnderTheMaskAndNormalises() throws IOException {
    Files.write(tmp.resolve("model.onnx"), lookupModel().toByteArray());
    Files.writeString(tmp.resolve("tokenizer.json"), tokenizerJson());
    try (OnnxEmbedder e = OnnxEmbedder.open(tmp)) {
      assertThat(e.id()).isEqualTo("onnx:" + tmp);
      assertThat(e.sentenceEmbeddings()).isTrue();
      Vectors.Dense v = (Vectors.Dense) e.embed(List.of("red green", "Blue", "red purple"));
      assertThat(v.dimension()).isEqualTo(3);
      // (red + green) / 2 = (0.5, 0.5, 0) -> unit
      assertThat(v.rows()[0]).containsExactly(new float[] {(float) Math.sqrt(0.5), (float) Math.sqrt(0.5), 0},
          within(1e-6f));
      // "blue" is padded to two tokens in this batch; the pad row (9, 9, 9) must not count
      assertThat(v.rows()[1]).containsExactly(new float[] {0.6f, 0.8f, 0}, within(1e-6f));
      // unknown word -> [UNK]: (red + unk) / 2 = (0.5, 0, 0.5)
      assertThat(v.rows()[2]).containsExactly(new float[] {(float) Math.sqrt(0.5), 0, (float) Math.sqrt(0.5)},
          within(1e-6f));
    }
  }

  @Test
  void aFolderThatDeclaresClsPoolingGetsTheFirstTokensState() throws IOException {
    Files.write(tmp.resolve("model.onnx"), lookupModel().toByteArray());
    Files.writeString(tmp.resolve("tokenizer.json"), tokenizerJson());
    Files.createDirectories(tmp.resolve("1_Pooling"));
    Files.writeString(tmp.resolve("1_Pooling").resolve("config.json"),
        "{\"word_embedding_dimension\": 3, \"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false}");
    try (OnnxEmbedder e = OnnxEmbedder.open(tmp)) {
      Vectors.Dense v = (Vectors.Dense) e.embed(List.of("green red", "blue"));
      assertThat(v.rows()[0]).containsExactly(new float[] {0, 1, 0}, within(1e-6f));
      assertThat(v.rows()[1]).containsExactly(new float[] {0.6f, 0.8f, 0}, within(1e-6f));
    }
    Files.writeString(tmp.resolve("1_Pooling").resolve("config.json"),
        "{\"pooling_mode_cls_token\": false, \"pooling_mode_mean_tokens\": true}");
    try (OnnxEmbedder e = OnnxEmbedder.open(tmp)) {
      assertThat(((Vectors.Dense) e.embed(List.of("green red"))).rows()[0])
          .containsExactly(new float[] {(float) Math.sqrt(0.5), (float) Math.sqrt(0.5), 0}, within(1e-6f));
    }
    Files.writeString(tmp.resolve("1_Pooling").resolve("config.json"), "{not json");
    assertThatThrownBy(() -> OnnxEmbedder.open(tmp)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(tmp.resolve("1_Pooling").resolve("config.json") + ": cannot read the pooling configuration");
  }

  @Test
  void meanPoolingIgnoresMaskedTokens() {
    float[][][] states = {{{1, 2}, {3, 4}, {100, 100}}};
    long[][] mask = {{1, 1, 0}};
    assertThat(OnnxEmbedder.meanPool(states, mask)[0]).containsExactly(2f, 3f);
  }

  static String tokenizerJson() {
    return """
        {"version": "1.0", "truncation": null, "padding": null,
         "added_tokens": [
           {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
           {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
         "normalizer": {"type": "Lowercase"},
         "pre_tokenizer": {"type": "Whitespace"},
         "post_processor": null, "decoder": null,
         "model": {"type": "WordLevel", "vocab": {"[PAD]": 0, "[UNK]": 1, "red": 2, "green": 3, "blue": 4},
                   "unk_token": "[UNK]"}}
        """;
  }

  /** A graph with inputs input_ids and attention_mask: last_hidden_state = Gather(TABLE, input_ids). */
  static OnnxMl.ModelProto lookupModel() {
    OnnxMl.TensorProto.Builder table = OnnxMl.TensorProto.newBuilder().setName("table")
        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addDims(TABLE.length).addDims(TABLE[0].length);
    for (float[] row : TABLE) {
      for (float x : row) {
        table.addFloatData(x);
      }
    }
    OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("lookup")
        .addInitializer(table)
        .addInput(value("input_ids", OnnxMl.TensorProto.DataType.INT64, "batch", "tokens"))
        .addInput(value("attention_mask", OnnxMl.TensorProto.DataType.INT64, "batch", "tokens"))
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Gather").setName("embed")
            .addInput("table").addInput("input_ids").addOutput("last_hidden_state")
            .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis").setI(0)
                .setType(OnnxMl.AttributeProto.AttributeType.INT)))
        .addOutput(value("last_hidden_state", OnnxMl.TensorProto.DataType.FLOAT, "batch", "tokens", "3"))
        .build();
    return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("attrprompt-test")
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(graph).build();
  }

  private static OnnxMl.ValueInfoProto value(String name, OnnxMl.TensorProto.DataType type, String... dims) {
    OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
    for (String d : dims) {
      OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
      if (d.chars().allMatch(Character::isDigit)) {
        dim.setDimValue(Long.parseLong(d));
      } else {
        dim.setDimParam(d);
      }
      shape.addDim(dim);
    }
    return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
  }
}
