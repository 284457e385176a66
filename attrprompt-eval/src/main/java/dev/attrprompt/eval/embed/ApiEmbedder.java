package dev.attrprompt.eval.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.UserError;
import dev.attrprompt.llm.Connection;
import dev.attrprompt.llm.HttpEdge;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sentence embeddings from an OpenAI-compatible {@code POST /embeddings} endpoint (OpenAI, Azure
 * OpenAI, vLLM, Ollama's {@code /v1}, llama.cpp server, ...), through core's one HTTP edge: its
 * key and extra headers, its base-URL query, its retries of transient faults (429 with
 * {@code Retry-After}, 5xx, lost connections) and its redaction of every secret. Model from
 * {@code api:MODEL} or {@code OPENAI_EMBEDDING_MODEL} (default {@value #DEFAULT_MODEL}).
 */
public final class ApiEmbedder implements Embedder {
  public static final String DEFAULT_MODEL = "text-embedding-3-small";
  public static final String MODEL_ENV = "OPENAI_EMBEDDING_MODEL";
  static final int BATCH = 128;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpEdge edge;
  private final String model;
  private final String where;

  ApiEmbedder(HttpEdge edge, String model) {
    this.edge = edge;
    this.model = model;
    this.where = edge.connection().publicEndpoint() + "/embeddings";
  }

  /**
   * Embeddings at {@code connection}; {@code model} null or blank: {@code $OPENAI_EMBEDDING_MODEL},
   * else {@value #DEFAULT_MODEL}.
   */
  public static ApiEmbedder open(Connection connection, Map<String, String> env, String model) {
    String chosen = model != null && !model.isBlank() ? model.strip()
        : env.getOrDefault(MODEL_ENV, DEFAULT_MODEL);
    return new ApiEmbedder(HttpEdge.open(connection), chosen);
  }

  /** Reads OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_EMBEDDING_MODEL from {@code env}. */
  public static ApiEmbedder fromEnvironment(Map<String, String> env, String model) {
    return open(Connection.resolve(env, Optional.empty(), Optional.empty(), List.of(),
        Duration.ofSeconds(20), Duration.ofSeconds(120)), env, model);
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
        throw new UserError(where + ": the embeddings have different lengths (" + dim + " and " + r.length + ")");
      }
    }
    return new Vectors.Dense(rows, dim).normalised();
  }

  private float[][] request(List<String> batch) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("input", batch);
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpEdge.Reply r = edge.call(HttpEdge.Call.postJson("/embeddings", json), "get embeddings");
    return parse(r.body(), batch.size());
  }

  private float[][] parse(String json, int expected) {
    try {
      JsonNode data = MAPPER.readTree(json).path("data");
      if (!data.isArray() || data.size() != expected) {
        throw new UserError(where + ": expected " + expected + " embeddings in 'data', got "
            + (data.isArray() ? data.size() : "none"));
      }
      float[][] out = new float[expected][];
      for (int i = 0; i < expected; i++) {
        JsonNode item = data.get(i);
        int index = item.path("index").asInt(i);
        JsonNode vec = item.path("embedding");
        if (index < 0 || index >= expected || !vec.isArray() || out[index] != null) {
          throw new UserError(where + ": malformed embeddings answer (item " + i + ")");
        }
        float[] v = new float[vec.size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = (float) vec.get(k).asDouble();
        }
        out[index] = v;
      }
      return out;
    } catch (IOException e) {
      throw new UserError(where + ": the embeddings answer is not JSON");
    }
  }

  @Override
  public void close() {
    edge.close();
  }
}
