package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code attrprompt simulate}: the OpenAI-compatible simulator as a server. Mistakes in its options
 * (a rate outside [0, 1], a negative limit, a port out of range or already taken) are one line
 * with exit code 2; an address other than loopback is said at start, since others can reach it.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Runs an OpenAI-compatible simulator (chat, embeddings, batch) with rate limits,",
        "latency and faults, for offline runs and tests. Everything it answers is simulated.",
        "It listens on 127.0.0.1 unless --host says otherwise; stop it with Ctrl-C."})
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}); any other than loopback is reachable from other machines.")
  String host;
  @Option(names = "--port", paramLabel = "P", defaultValue = "8089", description = "Port, 0 to 65535; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;
  @Option(names = "--rpm", paramLabel = "R", defaultValue = "0", description = "Requests per minute; 0 = unlimited (default).")
  int rpm;
  @Option(names = "--tpm", paramLabel = "T", defaultValue = "0", description = "Tokens per minute; 0 = unlimited (default).")
  long tpm;
  @Option(names = "--latency-ms-median", paramLabel = "MS", defaultValue = "0", description = "Median latency in ms (default: 0).")
  long latencyMedian;
  @Option(names = "--latency-ms-p99", paramLabel = "MS", defaultValue = "0", description = "p99 latency in ms, 0 or at least the median; log-normal when above the median (default: 0).")
  long latencyP99;
  @Option(names = "--fault-429", paramLabel = "X", defaultValue = "0", description = "Share of requests answered 429, from 0 to 1 (default: 0).")
  double fault429;
  @Option(names = "--fault-500", paramLabel = "X", defaultValue = "0", description = "Share answered 500.")
  double fault500;
  @Option(names = "--fault-503", paramLabel = "X", defaultValue = "0", description = "Share answered 503.")
  double fault503;
  @Option(names = "--fault-timeout", paramLabel = "X", defaultValue = "0", description = "Share that hang past any client timeout.")
  double faultTimeout;
  @Option(names = "--fault-reset", paramLabel = "X", defaultValue = "0", description = "Share whose connection is reset.")
  double faultReset;
  @Option(names = "--fault-malformed", paramLabel = "X", defaultValue = "0", description = "Share answered with malformed JSON.")
  double faultMalformed;
  @Option(names = "--fault-truncate", paramLabel = "X", defaultValue = "0", description = "Share cut off (finish_reason length).")
  double faultTruncate;
  @Option(names = "--fault-refusal", paramLabel = "X", defaultValue = "0", description = "Share answered with a refusal.")
  double faultRefusal;
  @Option(names = "--fault-off-label", paramLabel = "X", defaultValue = "0",
      description = "Share of texts written about a different label than the one asked for (a similar class the prompt names, else a label seen before).")
  double faultOffLabel;
  @Option(names = "--judge-error", paramLabel = "X", defaultValue = "0",
      description = "Share of answers to \"which of these labels fits this text?\" prompts that name a wrong option; the others name the label the simulated text was written about (default: 0).")
  double judgeError;
  @Option(names = "--quota", paramLabel = "N", defaultValue = "0", description = "Answer insufficient_quota after this many requests; 0 = never (default).")
  long quota;
  @Option(names = "--key", paramLabel = "KEY", description = "Require this API key (default: any non-empty key).")
  String key;
  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the fault and latency draws, and of the content of requests that carry no seed (default: 0).")
  long seed;
  @Option(names = "--api-version", paramLabel = "V", description = "As Azure OpenAI: require ?api-version=V on every request (404 without it).")
  String apiVersion;
  @Option(names = "--require-header", paramLabel = "NAME=VALUE", description = "Require this header with this value on every request (401 otherwise); repeatable.")
  java.util.Map<String, String> requiredHeaders = new java.util.LinkedHashMap<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    SimulatorConfig config = config();
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new UserError("--host " + host + " is not an address of this machine; use 127.0.0.1, or 0.0.0.0 for every interface");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Simulator sim = start(config)) {
      if (!address.isLoopbackAddress()) {
        spec.commandLine().getErr().println("attrprompt simulate: listening on " + host + ":"
            + sim.baseUrl().getPort() + ": reachable from other machines (--host 127.0.0.1 keeps it on this one)");
        spec.commandLine().getErr().flush();
      }
      out.println("attrprompt simulator (SIMULATED answers, not a language model) on " + sim.baseUrl());
      out.println("use it with: OPENAI_API_KEY=" + (key != null ? "<the --key value>" : "anything")
          + " attrprompt generate ... --base-url " + sim.baseUrl() + "   (stop with Ctrl-C)");
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }

  /** The options as a configuration; each mistake is named by its option. */
  private SimulatorConfig config() {
    if (port < 0 || port > 65_535) {
      throw new UserError("--port must be from 0 to 65535 (0 picks a free port), not " + port);
    }
    nonNegative("--rpm", rpm);
    nonNegative("--tpm", tpm);
    nonNegative("--latency-ms-median", latencyMedian);
    nonNegative("--latency-ms-p99", latencyP99);
    nonNegative("--quota", quota);
    if (latencyP99 != 0 && latencyP99 < latencyMedian) {
      throw new UserError("--latency-ms-p99 must be 0 or at least --latency-ms-median (" + latencyMedian
          + "), not " + latencyP99);
    }
    share("--fault-429", fault429);
    share("--fault-500", fault500);
    share("--fault-503", fault503);
    share("--fault-timeout", faultTimeout);
    share("--fault-reset", faultReset);
    share("--fault-malformed", faultMalformed);
    share("--fault-truncate", faultTruncate);
    share("--fault-refusal", faultRefusal);
    share("--fault-off-label", faultOffLabel);
    share("--judge-error", judgeError);
    if (key != null && key.isBlank()) {
      throw new UserError("--key must not be blank; leave it out to accept any key");
    }
    SimulatorConfig.Builder b = SimulatorConfig.builder().host(host).port(port).rpm(rpm).tpm(tpm)
        .latencyMedianMs(latencyMedian).latencyP99Ms(latencyP99).fault429(fault429).fault500(fault500)
        .fault503(fault503).faultTimeout(faultTimeout).faultReset(faultReset).faultMalformed(faultMalformed)
        .faultTruncate(faultTruncate).faultRefusal(faultRefusal).faultOffLabel(faultOffLabel).judgeError(judgeError).quota(quota).seed(seed);
    if (key != null) {
      b.key(key);
    }
    if (apiVersion != null) {
      b.apiVersion(apiVersion);
    }
    requiredHeaders.forEach(b::requireHeader);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UserError("simulate: " + e.getMessage() + " (see 'attrprompt simulate --help')");
    }
  }

  private Simulator start(SimulatorConfig config) {
    try {
      return Simulator.start(config);
    } catch (BindException e) {
      String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("in use")
          ? "the port is already in use; stop what uses it, or choose another with --port (0 picks a free one)"
          : "this machine has no such address (" + e.getMessage() + "); use 127.0.0.1 or 0.0.0.0";
      throw new UserError("cannot listen on " + host + ":" + port + ": " + reason);
    } catch (IOException e) {
      throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
  }

  private static void nonNegative(String option, long value) {
    if (value < 0) {
      throw new UserError(option + " must be 0 or more, not " + value);
    }
  }

  private static void share(String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new UserError(option + " is a share of requests, from 0 to 1, not " + value);
    }
  }
}
