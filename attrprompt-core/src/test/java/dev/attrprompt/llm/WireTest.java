package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WireTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void requestCarriesEveryGenerationParameter() throws Exception {
    ChatRequest r = new ChatRequest("id-1", List.of(Message.system("be brief"),
        Message.user("write \"news\"")), 0.7, 0.9, 256, OptionalLong.of(42), 3);
    JsonNode body = JSON.readTree(Wire.request("gpt-4o-mini", r));

    assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.path("messages")).hasSize(2);
    assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").path(1).path("content").asText()).isEqualTo("write \"news\"");
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
    assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    assertThat(body.path("n").asInt()).isEqualTo(1);
    assertThat(body.path("seed").asLong()).isEqualTo(42);
    assertThat(body.has("id")).as("the caller's id is ours, not the provider's").isFalse();
  }

  @Test
  void noSeedMeansNoSeedField() throws Exception {
    ChatRequest r = new ChatRequest("a", List.of(Message.user("x")), 1, 1, 10, OptionalLong.empty(), 0);
    assertThat(JSON.readTree(Wire.request("m", r)).has("seed")).isFalse();
  }

  @Test
  void reasoningModelsGetMaxCompletionTokens() {
    assertThat(Wire.maxTokensField("gpt-5-mini")).isEqualTo("max_completion_tokens");
    assertThat(Wire.maxTokensField("o3")).isEqualTo("max_completion_tokens");
    assertThat(Wire.maxTokensField("o4-mini-2025-04-16")).isEqualTo("max_completion_tokens");
    assertThat(Wire.maxTokensField("openai/gpt-5")).isEqualTo("max_completion_tokens");
    assertThat(Wire.maxTokensField("gpt-4o-mini")).isEqualTo("max_tokens");
    assertThat(Wire.maxTokensField("gpt-3.5-turbo")).isEqualTo("max_tokens");
    assertThat(Wire.maxTokensField("llama3.1:8b")).isEqualTo("max_tokens");
    assertThat(Wire.maxTokensField("olmo-7b")).isEqualTo("max_tokens");
  }

  @Test
  void responseFieldsAreRead() throws Exception {
    String body = Scripted.body("hello", 11, 7);
    ChatResponse r = Wire.response(body, Map.of("x-request-id", List.of("req_1")), false,
        c -> { throw new AssertionError("usage was present"); });

    assertThat(r.content()).isEqualTo("hello");
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(r.systemFingerprint()).isEqualTo("fp_test");
    assertThat(r.usage()).isEqualTo(new TokenUsage(11, 7, false));
    assertThat(r.usage().total()).isEqualTo(18);
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.headers()).containsEntry("x-request-id", List.of("req_1"));
    assertThat(r.cached()).isFalse();
  }

  @Test
  void nullContentIsEmptyTextNotAFailure() throws Exception {
    ChatResponse r = Wire.response("""
        {"choices":[{"message":{"role":"assistant","content":null,"refusal":"no"},\
        "finish_reason":"content_filter"}],"usage":{"prompt_tokens":1,"completion_tokens":0}}""",
        Map.of(), false, c -> null);
    assertThat(r.content()).isEmpty();
    assertThat(r.finishReason()).isEqualTo("content_filter");
  }

  @Test
  void bodiesThatAreNotChatCompletionsAreMalformed() {
    for (String bad : List.of("", "{", "<html>502</html>", "{\"choices\":[]}", "[]", "null",
        "{\"choices\":[{\"text\":\"legacy\"}]}")) {
      assertThatThrownBy(() -> Wire.response(bad, Map.of(), false, c -> null)).as(bad)
          .isInstanceOf(Wire.Malformed.class);
    }
  }

  @Test
  void providerErrorsAreReadFromAnyShape() {
    assertThat(Wire.error("""
        {"error":{"message":"You exceeded your current quota","type":"insufficient_quota",\
        "param":null,"code":"insufficient_quota"}}"""))
        .isEqualTo(new Wire.ProviderError("You exceeded your current quota", "insufficient_quota",
            "insufficient_quota"));
    assertThat(Wire.error("{\"error\":\"model not loaded\"}").message()).isEqualTo("model not loaded");
    assertThat(Wire.error("Bad Gateway").message()).isEqualTo("Bad Gateway");
    assertThat(Wire.error("{\"detail\":\"x\"}").message()).isEqualTo("{\"detail\":\"x\"}");
  }
}
