package dev.attrprompt.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP edge: counts each request, authenticates it, routes it, and turns the {@link Reply}
 * into bytes on the wire (or into a silence, for the reset and hang faults). Nothing here logs a
 * header, so the API key cannot reach a log line.
 */
final class Api implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(Api.class.getName());
  private static final List<String> MODELS = List.of("gpt-3.5-turbo", "gpt-4o-mini",
      "gpt-4.1-mini", "text-embedding-3-small", "attrprompt-sim");

  private final SimulatorConfig config;
  private final Counters counters;
  private final RateLimiter limiter;
  private final ModelCalls models;
  private final FileStore files;
  private final Batches batches;
  private final CountDownLatch stopping;
  private final byte[] key;
  private final AtomicLong requestIds = new AtomicLong();

  Api(SimulatorConfig config, Counters counters, RateLimiter limiter, ModelCalls models,
      FileStore files, Batches batches, CountDownLatch stopping) {
    this.config = config;
    this.counters = counters;
    this.limiter = limiter;
    this.models = models;
    this.files = files;
    this.batches = batches;
    this.stopping = stopping;
    this.key = config.key().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/sim/")) {
        send(exchange, simulatorPath(exchange, path), false);
        return;
      }
      counters.request();
      Reply reply;
      try {
        reply = route(exchange, path);
      } catch (ApiException e) {
        reply = e.reply();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "simulator bug while answering " + path, e);
        reply = new ApiException(500, "The simulator failed: " + e, "server_error", null, null,
            Outcome.SERVER_ERROR, Map.of()).reply();
      }
      counters.outcome(reply.outcome());
      send(exchange, reply, path.startsWith("/v1/"));
    } catch (IOException e) {
      // The client went away mid-answer; nothing to tell it.
    } finally {
      exchange.close();
    }
  }

  private Reply route(HttpExchange exchange, String rawPath) throws IOException {
    String method = exchange.getRequestMethod();
    String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    if (!path.startsWith("/v1/")) {
      throw invalidUrl(method, path);
    }
    authenticate(exchange.getRequestHeaders());
    checkApiVersion(exchange.getRequestURI().getRawQuery());
    String[] s = path.substring(4).split("/");
    String head = s[0];
    return switch (method + " " + head + "/" + s.length) {
      case "POST chat/2" -> {
        if (!s[1].equals("completions")) {
          throw invalidUrl(method, path);
        }
        yield models.chat(body(exchange));
      }
      case "POST embeddings/1" -> models.embeddings(body(exchange));
      case "GET models/1" -> Reply.ok(modelList());
      case "GET models/2" -> Reply.ok(model(s[1]));
      case "POST files/1" -> Reply.ok(files.upload(Multipart.parse(
          exchange.getRequestHeaders().getFirst("Content-Type"), body(exchange))).json());
      case "GET files/1" -> Reply.ok(fileList());
      case "GET files/2" -> Reply.ok(files.require(s[1]).json());
      case "DELETE files/2" -> Reply.ok(deleted(s[1], files.delete(s[1])));
      case "GET files/3" -> {
        if (!s[2].equals("content")) {
          throw invalidUrl(method, path);
        }
        yield new Reply.Body(200, "application/octet-stream", files.require(s[1]).content(),
            Outcome.OK, Map.of());
      }
      case "POST batches/1" -> Reply.ok(batches.create(Json.parseObject(body(exchange))));
      case "GET batches/1" -> Reply.ok(batches.list());
      case "GET batches/2" -> Reply.ok(batches.get(s[1]));
      case "POST batches/3" -> {
        if (!s[2].equals("cancel")) {
          throw invalidUrl(method, path);
        }
        yield Reply.ok(batches.cancel(s[1]));
      }
      default -> throw invalidUrl(method, path);
    };
  }

  /**
   * Exactly the configured key, or any non-empty one when none is configured, as
   * {@code Authorization: Bearer KEY} or (as Azure OpenAI takes it) {@code api-key: KEY}; then
   * the required headers, each with exactly its value.
   */
  private void authenticate(Headers headers) {
    String authorization = headers.getFirst("Authorization");
    String azure = headers.getFirst("api-key");
    String given;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && !authorization.substring(7).isBlank()) {
      given = authorization.substring(7).strip();
    } else if (azure != null && !azure.isBlank()) {
      given = azure.strip();
    } else {
      throw new ApiException(401, "You didn't provide an API key. You need to provide your API "
          + "key in an Authorization header using Bearer auth (i.e. Authorization: Bearer "
          + "YOUR_KEY).", "invalid_request_error", null, null, Outcome.UNAUTHORIZED, Map.of());
    }
    if (key.length > 0 && !MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(401, "Incorrect API key provided. (The key is not repeated here.)",
          "invalid_request_error", null, "invalid_api_key", Outcome.UNAUTHORIZED, Map.of());
    }
    for (Map.Entry<String, String> h : config.requiredHeaders().entrySet()) {
      String value = headers.getFirst(h.getKey()); // Headers compares names case-insensitively
      if (value == null || !MessageDigest.isEqual(h.getValue().getBytes(StandardCharsets.UTF_8),
          value.getBytes(StandardCharsets.UTF_8))) {
        throw new ApiException(401, "The header " + h.getKey() + " is missing or has another "
            + "value. (The value is not repeated here.)", "invalid_request_error", null,
            "mismatched_header", Outcome.UNAUTHORIZED, Map.of());
      }
    }
  }

  /** As Azure OpenAI: with an api version configured, a request without it is not found. */
  private void checkApiVersion(String rawQuery) {
    if (config.apiVersion().isEmpty()) {
      return;
    }
    String wanted = "api-version=" + config.apiVersion();
    if (rawQuery == null || !java.util.Arrays.asList(rawQuery.split("&")).contains(wanted)) {
      throw ApiException.notFound("Resource not found (this simulator wants ?" + wanted + ")");
    }
  }

  private Reply simulatorPath(HttpExchange exchange, String path) {
    if (exchange.getRequestMethod().equals("GET") && path.equals("/sim/stats")) {
      return Reply.ok(statsJson(counters.snapshot()));
    }
    return invalidUrl(exchange.getRequestMethod(), path).reply();
  }

  static ObjectNode statsJson(Stats stats) {
    ObjectNode o = Json.object();
    o.put("requests", stats.requests());
    for (Outcome outcome : Outcome.values()) {
      o.put(outcome.wireName(), stats.count(outcome));
    }
    o.put("prompt_tokens", stats.promptTokens());
    o.put("completion_tokens", stats.completionTokens());
    return o;
  }

  private void send(HttpExchange exchange, Reply reply, boolean api) throws IOException {
    switch (reply) {
      case Reply.Reset reset -> { } // closing without headers drops the connection
      case Reply.Hang hang -> {
        try {
          stopping.await(config.hangMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      case Reply.Body body -> {
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", body.contentType());
        h.set("x-request-id", "req_sim" + Long.toHexString(requestIds.incrementAndGet()));
        if (api && !body.headers().containsKey("x-ratelimit-limit-requests")) {
          limiter.peek().forEach(h::set);
        }
        body.headers().forEach(h::set);
        exchange.sendResponseHeaders(body.status(), body.body().length == 0 ? -1
            : body.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body.body());
        }
      }
    }
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    return exchange.getRequestBody().readAllBytes();
  }

  private static ApiException invalidUrl(String method, String path) {
    return ApiException.notFound("Invalid URL (" + method + " " + path + ")");
  }

  private static ObjectNode modelList() {
    ObjectNode list = Json.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    MODELS.forEach(id -> data.add(model(id)));
    return list;
  }

  /** Any model name is accepted, so any name has a model object. */
  private static ObjectNode model(String id) {
    ObjectNode m = Json.object();
    m.put("id", id);
    m.put("object", "model");
    m.put("created", 1_700_000_000L);
    m.put("owned_by", ChatService.FINGERPRINT);
    return m;
  }

  private ObjectNode fileList() {
    ObjectNode list = Json.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    files.list().forEach(f -> data.add(f.json()));
    list.put("has_more", false);
    return list;
  }

  private static ObjectNode deleted(String id, boolean deleted) {
    if (!deleted) {
      throw ApiException.notFound("No such File object: " + id);
    }
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("object", "file");
    o.put("deleted", true);
    return o;
  }
}
