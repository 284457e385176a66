package dev.attrprompt.llm;

import dev.attrprompt.UserError;
import dev.attrprompt.yaml.YamlFiles;
import dev.attrprompt.yaml.YamlMap;
import dev.attrprompt.yaml.YamlNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An endpoint file (docs/endpoints.md): the endpoint options of a provider written down once, so
 * that Azure OpenAI, a gateway or an organisation's headers need no long command line.
 *
 * <pre>
 * base_url: https://my-resource.openai.azure.com/openai/deployments/gpt-4o-mini?api-version=2024-10-21
 * headers:                             # optional; a value env:VAR is read from $VAR
 *   api-key: env:AZURE_OPENAI_API_KEY
 *   OpenAI-Project: proj_123
 * timeout_seconds: 120                 # optional: one HTTP attempt
 * # api_key_env: VAR                   # optional: the variable that holds a bearer key
 * </pre>
 *
 * Every header value is a secret; write {@code env:VAR} rather than the value itself where it is one.
 *
 * @param baseUrl the base URL, if the file names one
 * @param apiKeyEnv the variable holding the bearer key, if the file names one
 * @param headers the headers, values resolved
 * @param timeout one HTTP attempt, if the file says
 */
public record EndpointFile(Optional<String> baseUrl, Optional<String> apiKeyEnv,
    List<Header> headers, Optional<Duration> timeout) {
  private static final List<String> KEYS =
      List.of("base_url", "api_key_env", "headers", "timeout_seconds");

  public EndpointFile {
    headers = List.copyOf(headers);
  }

  /** Reads {@code file}; a mistake is one line naming the file, line and column. */
  public static EndpointFile read(Path file, Map<String, String> env) {
    YamlMap root = YamlFiles.read(file).asMap().allowOnly(KEYS);
    Optional<String> baseUrl = root.get("base_url").map(YamlNode::asNonBlankString);
    Optional<String> keyEnv = root.get("api_key_env").map(YamlNode::asNonBlankString);
    List<Header> headers = new ArrayList<>();
    Optional<YamlNode> h = root.get("headers");
    if (h.isPresent()) {
      for (Map.Entry<String, YamlNode> e : h.get().asMap().entries().entrySet()) {
        try {
          headers.add(Header.of(e.getKey(), e.getValue().asString(), env));
        } catch (UserError problem) {
          throw e.getValue().error(problem.getMessage());
        }
      }
    }
    Optional<Duration> timeout = Optional.empty();
    Optional<YamlNode> t = root.get("timeout_seconds");
    if (t.isPresent()) {
      long seconds = t.get().asLong();
      if (seconds < 1) {
        throw t.get().error("timeout_seconds must be at least 1");
      }
      timeout = Optional.of(Duration.ofSeconds(seconds));
    }
    return new EndpointFile(baseUrl, keyEnv, headers, timeout);
  }
}
