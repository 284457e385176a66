package dev.attrprompt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.plan.PlannedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The request strategy of the AttrPrompt authors' released scripts, for comparison only: send a
 * batch of 20 requests together, wait for all of them, and on any error sleep 15 seconds and send
 * the whole batch again (answers of the batch that had succeeded are bought again).
 */
final class ReferenceClient {
  static final int BATCH = 20;
  static final Duration SLEEP = Duration.ofSeconds(15);

  record Result(long completed, long duplicates, double seconds, Map<String, Integer> errors) {}

  private final URI base;
  private final int maxTokens;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ReferenceClient(URI base, int maxTokens) {
    this.base = base;
    this.maxTokens = maxTokens;
  }

  Result run(List<PlannedRequest> requests, Duration limit) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    Set<String> done = new HashSet<>();
    Map<String, Integer> errors = new java.util.TreeMap<>();
    long answers = 0;
    for (int from = 0; from < requests.size() && System.nanoTime() < deadline; from += BATCH) {
      List<PlannedRequest> batch = requests.subList(from, Math.min(from + BATCH, requests.size()));
      while (System.nanoTime() < deadline) {
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (PlannedRequest r : batch) {
          sent.add(http.sendAsync(request(r), HttpResponse.BodyHandlers.ofString())
              .thenApply(resp -> {
                boolean good = ok(resp);
                if (!good) {
                  synchronized (errors) {
                    errors.merge("HTTP " + resp.statusCode(), 1, Integer::sum);
                  }
                }
                return good;
              }).exceptionally(e -> {
                synchronized (errors) {
                  errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                }
                return false;
              }));
        }
        int ok = 0;
        for (CompletableFuture<Boolean> f : sent) {
          if (f.join()) {
            ok++;
          }
        }
        answers += ok;
        if (ok == batch.size()) {
          batch.forEach(r -> done.add(r.id()));
          break;
        }
        Thread.sleep(Math.min(SLEEP.toMillis(), Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(done.size(), answers - done.size(), seconds, errors);
  }

  private HttpRequest request(PlannedRequest r) {
    return chatRequest(base, "gpt-3.5-turbo", maxTokens, r, "reference");
  }

  /** A chat completion request for {@code r} as the benchmarks' own clients send it. */
  static HttpRequest chatRequest(URI base, String model, int maxTokens, PlannedRequest r, String key) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("messages", List.of(Map.of("role", "user", "content", r.prompt())));
    body.put("temperature", 1.0);
    body.put("top_p", 1.0);
    body.put("max_tokens", maxTokens);
    body.put("seed", r.seed());
    return HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.line(body))).build();
  }

  /** Whether {@code response} is a 200 whose JSON carries a message content. */
  static boolean ok(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return false;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(response.body());
      return node.path("choices").path(0).path("message").has("content");
    } catch (IOException e) {
      return false;
    }
  }
}
