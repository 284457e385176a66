package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each injected fault at rate 1.0 shows its symptom to a plain HTTP client. */
class FaultTest {
  private static final String PROMPT =
      Wire.attrPrompt("sports", "marathon training", "casual", "Kenya", 60);

  private static Simulator start(UnaryOperator<SimulatorConfig.Builder> fault) throws IOException {
    return Simulator.start(fault.apply(SimulatorConfig.builder()).build());
  }

  @Test
  void serverError() throws Exception {
    try (Simulator sim = start(b -> b.fault500(1.0))) {
      HttpResponse<String> r = new Wire(sim).post("/chat/completions", Wire.chatBody(PROMPT, 1));
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(Wire.json(r.body()).at("/error/type").asText()).isEqualTo("server_error");
      assertThat(sim.stats().count(Outcome.SERVER_ERROR)).isEqualTo(1);
    }
  }

  @Test
  void unavailable() throws Exception {
    try (Simulator sim = start(b -> b.fault503(1.0))) {
      HttpResponse<String> r = new Wire(sim).post("/chat/completions", Wire.chatBody(PROMPT, 1));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(Wire.json(r.body()).at("/error/message").asText()).contains("overloaded");
      assertThat(sim.stats().count(Outcome.UNAVAILABLE)).isEqualTo(1);
    }
  }

  @Test
  void injectedRateLimit() throws Exception {
    try (Simulator sim = start(b -> b.fault429(1.0))) {
      HttpResponse<String> r =
          new Wire(sim).post("/embeddings", "{\"model\":\"e\",\"input\":\"x\"}");
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("retry-after")).hasValue("1");
      assertThat(Wire.json(r.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(sim.stats().count(Outcome.RATE_LIMITED)).isEqualTo(1);
    }
  }

  @Test
  void malformedBodyFailsToParse() throws Exception {
    try (Simulator sim = start(b -> b.faultMalformed(1.0))) {
      HttpResponse<String> r = new Wire(sim).post("/chat/completions", Wire.chatBody(PROMPT, 1));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).startsWith("{\"id\":\"chatcmpl-");
      assertThatThrownBy(() -> Wire.MAPPER.readTree(r.body()))
          .isInstanceOf(JsonProcessingException.class);
      assertThat(sim.stats().count(Outcome.MALFORMED)).isEqualTo(1);
    }
  }

  @Test
  void truncatedAnswerEndsWithLength() throws Exception {
    String full;
    try (Simulator clean = start(b -> b)) {
      full = new Wire(clean).content(PROMPT, 1);
    }
    try (Simulator sim = start(b -> b.faultTruncate(1.0))) {
      JsonNode answer = new Wire(sim).chat(PROMPT, 1);
      assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("length");
      String text = answer.at("/choices/0/message/content").asText();
      assertThat(full).startsWith(text);
      assertThat(Wire.words(text)).isEqualTo(Wire.words(full) / 2);
      assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo((text.length() + 3) / 4);
      assertThat(sim.stats().count(Outcome.TRUNCATED)).isEqualTo(1);
    }
  }

  @Test
  void maxTokensCutsTheAnswer() throws Exception {
    try (Simulator sim = start(b -> b)) {
      String body = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
          + "\"content\":" + Wire.MAPPER.writeValueAsString(PROMPT) + "}]}";
      JsonNode answer = Wire.json(new Wire(sim).post("/chat/completions", body).body());
      assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("length");
      assertThat(answer.at("/usage/completion_tokens").asInt()).isBetween(1, 10);
      assertThat(answer.at("/choices/0/message/content").asText().length()).isLessThanOrEqualTo(40);
    }
  }

  @Test
  void refusal() throws Exception {
    try (Simulator sim = start(b -> b.faultRefusal(1.0))) {
      JsonNode answer = new Wire(sim).chat(PROMPT, 1);
      assertThat(answer.at("/choices/0/message/content").asText())
          .isEqualTo("I'm sorry, but I can't help with that request.");
      assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
      assertThat(sim.stats().count(Outcome.REFUSAL)).isEqualTo(1);
    }
  }

  @Test
  void resetClosesTheConnectionWithoutAnAnswer() throws Exception {
    try (Simulator sim = start(b -> b.faultReset(1.0))) {
      Wire wire = new Wire(sim);
      assertThatThrownBy(() -> wire.post("/chat/completions", Wire.chatBody(PROMPT, 1)))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(HttpTimeoutException.class);
      assertThat(sim.stats().count(Outcome.RESET)).isEqualTo(1);
    }
  }

  @Test
  void hangOutlastsTheClientTimeoutAndEndsOnClose() throws Exception {
    Simulator sim = start(b -> b.faultTimeout(1.0));
    try (sim) {
      Wire wire = new Wire(sim);
      HttpRequest request = wire.request("/chat/completions").timeout(Duration.ofMillis(300))
          .POST(HttpRequest.BodyPublishers.ofString(Wire.chatBody(PROMPT, 1))).build();
      assertThatThrownBy(() -> wire.send(request)).isInstanceOf(HttpTimeoutException.class);
      assertThat(sim.stats().count(Outcome.TIMEOUT)).isEqualTo(1);
    }
    // close() released the hanging handler instead of waiting ten minutes (the test would hang)
    assertThat(sim.stats().outcomeTotal()).isEqualTo(sim.stats().requests());
  }

  @Test
  void faultsApplyToModelEndpointsOnly() throws Exception {
    try (Simulator sim = start(b -> b.fault500(1.0))) {
      assertThat(new Wire(sim).get("/models").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void offLabelTextsAreAboutTheSimilarClassThePromptNames() throws Exception {
    String text;
    String usual;
    try (Simulator sim = start(b -> b.faultOffLabel(1.0))) {
      HttpResponse<String> r = new Wire(sim).post("/chat/completions", Wire.chatBody(PROMPT, 1));
      assertThat(r.statusCode()).isEqualTo(200);
      text = Wire.json(r.body()).at("/choices/0/message/content").asText();
    }
    try (Simulator sim = start(b -> b)) {
      usual = Wire.json(new Wire(sim).post("/chat/completions", Wire.chatBody(PROMPT, 1)).body())
          .at("/choices/0/message/content").asText();
    }
    assertThat(usual).contains("sports").contains("marathon training").doesNotContain("politics");
    assertThat(text).contains("simulated").contains("politics").contains("Kenya").contains("casual")
        .doesNotContain("sports").doesNotContain("marathon training");
  }

  @Test
  void offLabelWithoutASimilarClassTakesALabelSeenBefore() throws Exception {
    String plain = "Write a news article about \"%s\". Length: between 40 and 60 words.";
    try (Simulator first = start(b -> b.faultOffLabel(1.0))) {
      Wire w = new Wire(first);
      // nothing seen yet: the first answer stays on its label
      String one = Wire.json(w.post("/chat/completions", Wire.chatBody(plain.formatted("science"), 3)).body())
          .at("/choices/0/message/content").asText();
      assertThat(one).contains("science");
      String two = Wire.json(w.post("/chat/completions", Wire.chatBody(plain.formatted("business"), 3)).body())
          .at("/choices/0/message/content").asText();
      assertThat(two).contains("science").doesNotContain("business");
    }
  }

  @Test
  void offLabelRateIsValidated() {
    assertThatThrownBy(() -> SimulatorConfig.builder().faultOffLabel(1.5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("faultOffLabel");
  }
}
