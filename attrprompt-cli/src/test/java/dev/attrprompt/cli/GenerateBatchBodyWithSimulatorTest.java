package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Batch input line carries the body the engine sends online for the same planned request, so a
 * reasoning model (o-series) gets {@code max_completion_tokens} in a batch too. The simulator
 * refuses {@code max_tokens} for those models as OpenAI does.
 */
class GenerateBatchBodyWithSimulatorTest {
  private static final String MODEL = "o3-mini";

  @TempDir Path tmp;

  @Test
  void generateWithBatchAndAnOSeriesModelFillsEveryLabel() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(4).batchDelayMs(100).build())) {
      CliTest.Result r = GenerateWithSimulatorTest.generate(Map.of("OPENAI_API_KEY", "k"), task.toString(),
          "--per-class", "3", "--out", run.toString(), "--base-url", sim.baseUrl().toString(), "--model", MODEL,
          "--batch", "--poll-seconds", "1");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.err()).doesNotContain("max_tokens").contains(" 0 failed");
    }
    JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
    status.get("labels").forEach(l -> assertThat(l.get("accepted").asInt()).isEqualTo(3));
  }

  @Test
  void everyBatchLineEqualsTheOnlineRequestBodyOfTheSamePlannedRequest() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path planned = tmp.resolve("planned");
    assertThat(CliTest.run("generate", task.toString(), "--per-class", "3", "--out", planned.toString(),
        "--model", MODEL, "--plan-only").code()).isZero();
    Path input = tmp.resolve("input.jsonl");
    CliTest.Result export = CliTest.run("batch", "export", planned.toString(), "--out", input.toString());
    assertThat(export.code()).as(export.err()).isZero();
    List<String> lines = Files.readAllLines(input);
    assertThat(lines).hasSize(15);

    // the same plan asked online, through a front on 127.0.0.1 that keeps every body it forwards
    List<String> online = new CopyOnWriteArrayList<>();
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(4).build())) {
      HttpServer front = recordingFront(sim, online);
      try {
        String base = "http://127.0.0.1:" + front.getAddress().getPort() + "/v1";
        CliTest.Result r = GenerateWithSimulatorTest.generate(Map.of("OPENAI_API_KEY", "k"), task.toString(),
            "--per-class", "3", "--out", tmp.resolve("online").toString(), "--base-url", base, "--model", MODEL);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
      } finally {
        front.stop(0);
      }
    }
    Map<String, JsonNode> byPrompt = new HashMap<>();
    online.forEach(b -> {
      JsonNode body = CliTest.parse(b);
      byPrompt.put(body.at("/messages/0/content").asText() + "#" + body.path("seed").asLong(), body);
    });
    for (String line : lines) {
      JsonNode body = CliTest.parse(line).get("body");
      JsonNode sent = byPrompt.get(body.at("/messages/0/content").asText() + "#" + body.path("seed").asLong());
      assertThat(sent).as("the online body of " + CliTest.parse(line).get("custom_id")).isNotNull();
      assertThat(body).isEqualTo(sent);
      assertThat(body.has("max_completion_tokens")).isTrue();
      assertThat(body.has("max_tokens")).isFalse();
    }
  }

  /** Forwards every request to the simulator and keeps each chat completion body it forwards. */
  private static HttpServer recordingFront(Simulator sim, List<String> bodies) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] in = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith("/chat/completions")) {
        bodies.add(new String(in, StandardCharsets.UTF_8));
      }
      try {
        HttpRequest.Builder to = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path.substring("/v1".length())))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(in));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
          to.header("Authorization", auth);
        }
        to.header("Content-Type", "application/json");
        HttpResponse<byte[]> back = http.send(to.build(), HttpResponse.BodyHandlers.ofByteArray());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(back.statusCode(), back.body().length == 0 ? -1 : back.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(back.body());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
    return server;
  }
}
