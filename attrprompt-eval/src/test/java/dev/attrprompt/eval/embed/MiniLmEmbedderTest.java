package dev.attrprompt.eval.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled all-MiniLM-L6-v2, read by our ONNX embedder from the resources of the langchain4j
 * model jar: its vectors against those of langchain4j's own embedder for the same model (a
 * test-scoped dependency, the reference), and the behaviour a sentence encoder must have.
 */
class MiniLmEmbedderTest {
  static OnnxEmbedder minilm;

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
    minilm = (OnnxEmbedder) Embedders.parse("minilm");
  }

  @AfterAll
  static void close() {
    minilm.close();
  }

  @Test
  void gives384DimensionalUnitVectorsNamedMinilm() {
    Vectors.Dense v = (Vectors.Dense) minilm.embed(TEXTS.subList(0, 5));
    assertThat(minilm.id()).isEqualTo("minilm");
    assertThat(minilm.sentenceEmbeddings()).isTrue();
    assertThat(v.dimension()).isEqualTo(384);
    for (int i = 0; i < v.size(); i++) {
      assertThat(v.squaredNorm(i)).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void matchesLangchain4jsOwnEmbedderForTheSameModel() {
    var reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
    Vectors.Dense ours = (Vectors.Dense) minilm.embed(TEXTS.subList(0, 5));
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

  @Test
  void paraphrasesAreCloseAndUnrelatedTextsAreFar() {
    Vectors v = minilm.embed(List.of(
        "A man is eating food.", "A man is eating a piece of bread.",
        "The cat sat on the mat.", "A cat was sitting on a rug.",
        "How do I reset my password?", "I forgot my password and cannot log in.",
        "Quarterly earnings beat analysts' expectations."));
    assertThat(v.dot(0, 1)).isGreaterThan(0.7);
    assertThat(v.dot(2, 3)).isGreaterThan(0.6);
    assertThat(v.dot(4, 5)).isGreaterThan(0.6);
    for (int unrelated : new int[] {0, 2, 4}) {
      assertThat(v.dot(unrelated, 6)).isLessThan(0.2);
    }
    assertThat(v.dot(0, 2)).isLessThan(0.3);
  }

  @Test
  void batchesOfMixedLengthsKeepEachTextsVector() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      many.add(TEXTS.get(i % TEXTS.size()) + " " + "word ".repeat(i % 13));
    }
    Vectors.Dense all = (Vectors.Dense) minilm.embed(many);
    for (int i : new int[] {0, 5, 33, 69}) {
      Vectors.Dense alone = (Vectors.Dense) minilm.embed(List.of(many.get(i)));
      for (int k = 0; k < 384; k++) {
        assertThat(all.rows()[i][k]).isCloseTo(alone.rows()[0][k], within(1e-4f));
      }
    }
  }
}
