package dev.attrprompt.eval.classify;

import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Vectors;
import dev.attrprompt.eval.text.SparseVector;
import dev.attrprompt.eval.text.TfIdf;
import dev.attrprompt.eval.text.Words;
import java.util.ArrayList;
import java.util.List;

/** Turns texts into feature vectors: fitted on the training texts, then applied to others. */
public sealed interface Featurizer {
  /** Fits on the training texts and returns their vectors. */
  List<SparseVector> fit(List<String> train);

  /** Vectors of other texts in the fitted space. */
  List<SparseVector> transform(List<String> texts);

  /** Number of features (after {@link #fit}). */
  int dimension();

  String description();

  /** Whether vectorising keeps every core busy by itself (then nothing should run beside it). */
  default boolean usesEveryCore() {
    return false;
  }

  /** TF-IDF of word 1-2-grams, scikit-learn's defaults (see {@link TfIdf}). */
  static Featurizer tfidf() {
    return new TfIdfFeatures();
  }

  /** Sentence embeddings; each text is embedded on its own, nothing is fitted. */
  static Featurizer embeddings(Embedder embedder) {
    return new EmbeddingFeatures(embedder);
  }

  final class TfIdfFeatures implements Featurizer {
    private TfIdf model;

    @Override
    public List<SparseVector> fit(List<String> train) {
      TfIdf.Fitted fitted = TfIdf.fit(train, Words.CLASSIFIER, 2);
      model = fitted.model();
      return fitted.vectors();
    }

    @Override
    public List<SparseVector> transform(List<String> texts) {
      return model.transform(texts);
    }

    @Override
    public int dimension() {
      return model.dimension();
    }

    @Override
    public String description() {
      return "TF-IDF of word 1-2-grams (raw counts, smoothed IDF, L2 norm)";
    }
  }

  final class EmbeddingFeatures implements Featurizer {
    private final Embedder embedder;
    private int dimension;

    EmbeddingFeatures(Embedder embedder) {
      this.embedder = embedder;
    }

    @Override
    public List<SparseVector> fit(List<String> train) {
      return transform(train);
    }

    @Override
    public List<SparseVector> transform(List<String> texts) {
      Vectors v = embedder.embed(texts);
      if (!(v instanceof Vectors.Dense dense)) {
        throw new IllegalStateException("embed-lr needs dense sentence embeddings");
      }
      dimension = dense.dimension();
      List<SparseVector> out = new ArrayList<>(dense.size());
      int[] all = java.util.stream.IntStream.range(0, dimension).toArray();
      for (float[] row : dense.rows()) {
        out.add(new SparseVector(all, row));
      }
      return out;
    }

    @Override
    public int dimension() {
      return dimension;
    }

    @Override
    public String description() {
      return "sentence embeddings (" + embedder.id() + ")";
    }

    @Override
    public boolean usesEveryCore() {
      return true;
    }
  }
}
