package dev.attrprompt.eval.embed;

import java.util.List;

/**
 * Turns texts into unit vectors. Called once with every text a report compares, so that all
 * datasets share one space (for TF-IDF: one vocabulary and one IDF).
 */
public interface Embedder extends AutoCloseable {
  /** What made the vectors, for reports: {@code tfidf}, {@code onnx:<folder>}, {@code api:<model>}. */
  String id();

  Vectors embed(List<String> texts);

  /** Whether the vectors are sentence embeddings (and not TF-IDF word weights). */
  boolean sentenceEmbeddings();

  @Override
  default void close() {}

  /** Embeds {@code texts} in batches of {@code size} through {@code batch}, keeping their order. */
  static float[][] inBatches(List<String> texts, int size, java.util.function.Function<List<String>, float[][]> batch) {
    float[][] rows = new float[texts.size()][];
    for (int from = 0; from < texts.size(); from += size) {
      float[][] got = batch.apply(texts.subList(from, Math.min(texts.size(), from + size)));
      System.arraycopy(got, 0, rows, from, got.length);
    }
    return rows;
  }
}
