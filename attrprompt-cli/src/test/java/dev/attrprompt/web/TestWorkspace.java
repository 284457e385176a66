package dev.attrprompt.web;

import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Secret;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A workspace for web tests: a temporary folder with the bundled example task in {@code tasks/}
 * and a simulator on 127.0.0.1 (any free port) that accepts only {@link #KEY}.
 */
final class TestWorkspace implements AutoCloseable {
  /** The example task the workspace holds, as {@code tasks/<name>}. */
  static final String EXAMPLE = dev.attrprompt.cli.BundledExamples.DEFAULT;
  /** The task's workspace name. */
  static final String TASK = "tasks/" + EXAMPLE;
  /** A key no page, response or log may ever show. */
  static final String KEY = "canary-web-key-7f3a9c1e5b2d4680QWERTY";
  /** A header secret (a gateway's, say) that no page, response or log may show either. */
  static final String HEADER_SECRET = "canary-header-secret-51c0ffee9d";

  final Path root;
  final Simulator sim;

  private TestWorkspace(Path root, Simulator sim) {
    this.root = root;
    this.sim = sim;
  }

  /** A workspace in {@code dir} with the example task and a simulator configured by {@code sim}. */
  static TestWorkspace create(Path dir, SimulatorConfig.Builder sim) throws IOException {
    copyExample(dir.resolve(TASK));
    return new TestWorkspace(dir, Simulator.start(sim.port(0).key(KEY).requireHeader("X-Gateway-Secret", HEADER_SECRET)
        .build()));
  }

  /** A workspace with a plain simulator (no faults, no latency). */
  static TestWorkspace create(Path dir) throws IOException {
    return create(dir, SimulatorConfig.builder().seed(7));
  }

  /** The task folder. */
  Path task() {
    return root.resolve(TASK);
  }

  /**
   * The server's endpoint: the simulator, with the canary key and a gateway header whose value is
   * read from an environment, as {@code --header X-Gateway-Secret=env:GATEWAY_SECRET} does.
   */
  WebOptions.Endpoint endpoint() {
    java.util.Map<String, String> env = java.util.Map.of(LlmConfig.API_KEY_ENV, KEY, "GATEWAY_SECRET", HEADER_SECRET);
    return model -> LlmConfig.builder().env(env).baseUrl(sim.baseUrl().toString()).apiKey(Secret.of(KEY))
        .header(dev.attrprompt.llm.Header.parse("X-Gateway-Secret=env:GATEWAY_SECRET", env))
        .model(model).requestTimeout(java.time.Duration.ofSeconds(10));
  }

  /** Server options over this workspace on a free port. */
  WebOptions options(boolean readOnly) {
    return new WebOptions(root, WebOptions.LOCAL, 0, readOnly, endpoint());
  }

  /** Copies the example task packed with the CLI's resources into {@code to}. */
  static Path copyExample(Path to) throws IOException {
    return dev.attrprompt.cli.BundledExamples.extract(EXAMPLE, to);
  }

  @Override
  public void close() {
    sim.close();
  }

  /** Closes a browser test's browser, server and workspace, in that order; those not made are skipped. */
  static void closeAll(Chromium browser, WebServer server, TestWorkspace ws) {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (ws != null) {
      ws.close();
    }
  }
}
