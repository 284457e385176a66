package dev.attrprompt.eval.embed;

import dev.attrprompt.UserError;
import java.nio.file.Path;

/**
 * Parses the {@code --embeddings} choice: {@code tfidf}, {@code minilm} (the bundled
 * all-MiniLM-L6-v2), {@code onnx:DIR} or {@code api}. Nothing is loaded for a choice not made.
 */
public final class Embedders {
  private Embedders() {}

  public static Embedder parse(String spec) {
    String s = spec == null ? "tfidf" : spec.strip();
    if (s.equals("tfidf")) {
      return new TfIdfEmbedder();
    }
    if (s.equals("minilm")) {
      return OnnxEmbedder.bundledMiniLm();
    }
    if (s.startsWith("onnx:") && s.length() > 5) {
      return OnnxEmbedder.open(Path.of(s.substring(5)));
    }
    if (s.equals("api") || s.startsWith("api:")) {
      String model = s.equals("api") ? null : s.substring(4);
      return ApiEmbedder.fromEnvironment(System.getenv(), model);
    }
    throw new UserError("--embeddings takes tfidf, minilm (the bundled all-MiniLM-L6-v2), onnx:DIR (a folder with model.onnx and tokenizer.json) "
        + "or api (an OpenAI-compatible /v1/embeddings endpoint), not '" + spec + "'");
  }
}
