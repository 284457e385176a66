package dev.attrprompt.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An OpenAI-compatible server that simulates a language model: chat completions, embeddings,
 * models, files and the Batch API, with rate limits, latency and injected faults, so that a
 * client and a data-generation pipeline can be exercised offline, deterministically and for free.
 * Everything it answers is simulated: {@code system_fingerprint} is {@code attrprompt-sim}, texts
 * say "simulated", and no real model is involved.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorConfig.builder().rpm(500).build())) {
 *   URI base = sim.baseUrl(); // http://127.0.0.1:PORT/v1
 *   ...
 * }
 * }</pre>
 *
 * <p>Runs on the JDK's {@code HttpServer}, one virtual thread per request.
 */
public final class Simulator implements AutoCloseable {

  private final SimulatorConfig config;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Counters counters;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  private Simulator(SimulatorConfig config) throws IOException {
    this.config = config;
    this.counters = new Counters();
    RateLimiter limiter = new RateLimiter(config.rpm(), config.tpm());
    Dice dice = new Dice(config);
    ChatService chat = new ChatService(config.judgeError());
    FileStore files = new FileStore();
    ModelCalls models = new ModelCalls(config, limiter, dice, chat, counters);
    Batches batches = new Batches(files, chat, dice, counters, config);
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", new Api(config, counters, limiter, models, files, batches,
        stopping));
  }

  /**
   * Binds and starts a simulator.
   *
   * @throws IOException when the address cannot be bound (for example, the port is in use)
   */
  public static Simulator start(SimulatorConfig config) throws IOException {
    Simulator simulator = new Simulator(config);
    simulator.server.start();
    return simulator;
  }

  /** The port it listens on (the ephemeral one chosen, when configured with 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL for OpenAI clients, ending in {@code /v1}, e.g. http://127.0.0.1:8080/v1. */
  public URI baseUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + port() + "/v1");
  }

  /** The configuration it runs with. */
  public SimulatorConfig config() {
    return config;
  }

  /** What it has served so far; the same numbers as {@code GET /sim/stats}. */
  public Stats stats() {
    return counters.snapshot();
  }

  /** Stops listening, releases hanging requests and waits briefly for handlers to finish. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopping.countDown();
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
