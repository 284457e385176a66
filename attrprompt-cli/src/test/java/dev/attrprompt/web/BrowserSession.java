package dev.attrprompt.web;

import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every browser test class starts from, made once before its tests and closed after them:
 * a temporary folder, a workspace in it with the example task and a simulator on 127.0.0.1, a
 * server over the workspace (it may change things) and Debian's chromium with a fresh profile.
 * Register it in the test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrowserSession session = BrowserSession.create().started(s -> {
 *   ws = s.ws();
 *   server = s.server();
 *   browser = s.browser();
 * });
 * }</pre>
 */
final class BrowserSession implements BeforeAllCallback, AfterAllCallback {

  /** Work on the workspace before the server starts (e.g. a run the pages then show). */
  interface Setup {
    void run(TestWorkspace ws) throws Exception;
  }

  private SimulatorConfig.Builder simulator = SimulatorConfig.builder().seed(7);
  private UnaryOperator<LlmConfig.Builder> endpoint = UnaryOperator.identity();
  private Setup setup = ws -> {};
  private java.util.function.Consumer<BrowserSession> started = s -> {};

  private Path tmp;
  private TestWorkspace ws;
  private WebServer server;
  private Chromium browser;

  private BrowserSession() {}

  /** A session with the plain simulator (seed 7, no faults, no latency) and the workspace's endpoint as is. */
  static BrowserSession create() {
    return new BrowserSession();
  }

  /** The simulator the workspace starts instead of the plain one. */
  BrowserSession simulator(SimulatorConfig.Builder sim) {
    this.simulator = sim;
    return this;
  }

  /** Changes the server's endpoint settings for every model (e.g. fewer requests at a time). */
  BrowserSession endpoint(UnaryOperator<LlmConfig.Builder> change) {
    this.endpoint = change;
    return this;
  }

  /** Runs {@code work} on the workspace before the server starts. */
  BrowserSession beforeServer(Setup work) {
    this.setup = work;
    return this;
  }

  /** Hands the started session to the test class (which keeps its parts in its own fields). */
  BrowserSession started(java.util.function.Consumer<BrowserSession> then) {
    this.started = then;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    tmp = Files.createTempDirectory("attrprompt-browser-");
    ws = TestWorkspace.create(tmp.resolve("ws"), simulator);
    setup.run(ws);
    TestWorkspace made = ws;
    server = WebServer.start(new WebOptions(ws.root, WebOptions.LOCAL, 0, false,
        model -> endpoint.apply(made.endpoint().forModel(model))));
    browser = Chromium.start(tmp.resolve("profile"));
    started.accept(this);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      TestWorkspace.closeAll(browser, server, ws);
    } finally {
      dev.attrprompt.FileTrees.deleteQuietly(tmp);
    }
  }

  /** The temporary folder that holds the workspace ({@code ws/}) and the browser's profile. */
  Path tmp() {
    return tmp;
  }

  TestWorkspace ws() {
    return ws;
  }

  WebServer server() {
    return server;
  }

  Chromium browser() {
    return browser;
  }
}
