package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** RPM/TPM buckets, their headers, and the quota, seen on the wire. */
class RateLimitTest {

  @Test
  void everyAnswerCarriesRateLimitHeaders() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().rpm(10).tpm(10_000).build())) {
      Wire wire = new Wire(sim);
      HttpResponse<String> r = wire.post("/chat/completions", Wire.chatBody("hello there", 1));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).hasValue("10");
      assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("9");
      assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("10000");
      // prompt "hello there" = 3 + 3 + 3 tokens, plus the default 256 reserved for the answer
      long remaining = Long.parseLong(r.headers().firstValue("x-ratelimit-remaining-tokens")
          .orElseThrow());
      assertThat(remaining).isBetween(10_000L - 265, 10_000L - 264);
      assertThat(r.headers().firstValue("x-ratelimit-reset-requests").orElseThrow())
          .matches("6s|5\\.\\d{1,3}s"); // one request of 10 RPM refills in 6 s
      assertThat(r.headers().firstValue("x-ratelimit-reset-tokens").orElseThrow())
          .matches("\\d+(\\.\\d+)?s|\\d+ms");

      HttpResponse<String> models = wire.get("/models");
      assertThat(models.statusCode()).isEqualTo(200);
      assertThat(models.headers().firstValue("x-ratelimit-limit-requests")).hasValue("10");
      HttpResponse<String> notFound = wire.get("/nowhere");
      assertThat(notFound.headers().firstValue("x-ratelimit-remaining-requests")).isPresent();
    }
  }

  @Test
  void unlimitedStillAnswersHeaders() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
      HttpResponse<String> r = new Wire(sim).post("/chat/completions", Wire.chatBody("hi", 1));
      assertThat(r.headers().firstValue("x-ratelimit-limit-requests"))
          .hasValue(Long.toString(RateLimiter.UNLIMITED));
      assertThat(r.headers().firstValue("x-ratelimit-reset-tokens")).hasValue("0s");
    }
  }

  @Test
  void overTheRequestLimitGets429WithRetryAfter() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().rpm(2).build())) {
      Wire wire = new Wire(sim);
      assertThat(wire.post("/chat/completions", Wire.chatBody("a", 1)).statusCode())
          .isEqualTo(200);
      assertThat(wire.post("/chat/completions", Wire.chatBody("b", 1)).statusCode())
          .isEqualTo(200);
      HttpResponse<String> r = wire.post("/chat/completions", Wire.chatBody("c", 1));

      assertThat(r.statusCode()).isEqualTo(429);
      // 2 RPM refills one request every 30 s
      assertThat(Long.parseLong(r.headers().firstValue("retry-after").orElseThrow()))
          .isBetween(29L, 30L);
      assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
      JsonNode error = Wire.json(r.body()).get("error");
      assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(error.get("type").asText()).isEqualTo("requests");
      assertThat(error.get("message").asText()).contains("RPM");
      assertThat(error.has("param")).isTrue();
    }
  }

  @Test
  void overTheTokenLimitGets429OfTypeTokens() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().tpm(600).build())) {
      Wire wire = new Wire(sim);
      String body = "{\"model\":\"m\",\"max_tokens\":200,\"messages\":[{\"role\":\"user\","
          + "\"content\":\"hello\"}]}"; // 3 + 3 + 2 + 200 = 208 tokens reserved
      assertThat(wire.post("/chat/completions", body).statusCode()).isEqualTo(200);
      assertThat(wire.post("/chat/completions", body).statusCode()).isEqualTo(200);
      HttpResponse<String> r = wire.post("/chat/completions", body);

      assertThat(r.statusCode()).isEqualTo(429);
      JsonNode error = Wire.json(r.body()).get("error");
      assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(error.get("type").asText()).isEqualTo("tokens");
      assertThat(r.headers().firstValue("retry-after")).isPresent();
      // 600 - 2 * 208, plus what refilled meanwhile (10 tokens a second)
      assertThat(Long.parseLong(r.headers().firstValue("x-ratelimit-remaining-tokens")
          .orElseThrow())).isBetween(184L, 207L);
    }
  }

  @Test
  void quotaAnswersInsufficientQuotaAfterN() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().quota(3).build())) {
      Wire wire = new Wire(sim);
      for (int i = 0; i < 3; i++) {
        assertThat(wire.post("/chat/completions", Wire.chatBody("q" + i, i)).statusCode())
            .isEqualTo(200);
      }
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> r = wire.post("/chat/completions", Wire.chatBody("more", i));
        assertThat(r.statusCode()).isEqualTo(429);
        JsonNode error = Wire.json(r.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("insufficient_quota");
        assertThat(error.get("type").asText()).isEqualTo("insufficient_quota");
        assertThat(r.headers().firstValue("retry-after")).isEmpty();
      }
      assertThat(sim.stats().count(Outcome.QUOTA)).isEqualTo(2);
      assertThat(sim.stats().count(Outcome.OK)).isEqualTo(3);
    }
  }

  @Test
  void durationsUseOpenAiFormat() {
    assertThat(Durations.format(0)).isEqualTo("0s");
    assertThat(Durations.format(20)).isEqualTo("20ms");
    assertThat(Durations.format(1000)).isEqualTo("1s");
    assertThat(Durations.format(1500)).isEqualTo("1.5s");
    assertThat(Durations.format(6 * 60_000)).isEqualTo("6m0s");
    assertThat(Durations.format(90_462)).isEqualTo("1m30.462s");
    assertThat(Durations.format(3_600_000)).isEqualTo("1h0m0s");
  }
}
