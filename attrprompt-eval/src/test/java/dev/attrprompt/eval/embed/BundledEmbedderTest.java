package dev.attrprompt.eval.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bundled encoders (all-MiniLM-L6-v2 and bge-small-en-v1.5), read by our ONNX embedder from
 * the resources of the langchain4j model jars: their vectors against those of langchain4j's own
 * embedder for the same model (a test-scoped dependency, the reference; it pools as the model was
 * trained, so this also checks our pooling), and the behaviour a sentence encoder must have.
 */
class BundledEmbedderTest {
  static final Map<OnnxEmbedder.Bundled, OnnxEmbedder> OPEN = new EnumMap<>(OnnxEmbedder.Bundled.class);
  static final Map<OnnxEmbedder.Bundled, Supplier<EmbeddingModel>> REFERENCE = Map.of(
      OnnxEmbedder.Bundled.MINILM, AllMiniLmL6V2QuantizedEmbeddingModel::new,
      OnnxEmbedder.Bundled.BGE_SMALL, BgeSmallEnV15QuantizedEmbeddingModel::new);

  static final List<String> TEXTS = List.of(
      "A man is eating food.",
      "A man is eating a piece of bread.",
      "The new movie is awesome.",
      "The stock market fell sharply on fears of higher interest rates, dragging bank shares down.",
      "Nigerian striker scores twice as Lagos side wins the league",
      "");

  @BeforeAll
  static void open() {
    System.setProperty("ENGINE_CACHE_DIR", Path.of("target", "djl-cache").toAbsolutePath().toString());
    for (OnnxEmbedder.Bundled b : OnnxEmbedder.Bundled.values()) {
      OPEN.put(b, (OnnxEmbedder) Embedders.parse(b.id()));
    }
  }

  @AfterAll
  static void close() {
    OPEN.values().forEach(OnnxEmbedder::close);
  }

  @ParameterizedTest
  @EnumSource(OnnxEmbedder.Bundled.class)
  void gives384DimensionalUnitVectorsNamedAsChosen(OnnxEmbedder.Bundled which) {
    OnnxEmbedder encoder = OPEN.get(which);
    Vectors.Dense v = (Vectors.Dense) encoder.embed(TEXTS.subList(0, 5));
    assertThat(encoder.id()).isEqualTo(which.id());
    assertThat(encoder.sentenceEmbeddings()).isTrue();
    assertThat(v.dimension()).isEqualTo(384);
    for (int i = 0; i < v.size(); i++) {
      assertThat(v.squaredNorm(i)).isCloseTo(1.0, within(1e-5));
    }
  }

  @ParameterizedTest
  @EnumSource(OnnxEmbedder.Bundled.class)
  void matchesLangchain4jsOwnEmbedderForTheSameModel(OnnxEmbedder.Bundled which) {
    EmbeddingModel reference = REFERENCE.get(which).get();
    Vectors.Dense ours = (Vectors.Dense) OPEN.get(which).embed(TEXTS.subList(0, 5));
    for (int i = 0; i < 5; i++) {
      float[] theirs = reference.embed(TEXTS.get(i)).content().vector();
      assertThat(theirs).hasSize(384);
      double dot = 0;
      double norm = 0;
      for (int k = 0; k < 384; k++) {
        dot += ours.rows()[i][k] * theirs[k];
        norm += theirs[k] * theirs[k];
      }
      assertThat(dot / Math.sqrt(norm)).as(TEXTS.get(i)).isGreaterThan(0.9999);
      for (int k = 0; k < 8; k++) {
        assertThat(ours.rows()[i][k]).as(TEXTS.get(i) + " [" + k + "]").isCloseTo(theirs[k], within(2e-4f));
      }
    }
  }

  /** The cosines a paraphrase must pass and an unrelated pair stay under, per model (bge's are all higher). */
  static final Map<OnnxEmbedder.Bundled, double[]> BARS = Map.of(
      OnnxEmbedder.Bundled.MINILM, new double[] {0.7, 0.6, 0.2, 0.3},
      OnnxEmbedder.Bundled.BGE_SMALL, new double[] {0.8, 0.75, 0.55, 0.6});

  @ParameterizedTest
  @EnumSource(OnnxEmbedder.Bundled.class)
  void paraphrasesAreCloseAndUnrelatedTextsAreFar(OnnxEmbedder.Bundled which) {
    double[] bar = BARS.get(which);
    Vectors v = OPEN.get(which).embed(List.of(
        "A man is eating food.", "A man is eating a piece of bread.",
        "The cat sat on the mat.", "A cat was sitting on a rug.",
        "How do I reset my password?", "I forgot my password and cannot log in.",
        "Quarterly earnings beat analysts' expectations."));
    assertThat(v.dot(0, 1)).isGreaterThan(bar[0]);
    assertThat(v.dot(2, 3)).isGreaterThan(bar[1]);
    assertThat(v.dot(4, 5)).isGreaterThan(bar[1]);
    for (int unrelated : new int[] {0, 2, 4}) {
      assertThat(v.dot(unrelated, 6)).isLessThan(bar[2]);
      assertThat(v.dot(unrelated, 6)).isLessThan(Math.min(v.dot(0, 1), v.dot(4, 5)) - 0.15);
    }
    assertThat(v.dot(0, 2)).isLessThan(bar[3]);
  }

  @ParameterizedTest
  @EnumSource(OnnxEmbedder.Bundled.class)
  void batchesOfMixedLengthsKeepEachTextsVector(OnnxEmbedder.Bundled which) {
    OnnxEmbedder encoder = OPEN.get(which);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      many.add(TEXTS.get(i % TEXTS.size()) + " " + "word ".repeat(i % 13));
    }
    Vectors.Dense all = (Vectors.Dense) encoder.embed(many);
    for (int i : new int[] {0, 5, 33, 69}) {
      Vectors.Dense alone = (Vectors.Dense) encoder.embed(List.of(many.get(i)));
      for (int k = 0; k < 384; k++) {
        assertThat(all.rows()[i][k]).isCloseTo(alone.rows()[0][k], within(1e-4f));
      }
    }
  }
}
