package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Secret;
import java.util.Map;

/** The endpoint options shared by the commands that call an LLM: base URL, key variable, model. */
final class Endpoints {
  private Endpoints() {}

  /**
   * A config builder for {@code model} at {@code baseUrl} (or $OPENAI_BASE_URL, or OpenAI) with the
   * key read from {@code apiKeyEnv}; with nothing configured, one line that says how to configure it.
   */
  static LlmConfig.Builder builder(Map<String, String> env, String baseUrl, String apiKeyEnv, String model) {
    String key = env.get(apiKeyEnv);
    if (baseUrl == null && env.get(LlmConfig.BASE_URL_ENV) == null && (key == null || key.isBlank())) {
      throw new UserError("no endpoint configured: set " + apiKeyEnv + " for OpenAI, or pass --base-url for a "
          + "local OpenAI-compatible server (Ollama: http://127.0.0.1:11434/v1, vLLM: http://127.0.0.1:8000/v1), "
          + "or start 'attrprompt simulate --port 8089' and pass --base-url http://127.0.0.1:8089/v1");
    }
    LlmConfig.Builder b = LlmConfig.builder().env(env).model(model);
    if (baseUrl != null) {
      b.baseUrl(baseUrl);
    }
    if (key != null && !key.isBlank()) {
      b.apiKey(Secret.of(key));
    }
    return b;
  }
}
