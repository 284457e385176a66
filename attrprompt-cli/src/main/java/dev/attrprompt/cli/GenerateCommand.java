package dev.attrprompt.cli;

import dev.attrprompt.cost.PriceReader;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.llm.BatchClient;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.post.Screening;
import dev.attrprompt.run.BatchAnswerer;
import dev.attrprompt.run.EngineAnswerer;
import dev.attrprompt.run.Generator;
import dev.attrprompt.run.Manifest;
import dev.attrprompt.run.RunSpec;
import dev.attrprompt.run.RunStore;
import dev.attrprompt.task.Generation;
import dev.attrprompt.task.Task;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generates a labeled dataset with an OpenAI-compatible endpoint: exactly N accepted",
        "samples per label, stored in RUN (SQLite). Running it again on RUN resumes where it stopped."})
final class GenerateCommand implements Callable<Integer> {
  @Mixin TaskOptions options;

  @Option(names = "--per-class", paramLabel = "N", description = "Accepted samples per label (default: the task's generation.per_class).")
  Integer perClass;

  @Option(names = "--out", paramLabel = "RUN", required = true, description = "The run folder (created, or resumed).")
  Path run;

  @Option(names = "--model", paramLabel = "M", description = "Model (default: the task's generation.model).")
  String model;

  @Mixin EndpointOptions endpoint;

  @Option(names = "--budget-usd", paramLabel = "B", description = "Hard cap on spending; in-flight requests reserve their worst case.")
  Double budgetUsd;

  @Option(names = "--rpm", paramLabel = "R", defaultValue = "0", description = "Requests per minute (default: learned from the provider's headers).")
  long rpm;

  @Option(names = "--tpm", paramLabel = "T", defaultValue = "0", description = "Tokens per minute (default: learned from the provider's headers).")
  long tpm;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "32", description = "Most requests in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--max-rounds", paramLabel = "K", defaultValue = "6", description = "Top-up rounds for rejected samples (default: ${DEFAULT-VALUE}).")
  int maxRounds;

  @Option(names = "--min-words", paramLabel = "W", defaultValue = "5", description = "Reject shorter texts (default: ${DEFAULT-VALUE}).")
  int minWords;

  @Option(names = "--max-words", paramLabel = "W", defaultValue = "2000", description = "Reject longer texts (default: ${DEFAULT-VALUE}).")
  int maxWords;

  @Option(names = "--near-duplicate", paramLabel = "J", defaultValue = "0.8", description = "Jaccard threshold for near-duplicates; above 1 turns it off (default: ${DEFAULT-VALUE}).")
  double nearDuplicate;

  @Option(names = "--batch", description = "Send the requests through the OpenAI Batch API (half price, answers within 24 h).")
  boolean batch;

  @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = "30", description = "How often to poll a batch (default: ${DEFAULT-VALUE}).")
  long pollSeconds;

  @Option(names = "--plan-only", description = "Create or update RUN's plan without calling any endpoint (for 'attrprompt batch export').")
  boolean planOnly;

  @Option(names = "--prices", paramLabel = "FILE", description = "YAML file with 'prices: {model: {input, output}}'.")
  Path prices;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The environment the key and base URL are read from (tests give their own). */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Task task = options.load();
    PlanOptions plan = options.plan(task, perClass);
    Generation g = task.generation();
    String chosenModel = model != null ? model : g.model();
    if (planOnly) {
      return planOnly(out, task, plan, g, chosenModel);
    }
    PriceTable table = prices == null ? PriceTable.withOverrides(task.prices())
        : PriceTable.withOverrides(task.prices(), PriceReader.file(prices));
    LlmConfig.Builder config = endpoint.llm(env, chosenModel).concurrency(concurrency)
        .rpm(rpm).tpm(tpm).prices(table).cache(run.resolve("cache.sqlite"));
    if (budgetUsd != null) {
      config.budgetUsd(budgetUsd);
    }
    LlmConfig llm = config.build();
    RunSpec runSpec = new RunSpec(plan, new Screening.Rules(minWords, maxWords, nearDuplicate), maxRounds);
    Generation parameters = new Generation(chosenModel, g.temperature(), g.topP(), g.maxTokens(), plan.perClass(), plan.seed());

    if (batch) {
      try (RunStore store = RunStore.open(run)) {
        Manifest.writeOrCheck(store, Manifest.of(task, runSpec, manifestGeneration(parameters, llm.baseUrl()),
            Main.version()));
        BatchAnswerer answerer = new BatchAnswerer(new BatchClient(llm), parameters, table,
            java.time.Duration.ofSeconds(Math.max(1, pollSeconds)), 5, line -> {
              err.println("[batch] " + line);
              err.flush();
            });
        return report(out, new Generator(task, runSpec, store).run(answerer));
      }
    }
    try (RunStore store = RunStore.open(run); Engine engine = Engine.open(llm)) {
      Manifest.writeOrCheck(store, Manifest.of(task, runSpec, manifestGeneration(parameters, llm.baseUrl()),
          Main.version()));
      long total = (long) plan.perClass() * task.labels().size();
      CountDownLatch finished = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        engine.stop();
        try {
          finished.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "stop-on-signal");
      Runtime.getRuntime().addShutdownHook(hook);
      Generator.Result result;
      try (ProgressReporter progress = new ProgressReporter(err, System.console() != null, engine, total)) {
        result = new Generator(task, runSpec, store).onScreened(a -> progress.screened(a, total))
            .run(new EngineAnswerer(engine, parameters, progress::outcome));
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is already shutting down: the hook is running
        }
      }
      return report(out, result);
    }
  }

  private int report(PrintWriter out, Generator.Result result) {
    out.printf("%s: %s%n", run, result.message());
    out.println("accepted per label: " + result.accepted());
    out.println("see 'attrprompt status " + run + "', then 'attrprompt export " + run + " --out DIR'");
    out.flush();
    return result.complete() ? 0 : Main.FAILURE;
  }

  private int planOnly(PrintWriter out, Task task, PlanOptions plan, Generation g, String chosenModel) {
    RunSpec runSpec = new RunSpec(plan, new Screening.Rules(minWords, maxWords, nearDuplicate), maxRounds);
    Generation parameters = new Generation(chosenModel, g.temperature(), g.topP(), g.maxTokens(), plan.perClass(), plan.seed());
    try (RunStore store = RunStore.open(run)) {
      Map<String, Object> generation = manifestGeneration(parameters, null);
      Manifest.writeOrCheck(store, Manifest.of(task, runSpec, generation, Main.version()));
      var done = new Generator(task, runSpec, store).plan();
      out.printf("%s: %s%n", run, done.map(Generator.Result::message)
          .orElse(store.unanswered().size() + " requests wait for answers; write them with 'attrprompt batch export "
              + run + " --out FILE'"));
    }
    out.flush();
    return 0;
  }

  private static Map<String, Object> manifestGeneration(Generation g, URI baseUrl) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", g.model());
    m.put("endpoint", baseUrl == null ? "batch files" : baseUrl.getScheme() + "://" + baseUrl.getHost()
        + (baseUrl.getPort() > 0 ? ":" + baseUrl.getPort() : "") + baseUrl.getPath());
    m.put("temperature", g.temperature());
    m.put("top_p", g.topP());
    m.put("max_tokens", g.maxTokens());
    return m;
  }
}
