package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmConfigTest {

  @Test
  void baseUrlAndKeyFallBackToTheSdkEnvironmentVariables() {
    LlmConfig c = LlmConfig.builder().model("m").noCache()
        .env(Map.of("OPENAI_BASE_URL", "http://localhost:8000/v1/", "OPENAI_API_KEY", "sk-env"))
        .build();
    assertThat(c.baseUrl()).isEqualTo(URI.create("http://localhost:8000/v1"));
    assertThat(c.endpoint()).isEqualTo(URI.create("http://localhost:8000/v1/chat/completions"));
    assertThat(c.apiKey().orElseThrow().reveal()).isEqualTo("sk-env");
  }

  @Test
  void explicitValuesWin() {
    LlmConfig c = LlmConfig.builder().model("m").noCache().baseUrl("https://proxy.example/v1")
        .apiKey(Secret.of("sk-explicit"))
        .env(Map.of("OPENAI_BASE_URL", "http://localhost:8000/v1", "OPENAI_API_KEY", "sk-env"))
        .build();
    assertThat(c.baseUrl()).isEqualTo(URI.create("https://proxy.example/v1"));
    assertThat(c.apiKey().orElseThrow().reveal()).isEqualTo("sk-explicit");
  }

  @Test
  void defaultsAreOpenAiWithACacheAndEightAttempts() {
    LlmConfig c = LlmConfig.builder().model("gpt-4o-mini")
        .env(Map.of("OPENAI_API_KEY", "sk-x", "XDG_CACHE_HOME", "/tmp/xdg")).build();
    assertThat(c.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
    assertThat(c.maxAttempts()).isEqualTo(8);
    assertThat(c.cache()).contains(Path.of("/tmp/xdg/attrprompt/responses.sqlite"));
    assertThat(c.budgetUsd()).isEmpty();
    assertThat(c.rpm()).isZero();
  }

  @Test
  void openAiWithoutAKeyIsAUserError() {
    assertThatThrownBy(() -> LlmConfig.builder().model("gpt-4o-mini").env(Map.of()).build())
        .isInstanceOf(UserError.class).hasMessageContaining("OPENAI_API_KEY")
        .hasMessageContaining("--api-key-env");
  }

  @Test
  void aLocalServerNeedsNoKey() {
    LlmConfig c = LlmConfig.builder().model("llama3").noCache().env(Map.of())
        .baseUrl("http://127.0.0.1:11434/v1").build();
    assertThat(c.apiKey()).isEmpty();
  }

  @Test
  void badInputIsOneClearLine() {
    assertThatThrownBy(() -> LlmConfig.builder().env(Map.of()).build())
        .isInstanceOf(UserError.class).hasMessageContaining("--model");
    assertThatThrownBy(() -> LlmConfig.builder().model("m").env(Map.of()).baseUrl("localhost:8000").build())
        .isInstanceOf(UserError.class).hasMessageContaining("--base-url");
    assertThatThrownBy(() -> LlmConfig.builder().budgetUsd(-1))
        .isInstanceOf(UserError.class).hasMessageContaining("budget");
    assertThatThrownBy(() -> Secret.of("  \n")).isInstanceOf(IllegalArgumentException.class);
  }
}
