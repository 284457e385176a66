package dev.attrprompt.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.UserError;
import dev.attrprompt.WorkFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OpenAI Batch API: upload an input file, create a batch, poll it, download its output and
 * error files. Errors say what to fix and never carry the key.
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
  private final URI base;
  private final Optional<Secret> key;
  private final HttpClient http;

  public BatchClient(LlmConfig config) {
    this.base = config.baseUrl();
    this.key = config.apiKey();
    this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
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
    JsonNode r = send(request("/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), "upload the batch file");
    return r.path("id").asText();
  }

  /** Creates a batch of the uploaded file, with {@code metadata} (string keys and values) attached. */
  public Batch create(String inputFileId, Map<String, String> metadata) {
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("input_file_id", inputFileId, "endpoint", "/v1/chat/completions",
          "completion_window", "24h", "metadata", metadata));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return batch(send(request("/batches").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), "create the batch"));
  }

  public Batch get(String batchId) {
    return batch(send(request("/batches/" + batchId).GET(), "poll the batch"));
  }

  /**
   * The newest of the provider's latest 100 batches whose metadata has {@code key} = {@code value}
   * and that did not fail, expire or get cancelled. Empty as well when the provider cannot list
   * batches.
   */
  public Optional<Batch> find(String key, String value) {
    JsonNode page;
    try {
      page = send(request("/batches?limit=100").GET(), "list the batches");
    } catch (UserError | WorkFailure e) {
      return Optional.empty();
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
    HttpResponse<String> r = exchange(request("/files/" + fileId + "/content").GET(), "download the batch results");
    return r.body();
  }

  private static Batch batch(JsonNode n) {
    return new Batch(n.path("id").asText(), n.path("status").asText(), text(n, "output_file_id"), text(n, "error_file_id"));
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5));
    key.ifPresent(k -> b.header("Authorization", "Bearer " + k.reveal()));
    return b;
  }

  private JsonNode send(HttpRequest.Builder request, String what) {
    HttpResponse<String> r = exchange(request, what);
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new WorkFailure("could not " + what + ": the provider at " + base + " answered with malformed JSON");
    }
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request, String what) {
    HttpResponse<String> r;
    try {
      r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new WorkFailure("could not " + what + " at " + base + ": " + Redact.text(String.valueOf(e.getMessage()), key)
          + "; check the base URL and the network, then run the same command again to resume");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkFailure("interrupted while trying to " + what + "; run the same command again to resume");
    }
    if (r.statusCode() / 100 != 2) {
      String says = Redact.text(Wire.error(r.body()).message(), key);
      String hint = switch (r.statusCode()) {
        case 401 -> "the API key was refused: check OPENAI_API_KEY / --api-key-env";
        case 404 -> "the endpoint has no Batch API here: check the base URL, or generate online without --batch";
        default -> "the provider said: " + says;
      };
      String message = "could not " + what + " (HTTP " + r.statusCode() + " from " + base + "): " + hint;
      // a refused key or a wrong address is the user's to fix; anything else failed while working
      throw switch (r.statusCode()) {
        case 401, 403, 404 -> new UserError(message);
        default -> new WorkFailure(message);
      };
    }
    return r;
  }
}
