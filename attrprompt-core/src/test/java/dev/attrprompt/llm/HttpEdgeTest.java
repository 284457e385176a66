package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The one HTTP edge: query, key and headers on every request; the call policy; no secret shown. */
@Timeout(30)
class HttpEdgeTest {
  private static final String KEY = "test-edge-canary-key";
  private static final String ORG = "org-EDGECANARY-headervalue";
  @AutoClose
  private final Scripted server = new Scripted();
  @TempDir
  private Path dir;

  private Connection connection(String baseUrl, List<Header> headers, Optional<Secret> key) {
    return Connection.resolve(Map.of(), Optional.of(baseUrl), key, headers,
        Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  private HttpEdge fast(Connection c) {
    return HttpEdge.open(c, new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(50)));
  }

  @Test
  void theBaseUrlsQueryIsKeptOnChatFilesAndBatches() throws Exception {
    String base = server.baseUrl() + "?api-version=2024-10-21";
    server.enqueue(Scripted.ok("chat", 5, 5));
    LlmConfig llm = server.config().baseUrl(base).header(Header.of("api-key", KEY, Map.of())).build();
    try (Engine engine = Engine.open(llm)) {
      engine.run(List.of(Scripted.request("a")), o -> assertThat(o).isInstanceOf(Outcome.Completed.class));
    }
    String batch = """
        {"id":"batch_1","status":"completed","output_file_id":"file-out","metadata":{"k":"v"}}""";
    server.enqueue(json("{\"id\":\"file-in\"}"), json(batch), json(batch),
        json("{\"data\":[" + batch + "]}"), new MockResponse.Builder().code(200).body("lines").build());
    Path input = Files.writeString(dir.resolve("in.jsonl"), "{}\n");
    BatchClient client = new BatchClient(llm);
    assertThat(client.upload(input)).isEqualTo("file-in");
    assertThat(client.create("file-in", Map.of("k", "v")).id()).isEqualTo("batch_1");
    assertThat(client.get("batch_1").outputFileId()).contains("file-out");
    assertThat(client.find("k", "v")).isPresent();
    assertThat(client.content("file-out")).isEqualTo("lines");

    List<String> targets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      RecordedRequest r = server.take();
      targets.add(r.getMethod() + " " + r.getTarget());
      assertThat(r.getHeaders().get("api-key")).isEqualTo(KEY);
      assertThat(r.getHeaders().get("Authorization")).as("a header carries the key").isNull();
    }
    assertThat(targets).containsExactly(
        "POST /v1/chat/completions?api-version=2024-10-21",
        "POST /v1/files?api-version=2024-10-21",
        "POST /v1/batches?api-version=2024-10-21",
        "GET /v1/batches/batch_1?api-version=2024-10-21",
        "GET /v1/batches?api-version=2024-10-21&limit=100",
        "GET /v1/files/file-out/content?api-version=2024-10-21");
    assertThat(llm.publicEndpoint()).isEqualTo(server.baseUrl());
  }

