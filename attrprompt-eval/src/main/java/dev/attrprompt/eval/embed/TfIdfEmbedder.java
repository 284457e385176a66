package dev.attrprompt.eval.embed;

import dev.attrprompt.eval.text.TfIdf;
import dev.attrprompt.eval.text.Words;
import java.util.List;

/** Word TF-IDF vectors fitted on the texts given (no download, no model). */
public final class TfIdfEmbedder implements Embedder {
  @Override
  public String id() {
    return "tfidf";
  }

  @Override
  public Vectors embed(List<String> texts) {
    TfIdf.Fitted fitted = TfIdf.fit(texts, Words.ANALYSIS, 1);
    return new Vectors.Sparse(fitted.vectors(), fitted.model().dimension());
  }

  @Override
  public boolean sentenceEmbeddings() {
    return false;
  }
}
