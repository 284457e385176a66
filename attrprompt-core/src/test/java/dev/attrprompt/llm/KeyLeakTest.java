package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.Price;
import dev.attrprompt.cost.PriceTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API key reaches the Authorization header and nothing else: no outcome, message, toString,
 * exception or cache file, whatever goes wrong, even when the provider echoes it back.
 */
@Timeout(60)
class KeyLeakTest {
  private static final String KEY = "proj-LEAKCANARY-7f3a9c2e51d04b8e-test";
  private static final String HEADER = "org-LEAKCANARY-header-5e6f";
  private static final String ECHO = "Incorrect API key provided: " + KEY + " for " + HEADER + ".";

  @TempDir
  Path dir;

  private final List<String> seen = new ArrayList<>();

  @Test
  void noFailureKindLeaksTheKey() throws Exception {
    scenario("401", s -> s.enqueue(Scripted.error(401, "invalid_request_error", "invalid_api_key", ECHO)));
    scenario("403", s -> s.enqueue(Scripted.error(403, "permission_error", "", ECHO)));
    scenario("404", s -> s.enqueue(Scripted.error(404, "invalid_request_error", "model_not_found", ECHO)));
    scenario("400", s -> s.enqueue(Scripted.error(400, "invalid_request_error", "", ECHO)));
    scenario("500", s -> s.enqueue(Scripted.error(500, "server_error", "", ECHO),
        Scripted.error(500, "server_error", "", ECHO)));
    scenario("429", s -> s.enqueue(Scripted.error(429, "requests", "rate_limit_exceeded", ECHO),
        Scripted.error(429, "requests", "rate_limit_exceeded", ECHO)));
    scenario("quota", s -> s.enqueue(Scripted.error(429, "insufficient_quota", "insufficient_quota", ECHO)));
    scenario("plain text error", s -> s.enqueue(new MockResponse.Builder().code(502).body(ECHO).build(),
        new MockResponse.Builder().code(502).body(ECHO).build()));
    scenario("malformed", s -> s.enqueue(new MockResponse.Builder().code(200).body("{" + ECHO).build(),
        new MockResponse.Builder().code(200).body("{" + ECHO).build()));
    scenario("timeout", s -> s.enqueue(new MockResponse.Builder(Scripted.ok("late", 1, 1))
        .headersDelay(3, TimeUnit.SECONDS).build(), new MockResponse.Builder(Scripted.ok("late", 1, 1))
        .headersDelay(3, TimeUnit.SECONDS).build()));
    scenario("disconnect", s -> s.enqueue(new MockResponse.Builder()
        .onRequestStart(new SocketEffect.CloseSocket()).build(), new MockResponse.Builder()
        .onRequestStart(new SocketEffect.CloseSocket()).build()));
    scenario("success", s -> s.enqueue(Scripted.ok("fine", 5, 5)));
    budgetStop();

    assertThat(seen).hasSizeGreaterThan(30);
    assertThat(seen).noneMatch(t -> t.contains(KEY)).noneMatch(t -> t.contains("LEAKCANARY"));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .as(f.toString()).doesNotContain("LEAKCANARY");
      }
    }
  }

  @Test
  void configurationAndSecretsPrintRedacted() {
    LlmConfig config = LlmConfig.builder().env(Map.of("OPENAI_API_KEY", KEY)).model("gpt-4o-mini")
        .noCache().build();
    assertThat(config.apiKey()).isPresent();
    assertThat(config.apiKey().get().reveal()).isEqualTo(KEY);
    assertThat(config.toString()).doesNotContain("LEAKCANARY").contains("Secret[redacted]");
    assertThat(Secret.of(KEY).toString()).isEqualTo("Secret[redacted]");
    LlmConfig withHeader = LlmConfig.builder().env(Map.of()).model("m").noCache()
        .baseUrl("https://gw.example/v1?token=" + KEY).header(Header.of("X-Gateway-Token", HEADER, Map.of()))
        .build();
    assertThat(withHeader.toString()).doesNotContain("LEAKCANARY").contains("X-Gateway-Token");
    assertThat(withHeader.connection().toString()).doesNotContain("LEAKCANARY");
    assertThat(withHeader.publicEndpoint()).isEqualTo("https://gw.example/v1");
    assertThatThrownBy(() -> Header.parse("X-Gateway-Token" + HEADER, Map.of()))
        .isInstanceOf(UserError.class).message().doesNotContain("LEAKCANARY");
    assertThatThrownBy(() -> LlmConfig.builder().env(Map.of()).model("m")
        .baseUrl("ftp://user:" + KEY + "@example.com/v1").build())
        .isInstanceOf(UserError.class).message().doesNotContain("LEAKCANARY");
  }

  private void scenario(String name, Consumer<Scripted> script) throws IOException {
    try (Scripted s = new Scripted()) {
      script.accept(s);
      LlmConfig config = s.config().apiKey(Secret.of(KEY)).maxAttempts(2)
          .header(Header.of("OpenAI-Organization", "env:ORG", Map.of("ORG", HEADER)))
          .requestTimeout(Duration.ofMillis(300)).cache(dir.resolve(name + ".sqlite")).build();
      seen.add(config.toString());
      try (Engine engine = Engine.open(config)) {
        seen.add(engine.toString());
        try {
          engine.run(List.of(Scripted.request(name)), o -> seen.add(o.toString()));
        } catch (RuntimeException e) {
          seen.add(e.toString());
          seen.add(String.valueOf(e.getMessage()));
        }
        seen.add(engine.stats().toString());
      }
      if (!name.equals("disconnect")) { // that socket closes before the server reads the headers
        // the key was sent where it belongs
        var headers = s.take().getHeaders();
        assertThat(headers.get("Authorization")).as(name).isEqualTo("Bearer " + KEY);
        assertThat(headers.get("OpenAI-Organization")).as(name).isEqualTo(HEADER);
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private void budgetStop() {
    try (Scripted s = new Scripted()) {
      LlmConfig config = s.config().apiKey(Secret.of(KEY)).model("m").budgetUsd(0.0)
          .prices(PriceTable.withOverrides(Map.of("m", new Price(1, 1)))).build();
      try (Engine engine = Engine.open(config)) {
        RunEnd end = engine.run(List.of(Scripted.request("b")), o -> seen.add(o.toString()));
        assertThat(end.halt()).hasValueSatisfying(h -> {
          seen.add(h.message());
          assertThat(h.reason()).isEqualTo(Outcome.StopReason.BUDGET);
        });
      }
      assertThat(s.requests()).isZero();
    }
  }
}
