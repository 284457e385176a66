package dev.attrprompt.eval.classify;

import dev.attrprompt.UserError;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The classifiers {@code evaluate} trains. */
public enum ClassifierKind {
  /** Logistic regression over TF-IDF of word 1-2-grams. */
  TFIDF_LR("tfidf-lr"),
  /** Linear SVM (L2-regularised squared hinge loss) over TF-IDF of word 1-2-grams. */
  TFIDF_SVM("tfidf-svm"),
  /** Logistic regression over sentence embeddings: the paper's linear probe. */
  EMBED_LR("embed-lr");

  private final String id;

  ClassifierKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ClassifierKind parse(String id) {
    for (ClassifierKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new UserError("unknown classifier '" + id + "'; use "
        + Arrays.stream(values()).map(ClassifierKind::id).collect(Collectors.joining(", ")));
  }
}
