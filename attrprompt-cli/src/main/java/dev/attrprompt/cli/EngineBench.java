package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Secret;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.run.Answerer;
import dev.attrprompt.run.EngineAnswerer;
import dev.attrprompt.run.RunStore;
import dev.attrprompt.sim.Outcome;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import dev.attrprompt.task.Generation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a workload against the simulator in this process, through the engine into a real run
 * store, and then the same workload with the strategy of the AttrPrompt authors' scripts
 * ({@link ReferenceClient}); prints achieved and theoretical throughput and their ratio.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
    description = {"Measures the request engine against the in-process simulator.",
        "The default workload has RPM 3000, TPM 1,000,000, latency median 1 s / p99 5 s, 5%% 429 and "
            + "2%% 500 injected; the paper scripts' strategy runs on the same workload after it.",
        "'--workload overhead' has no limits and no latency: it prints the engine's requests per "
            + "second, a bare java.net.http client's on the same server in the same run, and "
            + "overhead_ratio, the first over the second (target: at least 0.5)."})
final class EngineBench implements Callable<Integer> {
  @Option(names = "--workload", paramLabel = "W", defaultValue = "default", description = "default or overhead (default: ${DEFAULT-VALUE}).")
  String workload;

  @Option(names = "--requests", paramLabel = "N", description = "Requests to send (default: 3,000; overhead: 20,000).")
  Integer requests;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "200", description = "Requests in flight, for the engine and the bare client (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--reference-seconds", paramLabel = "S", defaultValue = "120", description = "Time limit of the reference run (default: ${DEFAULT-VALUE}).")
  int referenceSeconds;

  @Option(names = "--no-reference", description = "Skip the reference strategy.")
  boolean noReference;

  @Option(names = "--json", description = "One JSON object.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static final int MAX_TOKENS = 200;
  static final String MODEL = "gpt-4o-mini";

  @Override
  public Integer call() throws IOException, InterruptedException {
    boolean overhead = switch (workload) {
      case "default" -> false;
      case "overhead" -> true;
      default -> throw new UserError("--workload must be default or overhead, not '" + workload + "'");
    };
    int n = requests != null ? requests : overhead ? 20_000 : 3_000;
    SimulatorConfig config = overhead
        ? SimulatorConfig.builder().port(0).seed(1).build()
        : SimulatorConfig.builder().port(0).seed(1).rpm(3000).tpm(1_000_000).latencyMedianMs(1000)
            .latencyP99Ms(5000).fault429(0.05).fault500(0.02).build();
    Map<String, Object> result = overhead ? measureOverhead(config, n) : measureEngine(config, n, false);
    if (!overhead && !noReference) {
      result.put("reference", measureReference(config, n, (double) result.get("theoretical_rpm")));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.pretty(result));
    } else {
      result.forEach((k, v) -> out.printf("%-36s %s%n", k, v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v));
    }
    out.flush();
    return 0;
  }

  private Map<String, Object> measureEngine(SimulatorConfig config, int n, boolean overhead)
      throws IOException {
    try (Simulator sim = Simulator.start(config)) {
      return measureEngine(config, sim, n, overhead);
    }
  }

  /** Rounds of the overhead workload: each sends a share of the requests bare, then through the engine. */
  static final int ROUNDS = 4;

  /**
   * The engine's rate over a bare client's, both against one in-process simulator. After a
   * warm-up of each path (not counted), {@link #ROUNDS} rounds each send a share of the requests
   * with the bare client and then through the engine (a fresh store each round); alternating
   * cancels out drift in the machine's load, which other processes may change during the run.
   */
  private Map<String, Object> measureOverhead(SimulatorConfig config, int n)
      throws IOException, InterruptedException {
    try (Simulator sim = Simulator.start(config)) {
      BaselineClient bare = new BaselineClient(sim.baseUrl(), MODEL, MAX_TOKENS, concurrency);
      int warm = Math.max(1, n / 5);
      bare.run(workloadRequests(warm));
      measureEngine(config, sim, warm, true);
      long bareDone = 0;
      long bareFailed = 0;
      double bareSeconds = 0;
      double bareCpu = 0;
      long engineDone = 0;
      double engineSeconds = 0;
      double engineCpu = 0;
      Map<String, Object> total = new LinkedHashMap<>();
      List<Double> bareRates = new ArrayList<>();
      List<Double> engineRates = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        int share = n / ROUNDS + (round < n % ROUNDS ? 1 : 0);
        List<PlannedRequest> bareRequests = workloadRequests(share);
        double cpu = cpuSeconds();
        BaselineClient.Result b = bare.run(bareRequests);
        bareCpu += cpuSeconds() - cpu;
        bareDone += b.completed();
        bareFailed += b.failed();
        bareSeconds += b.seconds();
        bareRates.add(round(b.perSecond()));
        Map<String, Object> e = measureEngine(config, sim, share, true);
        engineDone += (long) e.get("completed");
        engineSeconds += (double) e.get("seconds");
        engineCpu += (double) e.get("cpu_seconds");
        engineRates.add(round((double) e.get("requests_per_second")));
        e.forEach((k, v) -> total.merge(k, v, EngineBench::sum));
      }
      double engine = engineDone / engineSeconds;
      double baseline = bareDone / bareSeconds;
      total.put("requests", n);
      total.put("seconds", engineSeconds);
      total.put("achieved_rpm", engine * 60);
      total.put("requests_per_second", engine);
      total.put("rounds", ROUNDS);
      total.put("requests_per_second_by_round", engineRates);
      total.put("baseline_requests_per_second", baseline);
      total.put("baseline_requests_per_second_by_round", bareRates);
      total.put("baseline_completed", bareDone);
      total.put("baseline_failed", bareFailed);
      total.put("cpu_ms_per_request", engineCpu * 1000 / Math.max(1, engineDone));
      total.put("baseline_cpu_ms_per_request", bareCpu * 1000 / Math.max(1, bareDone));
      total.put("overhead_ratio", engine / baseline);
      total.put("overhead_target", ">= 0.5");
      return total;
    }
  }

  /** Adds counts of two rounds; keeps the first of anything else (names, states). */
  private static Object sum(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return x + y;
    }
    if (a instanceof Integer x && b instanceof Integer y) {
      return x + y;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x + y;
    }
    return a.equals(b) ? a : a + ", " + b;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private Map<String, Object> measureEngine(SimulatorConfig config, Simulator sim, int n, boolean overhead)
      throws IOException {
    Path dir = Files.createTempDirectory("attrprompt-bench-");
    long okBefore = sim.stats().count(Outcome.OK);
    long httpBefore = sim.stats().requests();
    try (RunStore store = RunStore.open(dir.resolve("run"))) {
      List<PlannedRequest> planned = workloadRequests(n);
      store.plan(planned, 1);
      LlmConfig llm = LlmConfig.builder().env(Map.of()).baseUrl(sim.baseUrl().toString())
          .apiKey(Secret.of("bench")).model(MODEL).concurrency(concurrency)
          .requestTimeout(Duration.ofSeconds(30)).backoff(Duration.ofMillis(200), Duration.ofSeconds(10))
          .cache(dir.resolve("cache.sqlite")).prices(PriceTable.builtInTable()).build();
      Generation params = new Generation(MODEL, 1.0, 1.0, MAX_TOKENS, n, 1);
      double cpu = cpuSeconds();
      long start = System.nanoTime();
      Answerer.End end;
      long retries;
      try (Engine engine = Engine.open(llm)) {
        end = new EngineAnswerer(engine, params, o -> { }).answer(store.unanswered(), store);
        retries = engine.stats().retries();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      cpu = cpuSeconds() - cpu;
      Map<String, Map<RunStore.Status, Integer>> counts = store.counts();
      long answered = counts.values().stream().mapToLong(m -> m.getOrDefault(RunStore.Status.ANSWERED, 0)).sum();
      long failed = counts.values().stream().mapToLong(m -> m.getOrDefault(RunStore.Status.FAILED, 0)).sum();
      long okServed = sim.stats().count(Outcome.OK) - okBefore;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workload", overhead ? "overhead" : "default");
      m.put("requests", n);
      m.put("completed", answered);
      m.put("failed", failed);
      m.put("lost", n - answered - failed);
      m.put("duplicates", Math.max(0, okServed - answered));
      m.put("seconds", seconds);
      m.put("cpu_seconds", cpu);
      double achieved = answered / (seconds / 60);
      m.put("achieved_rpm", achieved);
      if (overhead) {
        m.put("requests_per_second", answered / seconds);
      } else {
        double theoretical = theoretical(config, sim, concurrency);
        m.put("theoretical_rpm", theoretical);
        m.put("ratio", achieved / theoretical);
      }
      m.put("http_requests", sim.stats().requests() - httpBefore);
      m.put("retries", retries); // attempts beyond the first, those the server never saw included
      m.put("ended", end instanceof Answerer.End.Completed ? "completed" : end.toString());
      return m;
    } finally {
      dev.attrprompt.FileTrees.deleteQuietly(dir);
    }
  }

  /**
   * CPU time of this whole process (the in-process simulator's share included), so that a
   * request's cost can be compared between the engine and the bare client on a busy machine,
   * where their rates also move with what other processes take.
   */
  static double cpuSeconds() {
    return java.lang.management.ManagementFactory.getPlatformMXBean(
        com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime() / 1e9;
  }

  /** min(RPM limit, TPM limit / tokens per request, concurrency x 60 / mean latency). */
  static double theoretical(SimulatorConfig c, Simulator sim, int concurrency) {
    double tokensPerRequest = (double) (sim.stats().promptTokens()) / Math.max(1, sim.stats().count(Outcome.OK))
        + MAX_TOKENS; // the simulator charges prompt tokens plus max_tokens against TPM
    double sigma = Math.log((double) c.latencyP99Ms() / c.latencyMedianMs()) / 2.326;
    double meanSeconds = c.latencyMedianMs() * Math.exp(sigma * sigma / 2) / 1000.0;
    return Math.min(c.rpm(), Math.min(c.tpm() / tokensPerRequest, concurrency * 60 / meanSeconds));
  }

  private Map<String, Object> measureReference(SimulatorConfig config, int n, double theoretical)
      throws IOException, InterruptedException {
    try (Simulator sim = Simulator.start(config)) {
      ReferenceClient.Result r = new ReferenceClient(sim.baseUrl(), MAX_TOKENS)
          .run(workloadRequests(n), Duration.ofSeconds(referenceSeconds));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("strategy", "batches of 20 sent together; wait for all; on any error sleep 15 s and resend the batch");
      m.put("requests", n);
      m.put("completed", r.completed());
      m.put("failed", 0);
      m.put("lost", 0);
      m.put("unfinished_at_time_limit", n - r.completed());
      m.put("duplicates", r.duplicates());
      m.put("seconds", r.seconds());
      double achieved = r.completed() / (r.seconds() / 60);
      m.put("achieved_rpm", achieved);
      m.put("theoretical_rpm", theoretical);
      m.put("ratio", achieved / theoretical);
      m.put("http_requests", sim.stats().requests());
      m.put("errors", r.errors());
      return m;
    }
  }

  static List<PlannedRequest> workloadRequests(int n) {
    String[] labels = {"world", "sports", "business", "sci_tech"};
    List<PlannedRequest> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String label = labels[i % labels.length];
      long index = i / labels.length;
      out.add(new PlannedRequest(PlannedRequest.id(label, index), label, List.of(label), index, Map.of(), i + 1L,
          "Write one news article about \"" + label + "\" (benchmark item " + i + ").\n"
              + "- Length: between 50 and 100 words."));
    }
    return out;
  }


}
