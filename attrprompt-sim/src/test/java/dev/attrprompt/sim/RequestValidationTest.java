package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 400, 401 and 404 answers carry OpenAI's error body; odd but valid requests are served. */
class RequestValidationTest {
  private static Simulator sim;
  private static Wire wire;

  @BeforeAll
  static void start() throws Exception {
    sim = Simulator.start(SimulatorConfig.builder().key(Wire.KEY).build());
    wire = new Wire(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static JsonNode error(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode error = Wire.json(r.body()).get("error");
    assertThat(error).isNotNull();
    assertThat(error.has("message") && error.has("type") && error.has("param")
        && error.has("code")).as("OpenAI error shape: %s", r.body()).isTrue();
    return error;
  }

  @Test
  void invalidJsonIs400() throws Exception {
    JsonNode e = error(wire.post("/chat/completions", "{\"model\": "), 400);
    assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(e.get("message").asText()).contains("parse the JSON body");
  }

  @Test
  void missingMessagesIs400NamingTheParam() throws Exception {
    JsonNode e = error(wire.post("/chat/completions", "{\"model\":\"m\"}"), 400);
    assertThat(e.get("param").asText()).isEqualTo("messages");
  }

  @Test
  void outOfRangeParametersAre400() throws Exception {
    String base = "\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    assertThat(error(wire.post("/chat/completions", "{" + base + ",\"temperature\":2.5}"), 400)
        .get("param").asText()).isEqualTo("temperature");
    assertThat(error(wire.post("/chat/completions", "{" + base + ",\"n\":0}"), 400)
        .get("param").asText()).isEqualTo("n");
    assertThat(error(wire.post("/chat/completions", "{" + base + ",\"max_tokens\":-1}"), 400)
        .get("param").asText()).isEqualTo("max_tokens");
    assertThat(error(wire.post("/chat/completions",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}"), 400)
        .get("param").asText()).isEqualTo("messages[0].role");
    assertThat(error(wire.post("/embeddings", "{\"model\":\"m\",\"input\":\"x\","
        + "\"dimensions\":0}"), 400).get("param").asText()).isEqualTo("dimensions");
  }

  @Test
  void reasoningModelsRefuseMaxTokensAndTakeMaxCompletionTokens() throws Exception {
    String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    for (String model : new String[] {"o1", "o3-mini", "o4-mini-2025-04-16", "openai/o3", "gpt-5", "gpt-5-nano"}) {
      JsonNode e = error(wire.post("/chat/completions", "{\"model\":\"" + model + "\"," + messages
          + ",\"max_tokens\":50}"), 400);
      assertThat(e.get("param").asText()).as(model).isEqualTo("max_tokens");
      assertThat(e.get("message").asText()).contains("Use 'max_completion_tokens' instead");
      assertThat(wire.post("/chat/completions", "{\"model\":\"" + model + "\"," + messages
          + ",\"max_completion_tokens\":50}").statusCode()).as(model).isEqualTo(200);
    }
    for (String model : new String[] {"gpt-4o-mini", "gpt-4.1", "omni-local", "llama3"}) {
      assertThat(wire.post("/chat/completions", "{\"model\":\"" + model + "\"," + messages
          + ",\"max_tokens\":50}").statusCode()).as(model).isEqualTo(200);
    }
  }

  @Test
  void anyModelNameIsAcceptedAndEchoed() throws Exception {
    String body = "{\"model\":\"my-local-llama\",\"top_p\":0.5,\"max_completion_tokens\":300,"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"Write one joke about \\\"cats\\\".\"}]}]}";
    JsonNode answer = Wire.json(wire.post("/chat/completions", body).body());
    assertThat(answer.get("model").asText()).isEqualTo("my-local-llama");
    assertThat(answer.get("object").asText()).isEqualTo("chat.completion");
    assertThat(answer.at("/choices/0/message/content").asText()).contains("cats");
    assertThat(wire.get("/models/my-local-llama").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathIs404() throws Exception {
    JsonNode e = error(wire.post("/completions/legacy", "{}"), 404);
    assertThat(e.get("message").asText()).contains("Invalid URL (POST /v1/completions/legacy)");
    error(wire.get("/chat/completions"), 404);
    HttpResponse<String> root = wire.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + sim.port() + "/")).GET().build());
    error(root, 404);
  }

  @Test
  void missingOrWrongKeyIs401AndTheKeyIsNotEchoed() throws Exception {
    HttpRequest.Builder noKey = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/models"));
    JsonNode missing = error(wire.send(noKey.GET().build()), 401);
    assertThat(missing.get("message").asText()).contains("didn't provide an API key");

    HttpRequest wrong = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/models"))
        .header("Authorization", "Bearer sk-guess-1234").GET().build();
    HttpResponse<String> r = wire.send(wrong);
    JsonNode e = error(r, 401);
    assertThat(e.get("code").asText()).isEqualTo("invalid_api_key");
    assertThat(r.body()).doesNotContain("sk-guess-1234", Wire.KEY);
  }

  @Test
  void configurationNeverPrintsTheKey() {
    assertThat(sim.config().toString()).doesNotContain(Wire.KEY).contains("key=(set)");
  }

  @Test
  void badConfigurationsAreRejected() {
    assertThatThrownBy(() -> SimulatorConfig.builder().fault500(1.5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fault500");
    assertThatThrownBy(() -> SimulatorConfig.builder().latencyMedianMs(100).latencyP99Ms(50)
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latencyP99Ms");
    assertThatThrownBy(() -> SimulatorConfig.builder().rpm(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rpm");
  }

  @Test
  void baseUrlEndsInV1() {
    assertThat(sim.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + sim.port() + "/v1");
    assertThat(sim.port()).isPositive();
  }
}
