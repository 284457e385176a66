package dev.attrprompt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Batch API. A batch is answered in full when it is created, line by line through the same
 * {@link ChatService} and {@link Embeddings} as online requests; what the client sees over time
 * (validating, in_progress, then completed) is derived from the clock and the configured delay.
 * That keeps batches free of background threads and makes their results independent of timing.
 *
 * <p>Batch lines do not use the RPM/TPM buckets or the quota (OpenAI queues batches under
 * separate limits). Of the faults, only 500 (an error line), truncation and refusal apply.
 */
final class Batches {
  private static final Set<String> ENDPOINTS = Set.of("/v1/chat/completions", "/v1/embeddings");
  private static final long DAY_SECONDS = 24 * 3600;

  private final Map<String, Batch> batches = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final FileStore files;
  private final ChatService chat;
  private final Dice dice;
  private final Counters counters;
  private final SimulatorConfig config;

  /** A created batch: everything decided at creation, plus whether it was cancelled. */
  private record Batch(String id, String endpoint, String inputFileId, String window,
      long createdMillis, String outputFileId, String errorFileId, int total, int failed,
      ArrayNode errors, JsonNode metadata, AtomicLong cancelledMillis) {}

  Batches(FileStore files, ChatService chat, Dice dice, Counters counters,
      SimulatorConfig config) {
    this.files = files;
    this.chat = chat;
    this.dice = dice;
    this.counters = counters;
    this.config = config;
  }

  ObjectNode create(ObjectNode body) {
    String fileId = body.path("input_file_id").asText("");
    String endpoint = body.path("endpoint").asText("");
    String window = body.path("completion_window").asText("");
    if (fileId.isEmpty()) {
      throw ApiException.badRequest("Missing required parameter: 'input_file_id'.",
          "input_file_id");
    }
    if (!ENDPOINTS.contains(endpoint)) {
      throw ApiException.badRequest("Invalid value for 'endpoint': '" + endpoint
          + "'. The simulator supports '/v1/chat/completions' and '/v1/embeddings'.", "endpoint");
    }
    if (!window.equals("24h")) {
      throw ApiException.badRequest("Invalid value for 'completion_window': '" + window
          + "'. Supported values are: '24h'.", "completion_window");
    }
    FileStore.StoredFile input = files.get(fileId).orElseThrow(() -> ApiException.badRequest(
        "Invalid 'input_file_id': no such file: " + fileId, "input_file_id"));
    if (!input.purpose().equals("batch")) {
      throw ApiException.badRequest("The input file must be uploaded with purpose 'batch'.",
          "input_file_id");
    }
    String id = String.format("batch_sim%016x", ids.incrementAndGet());
    List<JsonNode> lines = new ArrayList<>();
    ArrayNode errors = validate(input, endpoint, lines);
    Batch batch;
    if (!errors.isEmpty()) {
      batch = new Batch(id, endpoint, fileId, window, System.currentTimeMillis(), null, null,
          lines.size(), 0, errors, body.get("metadata"), new AtomicLong());
    } else {
      batch = run(id, endpoint, fileId, window, lines, body.get("metadata"));
    }
    batches.put(id, batch);
    return json(batch, batch.createdMillis(), true);
  }

  ObjectNode get(String id) {
    return json(require(id), System.currentTimeMillis(), false);
  }

  ObjectNode cancel(String id) {
    Batch b = require(id);
    long now = System.currentTimeMillis();
    String status = status(b, now);
    if (!status.equals("validating") && !status.equals("in_progress")) {
      throw ApiException.badRequest("Cannot cancel a batch with status '" + status + "'.", null);
    }
    b.cancelledMillis().compareAndSet(0, now);
    return json(b, now, false);
  }

  ObjectNode list() {
    ObjectNode page = Json.object();
    page.put("object", "list");
    ArrayNode data = page.putArray("data");
    long now = System.currentTimeMillis();
    batches.values().stream().sorted(Comparator.comparing(Batch::id).reversed())
        .forEach(b -> data.add(json(b, now, false)));
    page.put("first_id", data.isEmpty() ? null : data.get(0).get("id").asText());
    page.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id").asText());
    page.put("has_more", false);
    return page;
  }

