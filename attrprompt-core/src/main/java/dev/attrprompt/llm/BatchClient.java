package dev.attrprompt.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OpenAI Batch API: upload an input file, create a batch, poll it, download its output and
 * error files, through the one {@link HttpEdge} (its retries, key, headers and base-URL query).
 * Errors say what to fix and never carry a secret.
 */
public final class BatchClient {

  /** A batch as the provider reports it. */
  public record Batch(String id, String status, Optional<String> outputFileId, Optional<String> errorFileId) {
    public boolean ended() {
      return switch (status) {
        case "completed", "failed", "expired", "cancelled" -> true;
        default -> false;
      };
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A batch file can be a few hundred megabytes: its transfer may take longer than a chat answer. */
  private static final java.time.Duration FILE_TIMEOUT = java.time.Duration.ofMinutes(5);
  private final HttpEdge edge;

  /** A client over a new edge to {@code config}'s endpoint, with the config's key and headers. */
  public BatchClient(LlmConfig config) {
    this(HttpEdge.open(config.connection()));
  }

  public BatchClient(HttpEdge edge) {
    this.edge = edge;
  }

  /** Uploads a Batch input file (purpose "batch") and returns its file id. */
  public String upload(Path file) {
    String boundary = "attrprompt-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n")
          .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
          + file.getFileName() + "\"\r\nContent-Type: application/jsonl\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(Files.readAllBytes(file));
      body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw UserError.in(file, "cannot read the batch file: " + e.getMessage());
    }
    JsonNode r = send(HttpEdge.Call.post("/files", body.toByteArray(),
        "multipart/form-data; boundary=" + boundary).atLeast(FILE_TIMEOUT), "upload the batch file");
    return r.path("id").asText();
  }

  /** Creates a batch of the uploaded file, with {@code metadata} (string keys and values) attached. */
  public Batch create(String inputFileId, Map<String, String> metadata) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Map.of("input_file_id", inputFileId, "endpoint", "/v1/chat/completions",
          "completion_window", "24h", "metadata", metadata));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return batch(send(HttpEdge.Call.postJson("/batches", body), "create the batch"));
  }

  public Batch get(String batchId) {
    return batch(send(HttpEdge.Call.get("/batches/" + batchId), "poll the batch"));
  }

  /**
   * The newest of the provider's latest 100 batches whose metadata has {@code key} = {@code value}
   * and that did not fail, expire or get cancelled. Empty as well when the provider answers that
   * it cannot list batches (HTTP 404 or 405). Any other failure (rate limit, server error, timeout
   * after the retries) is thrown: taking it for "no batch" would buy a lost batch again.
   */
  public Optional<Batch> find(String key, String value) {
    JsonNode page;
    try {
      page = send(HttpEdge.Call.get("/batches?limit=100"), "list the batches");
    } catch (EndpointError e) {
      if (e.status() == 404 || e.status() == 405) {
        return Optional.empty();
      }
      throw new EndpointError(e.status(), "could not list the batches to look for one already bought, so none "
          + "was bought now (" + e.getMessage() + "); run the same command again");
    }
    for (JsonNode n : page.path("data")) {
      Batch b = batch(n);
      boolean usable = !b.ended() || b.status().equals("completed");
      if (usable && value.equals(n.path("metadata").path(key).asText(null))) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /** The text of a file (a batch's output or error file). */
  public String content(String fileId) {
    return exchange(HttpEdge.Call.get("/files/" + fileId + "/content").atLeast(FILE_TIMEOUT), "download the batch results").body();
  }

  /**
   * One line of a Batch input file that asks {@code request} of {@code model} exactly as the
   * engine would ask it online (same body, so the same answer and the same cache address).
   */
  public static String requestLine(String customId, String model, ChatRequest request) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode line = JSON.createObjectNode();
      line.put("custom_id", customId);
      line.put("method", "POST");
      line.put("url", "/v1/chat/completions");
      line.set("body", JSON.readTree(Wire.request(model, request)));
      return JSON.writeValueAsString(line);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The chat completion in the {@code response.body} of a Batch output line, read as the engine
   * reads online answers; empty when it holds no {@code choices[0].message}.
   */
  public static Optional<ChatResponse> answer(JsonNode body) {
    try {
      return Optional.of(Wire.response(body.toString(), Map.of(), false,
          content -> new TokenUsage(0, 0, true)));
    } catch (Wire.Malformed e) {
      return Optional.empty();
    }
  }

  private static Batch batch(JsonNode n) {
    return new Batch(n.path("id").asText(), n.path("status").asText(), text(n, "output_file_id"), text(n, "error_file_id"));
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
  }

  private JsonNode send(HttpEdge.Call call, String what) {
    HttpEdge.Reply r = exchange(call, what);
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new EndpointError(r.status(), "could not " + what + ": the provider at "
          + edge.connection().publicEndpoint() + " answered with malformed JSON");
    }
  }

  private HttpEdge.Reply exchange(HttpEdge.Call call, String what) {
    try {
      return edge.call(call, what);
    } catch (EndpointError e) {
      if (e.status() == 404) {
        throw new EndpointError(404, e.getMessage() + "; the endpoint may have no Batch API: check"
            + " the base URL, or generate online without --batch");
      }
      throw e;
    }
  }
}
