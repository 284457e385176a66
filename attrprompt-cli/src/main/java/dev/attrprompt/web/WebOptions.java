package dev.attrprompt.web;

import dev.attrprompt.llm.LlmConfig;
import java.nio.file.Path;

/**
 * How {@code attrprompt serve} serves a workspace.
 *
 * @param root the workspace folder: its task and run folders are all the server can reach
 * @param host the address to bind; 127.0.0.1 unless a person chose otherwise
 * @param port the port; 0 picks any free one
 * @param readOnly whether every change is refused and pages show no forms
 * @param endpoint makes the engine settings of runs started from a page, from the server's own
 *     options and environment; a request never supplies a key, a header or a base URL
 */
public record WebOptions(Path root, String host, int port, boolean readOnly, Endpoint endpoint) {

  /** The default address: this machine only. */
  public static final String LOCAL = "127.0.0.1";

  public WebOptions {
    root = root.toAbsolutePath().normalize();
    if (port < 0 || port > 65_535) {
      throw new dev.attrprompt.UserError("--port must be between 0 and 65535, not " + port);
    }
  }

  /** The server's endpoint settings for a model (key, headers, base URL and timeouts from its environment). */
  @FunctionalInterface
  public interface Endpoint {
    /**
     * The engine settings for {@code model}.
     *
     * @throws dev.attrprompt.UserError when no endpoint is configured, in one line that says how
     */
    LlmConfig.Builder forModel(String model);
  }

  /** An endpoint for servers that start no runs: asking it says how to configure one. */
  public static Endpoint noEndpoint() {
    return model -> {
      throw new dev.attrprompt.UserError("this server has no endpoint: restart 'attrprompt serve' with the endpoint "
          + "options of 'attrprompt generate' (--base-url, --api-key-env, ...) or $OPENAI_API_KEY set");
    };
  }
}