  @Test
  void theKeyAndExtraHeadersReachTheServerAndNoMessageShowsThem() throws Exception {
    String echo = "key " + KEY + " is not a member of " + ORG;
    server.enqueue(Scripted.error(400, "invalid_request_error", "", echo));
    Connection c = connection(server.baseUrl(), List.of(Header.of("OpenAI-Organization", ORG, Map.of()),
        Header.of("OpenAI-Project", "env:PROJ", Map.of("PROJ", "proj_EDGECANARY"))), Optional.of(Secret.of(KEY)));
    try (HttpEdge edge = fast(c)) {
      assertThatThrownBy(() -> edge.call(HttpEdge.Call.get("/models"), "list the models"))
          .isInstanceOfSatisfying(EndpointError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).startsWith("could not list the models: the endpoint refused the "
                + "request as invalid (HTTP 400 from " + server.baseUrl() + "): key [redacted] is not a "
                + "member of [redacted]").doesNotContain("EDGECANARY");
          });
      assertThat(edge.toString()).doesNotContain("EDGECANARY");
    }
    RecordedRequest r = server.take();
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(r.getHeaders().get("OpenAI-Organization")).isEqualTo(ORG);
    assertThat(r.getHeaders().get("OpenAI-Project")).isEqualTo("proj_EDGECANARY");
    assertThat(server.requests()).as("a request error is not retried").isEqualTo(1);
    assertThat(c.toString()).doesNotContain("EDGECANARY").contains("OpenAI-Organization");
    assertThat(c.headers().toString()).doesNotContain("EDGECANARY");
  }

  @Test
  void transientFaultsAreRetriedHonouringRetryAfter() {
    server.enqueue(new MockResponse.Builder(Scripted.error(429, "requests", "rate_limit_exceeded", "slow"))
            .addHeader("retry-after-ms", "20").build(),
        Scripted.error(503, "server_error", "", "overloaded"), json("{\"ok\":true}"));
    try (HttpEdge edge = fast(connection(server.baseUrl(), List.of(), Optional.empty()))) {
      assertThat(edge.call(HttpEdge.Call.get("/models"), "list").body()).isEqualTo("{\"ok\":true}");
    }
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void requestErrorsAndRefusedKeysFailAtOnce() {
    for (int status : new int[] {400, 401, 403, 404, 422}) {
      try (Scripted one = new Scripted()) {
        one.enqueue(Scripted.error(status, "invalid_request_error", "", "no " + status), json("{}"));
        try (HttpEdge edge = fast(connection(one.baseUrl(), List.of(), Optional.empty()))) {
          assertThatThrownBy(() -> edge.call(HttpEdge.Call.get("/x"), "get x"))
              .isInstanceOfSatisfying(EndpointError.class, e -> assertThat(e.status()).isEqualTo(status))
              .hasMessageContaining("HTTP " + status).hasMessageContaining("no " + status);
        }
        assertThat(one.requests()).as("HTTP %d is tried once", status).isEqualTo(1);
      }
    }
  }

  @Test
  void retriesExhaustedSayHowManyAndWhy() {
    server.enqueue(Scripted.error(500, "server_error", "", "down"), Scripted.error(502, "", "", "down"),
        Scripted.error(503, "", "", "still down"));
    try (HttpEdge edge = fast(connection(server.baseUrl(), List.of(), Optional.empty()))) {
      assertThatThrownBy(() -> edge.call(HttpEdge.Call.get("/x"), "get x"))
          .hasMessage("could not get x after 3 attempts: HTTP 503 from " + server.baseUrl() + ": still down");
    }
  }

  @Test
  void nothingListeningSaysSo() {
    try (HttpEdge edge = fast(connection("http://127.0.0.1:1/v1", List.of(), Optional.empty()))) {
      assertThatThrownBy(() -> edge.call(HttpEdge.Call.get("/models"), "list the models"))
          .isInstanceOf(EndpointError.class)
          .hasMessage("could not list the models after 3 attempts: connection refused at "
              + "http://127.0.0.1:1/v1; is the server running?");
    }
  }

  @Test
  void thePublicEndpointNeverShowsTheQueryOrUserInfo() {
    Connection c = connection("https://user:pw@example.com:8443/openai/v1/?api-version=2024-10-21&key=s3cr3t",
        List.of(), Optional.empty());
    assertThat(c.publicEndpoint()).isEqualTo("https://example.com:8443/openai/v1");
    assertThat(c.url("/chat/completions")).isEqualTo(URI.create(
        "https://user:pw@example.com:8443/openai/v1/chat/completions?api-version=2024-10-21&key=s3cr3t"));
    assertThat(c.toString()).doesNotContain("s3cr3t").doesNotContain("pw");
    assertThat(c.redact("echo api-version=2024-10-21&key=s3cr3t")).isEqualTo("echo [redacted]");
    LlmConfig llm = LlmConfig.builder().env(Map.of()).model("m").noCache()
        .baseUrl("https://example.com/v1?key=s3cr3t").build();
    assertThat(llm.publicEndpoint()).isEqualTo("https://example.com/v1");
    assertThat(llm.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void anAuthHeaderReplacesTheBearerKeyAndSatisfiesOpenAi() {
    Connection azure = Connection.resolve(Map.of("OPENAI_API_KEY", "sk-not-for-azure"),
        Optional.of("https://api.openai.com/v1"), Optional.empty(),
        List.of(Header.of("api-key", "az", Map.of())), Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(azure.apiKey()).as("the OpenAI key never goes to a host with its own auth header").isEmpty();
    Connection later = Connection.resolve(Map.of(), Optional.of("http://h/v1"), Optional.empty(),
        List.of(Header.of("X-A", "one", Map.of()), Header.of("x-a", "two", Map.of())),
        Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(later.headers()).hasSize(1).first().satisfies(h -> assertThat(h.value().reveal()).isEqualTo("two"));
  }

  @Test
  void badHeadersAreOneLineThatRepeatsNoValue() {
    assertThatThrownBy(() -> Header.parse("sk-pasted-secret", Map.of())).isInstanceOf(UserError.class)
        .hasMessageContaining("NAME=VALUE").hasMessageNotContaining("sk-pasted-secret");
    assertThatThrownBy(() -> Header.parse("api-key=env:NOPE", Map.of())).isInstanceOf(UserError.class)
        .hasMessageContaining("$NOPE, which is not set");
    assertThatThrownBy(() -> Header.parse("Host=evil", Map.of())).isInstanceOf(UserError.class)
        .hasMessageContaining("set by attrprompt itself");
    assertThatThrownBy(() -> Header.parse("bad name=x", Map.of())).isInstanceOf(UserError.class)
        .hasMessageContaining("not a valid HTTP header name");
    assertThatThrownBy(() -> Header.parse("X-A=sec\nret", Map.of())).isInstanceOf(UserError.class)
        .hasMessageNotContaining("sec");
    assertThat(Header.parse("X-Title= attr=prompt ", Map.of()).value().reveal()).isEqualTo("attr=prompt");
  }

  @Test
  void anEndpointFileGivesEveryOptionAndPointsAtItsMistakes() throws Exception {
    Path f = Files.writeString(dir.resolve("azure.yaml"), """
        base_url: https://res.openai.azure.com/openai/v1?api-version=preview
        api_key_env: NONE_NEEDED
        headers:
          api-key: env:AZ
          OpenAI-Project: proj_1
        timeout_seconds: 30
        """, StandardCharsets.UTF_8);
    EndpointFile e = EndpointFile.read(f, Map.of("AZ", "az-secret-value"));
    assertThat(e.baseUrl()).contains("https://res.openai.azure.com/openai/v1?api-version=preview");
    assertThat(e.apiKeyEnv()).contains("NONE_NEEDED");
    assertThat(e.headers()).extracting(Header::name).containsExactly("api-key", "OpenAI-Project");
    assertThat(e.headers().get(0).value().reveal()).isEqualTo("az-secret-value");
    assertThat(e.timeout()).contains(Duration.ofSeconds(30));
    assertThat(e.toString()).doesNotContain("az-secret-value");

    Path bad = Files.writeString(dir.resolve("bad.yaml"), "base_url: http://x/v1\nheader:\n  a: b\n");
    assertThatThrownBy(() -> EndpointFile.read(bad, Map.of())).isInstanceOf(UserError.class)
        .hasMessageStartingWith(bad + ":2:1: unknown key 'header'");
    Path unset = Files.writeString(dir.resolve("unset.yaml"), "headers:\n  api-key: env:AZ\n");
    assertThatThrownBy(() -> EndpointFile.read(unset, Map.of())).isInstanceOf(UserError.class)
        .hasMessageStartingWith(unset + ":2:12: the header api-key takes its value from $AZ");
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }
}
