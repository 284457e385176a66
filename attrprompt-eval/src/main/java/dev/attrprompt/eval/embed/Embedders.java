package dev.attrprompt.eval.embed;

import dev.attrprompt.UserError;
import dev.attrprompt.llm.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Parses the {@code --embeddings} choice: {@code tfidf}, {@code minilm} (the bundled
 * all-MiniLM-L6-v2), {@code bge-small} (the bundled bge-small-en-v1.5), {@code onnx:DIR} or {@code api}. Nothing is loaded for a choice not made.
 */
public final class Embedders {
  private Embedders() {}

  /** As {@link #parse(String, Supplier)}, with the endpoint from OPENAI_BASE_URL and OPENAI_API_KEY. */
  public static Embedder parse(String spec) {
    return parse(spec, () -> Connection.resolve(System.getenv(), Optional.empty(), Optional.empty(),
        List.of(), Duration.ofSeconds(20), Duration.ofSeconds(120)));
  }

  /**
   * The embedder {@code spec} names; {@code api} reaches the endpoint {@code endpoint} gives
   * (asked only then, so that a missing key does not stop a TF-IDF analysis).
   */
  public static Embedder parse(String spec, Supplier<Connection> endpoint) {
    String s = spec == null ? "tfidf" : spec.strip();
    if (s.equals("tfidf")) {
      return new TfIdfEmbedder();
    }
    for (OnnxEmbedder.Bundled b : OnnxEmbedder.Bundled.values()) {
      if (s.equals(b.id())) {
        return OnnxEmbedder.bundled(b);
      }
    }
    if (s.startsWith("onnx:") && s.length() > 5) {
      return OnnxEmbedder.open(Path.of(s.substring(5)));
    }
    if (s.equals("api") || s.startsWith("api:")) {
      String model = s.equals("api") ? null : s.substring(4);
      return ApiEmbedder.open(endpoint.get(), System.getenv(), model);
    }
    throw new UserError("--embeddings takes tfidf, minilm (the bundled all-MiniLM-L6-v2), bge-small (the bundled bge-small-en-v1.5), onnx:DIR (a folder with model.onnx and tokenizer.json) "
        + "or api (an OpenAI-compatible /v1/embeddings endpoint), not '" + spec + "'");
  }
}
