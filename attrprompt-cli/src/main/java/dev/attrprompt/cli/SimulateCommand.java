package dev.attrprompt.cli;

import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Runs an OpenAI-compatible simulator (chat, embeddings, batch) with rate limits,",
        "latency and faults, for offline runs and tests. Everything it answers is simulated."})
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;
  @Option(names = "--port", defaultValue = "8089", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;
  @Option(names = "--rpm", defaultValue = "0", description = "Requests per minute; 0 = unlimited.")
  int rpm;
  @Option(names = "--tpm", defaultValue = "0", description = "Tokens per minute; 0 = unlimited.")
  long tpm;
  @Option(names = "--latency-ms-median", defaultValue = "0", description = "Median latency in ms.")
  long latencyMedian;
  @Option(names = "--latency-ms-p99", defaultValue = "0", description = "p99 latency in ms (log-normal when above the median).")
  long latencyP99;
  @Option(names = "--fault-429", defaultValue = "0", description = "Share of requests answered 429.")
  double fault429;
  @Option(names = "--fault-500", defaultValue = "0", description = "Share answered 500.")
  double fault500;
  @Option(names = "--fault-503", defaultValue = "0", description = "Share answered 503.")
  double fault503;
  @Option(names = "--fault-timeout", defaultValue = "0", description = "Share that hang past any client timeout.")
  double faultTimeout;
  @Option(names = "--fault-reset", defaultValue = "0", description = "Share whose connection is reset.")
  double faultReset;
  @Option(names = "--fault-malformed", defaultValue = "0", description = "Share answered with malformed JSON.")
  double faultMalformed;
  @Option(names = "--fault-truncate", defaultValue = "0", description = "Share cut off (finish_reason length).")
  double faultTruncate;
  @Option(names = "--fault-refusal", defaultValue = "0", description = "Share answered with a refusal.")
  double faultRefusal;
  @Option(names = "--fault-off-label", defaultValue = "0",
      description = "Share of texts written about a different label than the one asked for (a similar class the prompt names, else a label seen before).")
  double faultOffLabel;
  @Option(names = "--quota", defaultValue = "0", description = "Answer insufficient_quota after this many requests; 0 = never.")
  long quota;
  @Option(names = "--key", description = "Require this API key (default: any non-empty key).")
  String key;
  @Option(names = "--seed", defaultValue = "0", description = "Seed of the fault and latency draws, and of the content of requests that carry no seed.")
  long seed;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    SimulatorConfig.Builder b = SimulatorConfig.builder().host(host).port(port).rpm(rpm).tpm(tpm)
        .latencyMedianMs(latencyMedian).latencyP99Ms(latencyP99).fault429(fault429).fault500(fault500)
        .fault503(fault503).faultTimeout(faultTimeout).faultReset(faultReset).faultMalformed(faultMalformed)
        .faultTruncate(faultTruncate).faultRefusal(faultRefusal).faultOffLabel(faultOffLabel).quota(quota).seed(seed);
    if (key != null) {
      b.key(key);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Simulator sim = Simulator.start(b.build())) {
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
}
