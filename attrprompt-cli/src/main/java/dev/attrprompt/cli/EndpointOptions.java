package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.llm.Connection;
import dev.attrprompt.llm.EndpointFile;
import dev.attrprompt.llm.Header;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The endpoint options of every command that calls an LLM or an embeddings API (generate,
 * attributes discover, and analyze/evaluate/compare with {@code --embeddings api}). Options on
 * the command line win over the endpoint file; headers of the same name too.
 */
final class EndpointOptions {
  static final long DEFAULT_TIMEOUT_SECONDS = dev.attrprompt.llm.LlmConfig.DEFAULT_TIMEOUT_SECONDS;

  @Option(names = "--base-url", paramLabel = "U",
      description = "OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1; a query (Azure's ?api-version=...) is kept on every request (default: $OPENAI_BASE_URL, else OpenAI).")
  String baseUrl;

  @Option(names = "--api-key-env", paramLabel = "VAR",
      description = "Environment variable that holds the API key, sent as 'Authorization: Bearer' (default: OPENAI_API_KEY).")
  String apiKeyEnv;

  @Option(names = "--header", paramLabel = "NAME=VALUE",
      description = "Extra header for every request, repeatable: api-key=env:AZURE_OPENAI_API_KEY (Azure), OpenAI-Organization=..., OpenAI-Project=...; VALUE env:VAR reads $VAR. Values are secrets: never shown.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--endpoint-config", paramLabel = "FILE",
      description = "YAML file with base_url, api_key_env, headers and timeout_seconds (docs/endpoints.md).")
  Path file;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Timeout of one HTTP attempt (default: " + DEFAULT_TIMEOUT_SECONDS + ").")
  Long timeoutSeconds;

  /**
   * An engine config for {@code model} at the chosen endpoint, with the key, headers and timeout;
   * with nothing configured at all, one line that says how to configure it.
   */
  LlmConfig.Builder llm(Map<String, String> env, String model) {
    Resolved r = resolve(env);
    LlmConfig.Builder b = LlmConfig.builder().env(env).model(model).headers(r.headers())
        .requestTimeout(r.timeout());
    r.baseUrl().ifPresent(b::baseUrl);
    r.key().ifPresent(b::apiKey);
    return b;
  }

  /** The connection alone, for the embeddings API. */
  Connection connection(Map<String, String> env) {
    Resolved r = resolve(env);
    return Connection.resolve(env, r.baseUrl(), r.key(), r.headers(), Duration.ofSeconds(20),
        r.timeout());
  }

  private record Resolved(Optional<String> baseUrl, Optional<Secret> key, List<Header> headers,
      Duration timeout) {}

  private Resolved resolve(Map<String, String> env) {
    Optional<EndpointFile> f = Optional.ofNullable(file).map(p -> EndpointFile.read(p, env));
    Optional<String> url = Optional.ofNullable(baseUrl).or(() -> f.flatMap(EndpointFile::baseUrl));
    String keyEnv = Optional.ofNullable(apiKeyEnv).or(() -> f.flatMap(EndpointFile::apiKeyEnv))
        .orElse(LlmConfig.API_KEY_ENV);
    Optional<Secret> key = Optional.ofNullable(env.get(keyEnv)).filter(k -> !k.isBlank())
        .map(Secret::of);
    if (key.isEmpty() && !keyEnv.equals(LlmConfig.API_KEY_ENV)) {
      // never fall back to $OPENAI_API_KEY here: it would go to a host it was not meant for
      throw new UserError("$" + keyEnv + " (named by " + (apiKeyEnv != null ? "--api-key-env" : file)
          + ") is not set: export it, or name the variable that holds the key");
    }
    List<Header> all = new ArrayList<>(f.map(EndpointFile::headers).orElse(List.of()));
    for (String h : headers) {
      all.add(Header.parse(h, env));
    }
    if (url.isEmpty() && env.get(LlmConfig.BASE_URL_ENV) == null && key.isEmpty() && all.isEmpty()) {
      throw new UserError("no endpoint configured: set " + keyEnv + " for OpenAI, or pass --base-url for a "
          + "local OpenAI-compatible server (Ollama: http://127.0.0.1:11434/v1, vLLM: http://127.0.0.1:8000/v1), "
          + "or start 'attrprompt simulate --port 8089' and pass --base-url http://127.0.0.1:8089/v1 "
          + "(more providers: docs/endpoints.md)");
    }
    long seconds = Optional.ofNullable(timeoutSeconds)
        .or(() -> f.flatMap(EndpointFile::timeout).map(Duration::toSeconds))
        .orElse(DEFAULT_TIMEOUT_SECONDS);
    if (seconds < 1) {
      throw new UserError("--timeout must be at least 1 second");
    }
    return new Resolved(url, key, all, Duration.ofSeconds(seconds));
  }
}
