package dev.attrprompt.eval.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.UserError;
import dev.attrprompt.WorkFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sentence embeddings from an OpenAI-compatible {@code POST /embeddings} endpoint (OpenAI, vLLM,
 * Ollama's {@code /v1}, llama.cpp server, ...). Base URL from {@code OPENAI_BASE_URL} (default
 * {@code https://api.openai.com/v1}), key from {@code OPENAI_API_KEY}, model from {@code api:MODEL}
 * or {@code OPENAI_EMBEDDING_MODEL} (default {@value #DEFAULT_MODEL}). Texts go in batches; 429 and
 * 5xx answers are retried, honouring {@code Retry-After}. The key is sent in a header and appears
 * in no message.
 */
public final class ApiEmbedder implements Embedder {
  public static final String DEFAULT_MODEL = "text-embedding-3-small";
  static final String DEFAULT_BASE = "https://api.openai.com/v1";
  static final int BATCH = 128;
  static final int ATTEMPTS = 5;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI endpoint;
  private final Optional<String> key;
  private final String model;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
  private final Duration maxWait;

  ApiEmbedder(URI endpoint, Optional<String> key, String model, Duration maxWait) {
    this.endpoint = endpoint;
    this.key = key;
    this.model = model;
    this.maxWait = maxWait;
  }

  /** Reads OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_EMBEDDING_MODEL from {@code env}. */
  public static ApiEmbedder fromEnvironment(Map<String, String> env, String model) {
    String base = env.getOrDefault("OPENAI_BASE_URL", "").strip();
    if (base.isEmpty()) {
      base = DEFAULT_BASE;
    }
    URI endpoint;
    try {
      endpoint = URI.create(base.replaceAll("/+$", "") + "/embeddings");
      if (endpoint.getScheme() == null || !endpoint.getScheme().matches("https?") || endpoint.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new UserError("OPENAI_BASE_URL must be an http(s) URL such as http://localhost:8000/v1, not '" + base + "'");
    }
    Optional<String> key = Optional.ofNullable(env.get("OPENAI_API_KEY")).map(String::strip).filter(k -> !k.isEmpty());
    if (key.isEmpty() && base.equals(DEFAULT_BASE)) {
      throw new UserError("--embeddings api needs OPENAI_API_KEY (or OPENAI_BASE_URL pointing at a local server)");
    }
    String chosen = model != null && !model.isBlank() ? model
        : env.getOrDefault("OPENAI_EMBEDDING_MODEL", DEFAULT_MODEL);
    return new ApiEmbedder(endpoint, key, chosen, Duration.ofSeconds(60));
  }

  @Override
  public String id() {
    return "api:" + model;
  }

  @Override
  public boolean sentenceEmbeddings() {
    return true;
  }

  @Override
  public Vectors embed(List<String> texts) {
    float[][] rows = Embedder.inBatches(texts, BATCH, this::request);
    int dim = rows.length == 0 ? 0 : rows[0].length;
    for (float[] r : rows) {
      if (r.length != dim) {
        throw new UserError(endpoint + ": the embeddings have different lengths (" + dim + " and " + r.length + ")");
      }
    }
    return new Vectors.Dense(rows, dim).normalised();
  }

  private float[][] request(List<String> batch) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("input", batch);
    HttpRequest.Builder req;
    try {
      req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(120))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    key.ifPresent(k -> req.header("Authorization", "Bearer " + k));
    HttpRequest built = req.build();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> res;
      try {
        res = http.send(built, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt >= ATTEMPTS) {
          throw new WorkFailure(endpoint + ": cannot reach the embeddings endpoint (" + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check OPENAI_BASE_URL");
        }
        sleep(backoff(attempt, Optional.empty()));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for embeddings", e);
      }
      int status = res.statusCode();
      if (status == 200) {
        return parse(res.body(), batch.size());
      }
      boolean transient_ = status == 429 || status >= 500;
      if (!transient_ || attempt >= ATTEMPTS) {
        String message = endpoint + ": the embeddings request failed with HTTP " + status + ": "
            + errorMessage(res.body()) + (status == 401 ? " (check OPENAI_API_KEY)" : "");
        // a refused key or a wrong address is the user's to fix; anything else failed while working
        throw status == 401 || status == 403 || status == 404 ? new UserError(message) : new WorkFailure(message);
      }
      sleep(backoff(attempt, res.headers().firstValue("retry-after")));
    }
  }

  private float[][] parse(String json, int expected) {
    try {
      JsonNode data = MAPPER.readTree(json).path("data");
      if (!data.isArray() || data.size() != expected) {
        throw new UserError(endpoint + ": expected " + expected + " embeddings in 'data', got "
            + (data.isArray() ? data.size() : "none"));
      }
      float[][] out = new float[expected][];
      for (int i = 0; i < expected; i++) {
        JsonNode item = data.get(i);
        int index = item.path("index").asInt(i);
        JsonNode vec = item.path("embedding");
        if (index < 0 || index >= expected || !vec.isArray() || out[index] != null) {
          throw new UserError(endpoint + ": malformed embeddings answer (item " + i + ")");
        }
        float[] v = new float[vec.size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = (float) vec.get(k).asDouble();
        }
        out[index] = v;
      }
      return out;
    } catch (IOException e) {
      throw new UserError(endpoint + ": the embeddings answer is not JSON");
    }
  }

  /** The server's error message, one line, with anything key-like removed (some servers echo it). */
  private String errorMessage(String body) {
    String text;
    try {
      JsonNode msg = MAPPER.readTree(body).path("error").path("message");
      text = msg.isTextual() ? msg.asText() : body;
    } catch (IOException e) {
      text = body;
    }
    if (key.isPresent()) {
      text = text.replace(key.get(), "[key]");
    }
    text = text.replaceAll("sk-[A-Za-z0-9_*\\-]{4,}", "[key]").replaceAll("\\s+", " ").strip();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  Duration backoff(int attempt, Optional<String> retryAfter) {
    Duration wait = Duration.ofMillis(500L << Math.min(attempt - 1, 6));
    if (retryAfter.isPresent()) {
      try {
        wait = Duration.ofMillis((long) (Double.parseDouble(retryAfter.get().strip()) * 1000));
      } catch (NumberFormatException e) {
        // an HTTP date: keep the exponential wait
      }
    }
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }
}