  private Batch require(String id) {
    Batch b = batches.get(id);
    if (b == null) {
      throw ApiException.notFound("No batch found with id '" + id + "'.");
    }
    return b;
  }

  /** Checks every line as OpenAI's validating step does; collects errors with line numbers. */
  private static ArrayNode validate(FileStore.StoredFile input, String endpoint,
      List<JsonNode> lines) {
    ArrayNode errors = Json.MAPPER.createArrayNode();
    Set<String> customIds = new HashSet<>();
    String[] raw = new String(input.content(), StandardCharsets.UTF_8).split("\\R");
    for (int i = 0; i < raw.length; i++) {
      if (raw[i].isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      JsonNode line;
      try {
        line = Json.MAPPER.readTree(raw[i]);
      } catch (IOException e) {
        errors.add(error("invalid_json_line", "This line is not parseable as valid JSON.", lineNo));
        continue;
      }
      String customId = line.path("custom_id").asText("");
      if (customId.isEmpty()) {
        errors.add(error("missing_custom_id", "Each line needs a 'custom_id'.", lineNo));
      } else if (!customIds.add(customId)) {
        errors.add(error("duplicate_custom_id", "The custom_id '" + customId
            + "' appears more than once.", lineNo));
      } else if (!line.path("method").asText("").equals("POST")) {
        errors.add(error("invalid_method", "Only 'POST' is supported.", lineNo));
      } else if (!line.path("url").asText("").equals(endpoint)) {
        errors.add(error("mismatched_endpoint", "The url '" + line.path("url").asText("")
            + "' does not match the batch endpoint '" + endpoint + "'.", lineNo));
      } else if (!line.path("body").isObject()) {
        errors.add(error("missing_body", "Each line needs a JSON object 'body'.", lineNo));
      } else {
        lines.add(line);
      }
    }
    if (lines.isEmpty() && errors.isEmpty()) {
      errors.add(error("empty_file", "The input file has no requests.", 1));
    }
    return errors;
  }

  private static ObjectNode error(String code, String message, int line) {
    ObjectNode e = Json.object();
    e.put("code", code);
    e.put("message", message);
    e.putNull("param");
    e.put("line", line);
    return e;
  }

  /** Answers every line now and stores the output and error files. */
  private Batch run(String id, String endpoint, String fileId, String window,
      List<JsonNode> lines, JsonNode metadata) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ByteArrayOutputStream failures = new ByteArrayOutputStream();
    int failed = 0;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = lines.get(i);
      String customId = line.get("custom_id").asText();
      ObjectNode response = Json.object();
      int status = answer(endpoint, (ObjectNode) line.get("body"), customId, response);
      ObjectNode out = Json.object();
      out.put("id", String.format("batch_req_%s_%06d", id.substring(6), i));
      out.put("custom_id", customId);
      ObjectNode r = out.putObject("response");
      r.put("status_code", status);
      r.put("request_id", String.format("req_%s_%06d", id.substring(6), i));
      r.set("body", response.get("body"));
      out.putNull("error");
      ByteArrayOutputStream target = status == 200 ? output : failures;
      target.writeBytes(Json.bytes(out));
      target.write('\n');
      failed += status == 200 ? 0 : 1;
    }
    String outputId = output.size() == 0 ? null
        : files.add(id + "_output.jsonl", "batch_output", output.toByteArray()).id();
    String errorId = failures.size() == 0 ? null
        : files.add(id + "_error.jsonl", "batch_output", failures.toByteArray()).id();
    return new Batch(id, endpoint, fileId, window, System.currentTimeMillis(), outputId, errorId,
        lines.size(), failed, null, metadata, new AtomicLong());
  }

  /** One line's answer into {@code holder.body}; returns its HTTP status. */
  private int answer(String endpoint, ObjectNode body, String customId, ObjectNode holder) {
    try {
      if (endpoint.equals("/v1/embeddings")) {
        Embeddings.Result e = Embeddings.create(body);
        counters.tokens(e.promptTokens(), 0);
        holder.set("body", e.body());
        return 200;
      }
      ChatRequest request = ChatRequest.parse(body, config.seed());
      Fault fault = dice.batchFault(Hashing.of(customId));
      if (fault == Fault.SERVER_ERROR) {
        holder.set("body", Json.error("The server had an error while processing your request.",
            "server_error", null, null));
        return 500;
      }
      ChatService.Result r = chat.complete(request, fault);
      counters.tokens(r.promptTokens(), r.completionTokens());
      holder.set("body", r.body());
      return 200;
    } catch (ApiException e) {
      holder.set("body", Json.error(e.getMessage(), "invalid_request_error", e.param(), null));
      return 400;
    }
  }

  /** The status at {@code now}: validating for the first quarter of the delay, then running. */
  private String status(Batch b, long now) {
    long delay = config.batchDelayMs();
    if (b.cancelledMillis().get() != 0) {
      return "cancelled";
    }
    if (now < b.createdMillis() + delay / 4) {
      return "validating";
    }
    if (b.errors() != null) {
      return "failed";
    }
    return now < b.createdMillis() + delay ? "in_progress" : "completed";
  }

  private ObjectNode json(Batch b, long now, boolean justCreated) {
    String status = justCreated ? "validating" : status(b, now);
    long created = b.createdMillis() / 1000;
    long started = (b.createdMillis() + config.batchDelayMs() / 4) / 1000;
    long done = (b.createdMillis() + config.batchDelayMs()) / 1000;
    ObjectNode o = Json.object();
    o.put("id", b.id());
    o.put("object", "batch");
    o.put("endpoint", b.endpoint());
    o.set("errors", b.errors() == null || !status.equals("failed") ? null : errorList(b));
    o.put("input_file_id", b.inputFileId());
    o.put("completion_window", b.window());
    o.put("status", status);
    boolean completed = status.equals("completed");
    o.put("output_file_id", completed ? b.outputFileId() : null);
    o.put("error_file_id", completed ? b.errorFileId() : null);
    o.put("created_at", created);
    o.put("in_progress_at", status.equals("validating") || status.equals("failed")
        || b.errors() != null ? null : Long.valueOf(started));
    o.put("expires_at", created + DAY_SECONDS);
    o.put("finalizing_at", completed ? Long.valueOf(done) : null);
    o.put("completed_at", completed ? Long.valueOf(done) : null);
    o.put("failed_at", status.equals("failed") ? Long.valueOf(started) : null);
    o.putNull("expired_at");
    long cancelled = b.cancelledMillis().get() / 1000;
    o.put("cancelling_at", cancelled == 0 ? null : Long.valueOf(cancelled));
    o.put("cancelled_at", cancelled == 0 ? null : Long.valueOf(cancelled));
    ObjectNode counts = o.putObject("request_counts");
    double progress = progress(b, now, status);
    int failedSoFar = (int) Math.round(b.failed() * progress);
    int doneSoFar = (int) Math.round(b.total() * progress);
    counts.put("total", b.total());
    counts.put("completed", doneSoFar - failedSoFar);
    counts.put("failed", failedSoFar);
    o.set("metadata", b.metadata() == null || !b.metadata().isObject() ? null : b.metadata());
    return o;
  }

  private double progress(Batch b, long now, String status) {
    return switch (status) {
      case "completed" -> 1.0;
      case "in_progress", "cancelled" -> {
        long start = b.createdMillis() + config.batchDelayMs() / 4;
        long span = Math.max(1, config.batchDelayMs() - config.batchDelayMs() / 4);
        long at = b.cancelledMillis().get() != 0 ? b.cancelledMillis().get() : now;
        yield b.errors() != null ? 0.0 : Math.clamp((double) (at - start) / span, 0.0, 1.0);
      }
      default -> 0.0;
    };
  }

  private static ObjectNode errorList(Batch b) {
    ObjectNode list = Json.object();
    list.put("object", "list");
    list.set("data", b.errors());
    return list;
  }
}
