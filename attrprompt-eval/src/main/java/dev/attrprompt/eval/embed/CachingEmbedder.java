package dev.attrprompt.eval.embed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sentence encoder that embeds each distinct text once: for work that embeds the same texts many
 * times (a learning curve trains on subsets of one dataset; cross-fitting embeds every fold). Only
 * for encoders whose vector of a text does not depend on the other texts (not TF-IDF). Closing it
 * closes the encoder.
 */
public final class CachingEmbedder implements Embedder {
  private final Embedder inner;
  private final Map<String, float[]> cache = new HashMap<>();

  public CachingEmbedder(Embedder inner) {
    if (!inner.sentenceEmbeddings()) {
      throw new IllegalArgumentException("only sentence embeddings can be cached per text: " + inner.id());
    }
    this.inner = inner;
  }

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public boolean sentenceEmbeddings() {
    return true;
  }

  @Override
  public synchronized Vectors embed(List<String> texts) {
    List<String> missing = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String t : texts) {
      if (!cache.containsKey(t) && seen.add(t)) {
        missing.add(t);
      }
    }
    if (!missing.isEmpty()) {
      Vectors.Dense got = (Vectors.Dense) inner.embed(missing);
      for (int i = 0; i < missing.size(); i++) {
        cache.put(missing.get(i), got.rows()[i]);
      }
    }
    float[][] rows = new float[texts.size()][];
    int dim = 0;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = cache.get(texts.get(i)).clone();
      dim = rows[i].length;
    }
    return new Vectors.Dense(rows, dim);
  }

  @Override
  public void close() {
    inner.close();
  }
}
