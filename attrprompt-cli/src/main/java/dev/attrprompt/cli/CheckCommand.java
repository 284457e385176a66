package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.WorkFailure;
import dev.attrprompt.cost.Price;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.data.JsonlSource;
import dev.attrprompt.eval.data.RunSource;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Embedders;
import dev.attrprompt.eval.fidelity.ClassifierJudge;
import dev.attrprompt.eval.fidelity.FidelityReport;
import dev.attrprompt.eval.fidelity.LlmJudge;
import dev.attrprompt.eval.fidelity.Verdict;
import dev.attrprompt.eval.report.FidelityRender;
import dev.attrprompt.fidelity.BatchLedger;
import dev.attrprompt.fidelity.LabelAsker;
import dev.attrprompt.llm.BatchJobs;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.run.Manifest;
import dev.attrprompt.run.RunLock;
import dev.attrprompt.run.RunStore;
import dev.attrprompt.task.Task;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Label fidelity: is each text about its label, or does it look like another one?",
        "--judge classifier (default, free, offline): a classifier cross-fitted on the data itself (k folds)",
        "gives every sample out-of-fold label probabilities; a sample is flagged when its own label's",
        "probability is below that label's threshold and another label's reaches its own (confident learning).",
        "--judge llm: the endpoint is asked, for each sample, which one of its label, its similar classes",
        "(from the run's task, or --task; every label when the task lists none) and \"none of these\" fits",
        "it; JSONL without --task is asked among all its labels. Cached, priced, under --budget-usd; for a",
        "run, every answer is recorded in the run (asking again pays nothing) and counts toward its spending.",
        "--judge llm --batch: the questions not yet answered go out through the OpenAI Batch API at the batch",
        "price (several batches when one file cannot hold them), never more at their worst case than --budget-usd;",
        "the batch ids are kept (in the run, or for JSONL in a state file beside the response cache) until the",
        "answers are recorded, so running the same check again after a stop polls them instead of buying again.",
        "Reports each label's estimated off-label rate, the flagged samples with the label they look like,",
        "and the most confused pairs (next to the task's similar classes when a task is known)."})
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA",
      description = "A run folder, or JSONL of {\"text\", \"label\"} objects (single-label).")
  Path data;

  /**
   * The classifier judge's default: TF-IDF and bge-small probes averaged. On SST-2 with 10% of its
   * labels flipped it flags with precision 0.7 or more at recall 0.6 or more, where TF-IDF alone
   * reached 0.38 / 0.58 (docs/benchmarks.md); it costs the embedding time.
   */
  static final String DEFAULT_PROBES = "tfidf-lr+embed-lr";
  static final String DEFAULT_EMBEDDINGS = "bge-small";

  @Option(names = "--judge", paramLabel = "J", defaultValue = "classifier",
      description = "Who judges: classifier (cross-fitted on the data, free and offline) or llm (asks the endpoint) (default: ${DEFAULT-VALUE}).")
  String judge;

  @Option(names = "--classifier", paramLabel = "C", defaultValue = CheckCommand.DEFAULT_PROBES,
      description = "The classifier judge's model: tfidf-lr, embed-lr (over sentence embeddings), or both averaged, "
          + "tfidf-lr+embed-lr (default: ${DEFAULT-VALUE}).")
  String classifier;

  @Option(names = "--embeddings", paramLabel = "E",
      description = "Sentence embeddings for embed-lr: bge-small (default here: the stronger probe), minilm, onnx:DIR or api.")
  String embeddings;

  @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Cross-fitting folds of the classifier judge (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the folds and trainer (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--task", paramLabel = "TASK",
      description = "The task the data was made for (JSONL input): its labels as prompts write them, its domain and similar classes.")
  Path task;

  @Option(names = "--model", paramLabel = "M",
      description = "The LLM judge's model (default: the run's model, else the task's generation.model; JSONL without --task must name one).")
  String model;

  @Mixin EndpointOptions endpoint;

  @Option(names = "--budget-usd", paramLabel = "B",
      description = "The most the LLM judge may spend in this check, in US dollars (needs the model's price).")
  Double budgetUsd;

  @Option(names = "--batch", description = "With --judge llm: ask through the OpenAI Batch API (batch price, answers within 24 h); waits for the answers.")
  boolean batch;

  @Option(names = "--forget-batches", description = "With --batch: drop the batches an earlier check bought and did "
      + "not read (e.g. bought with another key or base URL) instead of waiting for them; the money spent on them is lost.")
  boolean forgetBatches;

  @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = Defaults.POLL_SECONDS,
      description = "With --batch: how often to poll a batch (default: ${DEFAULT-VALUE}).")
  int pollSeconds;

  @Option(names = "--show", paramLabel = "N", defaultValue = "20",
      description = "Flagged samples listed in the text report (default: ${DEFAULT-VALUE}).")
  int show;

  @Option(names = "--json", description = "One JSON object: flagged, off_label_rate, pairs (and, for llm, requests, tokens and dollars; with --batch, batches and batch_usd).")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The environment the key and base URL are read from (tests give their own). */
  Map<String, String> env = System.getenv();

  /** What one Batch input file may hold (tests make it small to see questions split). */
  BatchJobs.FileLimits batchLimits = BatchJobs.FileLimits.OPENAI;

  @Override
  public Integer call() {
    boolean llm = switch (judge) {
      case "classifier" -> false;
      case "llm" -> true;
      default -> throw new UserError("--judge takes classifier or llm, not '" + judge + "'");
    };
    if (show < 0) {
      throw new UserError("--show must be 0 or more, not " + show);
    }
    for (String o : llm ? List.of("--classifier", "--embeddings", "--folds") : List.of("--model", "--budget-usd",
        "--base-url", "--api-key-env", "--header", "--endpoint-config", "--timeout", "--batch", "--poll-seconds",
        "--forget-batches")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
        throw new UserError(o + " is used by --judge " + (llm ? "classifier" : "llm") + " only");
      }
    }
    for (String o : List.of("--poll-seconds", "--forget-batches")) {
      if (!batch && spec.commandLine().getParseResult().hasMatchedOption(o)) {
        throw new UserError(o + " is used with --batch only");
      }
    }
    if (pollSeconds < 1) {
      throw new UserError("--poll-seconds must be 1 or more, not " + pollSeconds);
    }
    boolean run = Files.isDirectory(data);
    if (run && task != null) {
      throw new UserError("--task is for JSONL input: a run folder carries its own task");
    }
    Dataset dataset = Datasets.load(data);
    Optional<Task> known = run ? (llm ? Optional.of(runTask()) : Optional.empty()) : Optional.ofNullable(task).map(Task::load);
    List<String> ids = run ? RunSource.sampleIds(data) : List.of();
    Optional<Map<String, List<String>>> similar = run ? RunSource.similarClasses(data)
        : known.map(t -> t.attributes().similar());
    int[] lines = run ? new int[0] : JsonlSource.sampleLines(data);
    boolean simulated = run && simulatedRun(data);
    PrintWriter out = spec.commandLine().getOut();
    if (!llm) {
      List<ClassifierKind> probes = ClassifierJudge.Options.parseProbes(classifier);
      boolean embeds = probes.contains(ClassifierKind.EMBED_LR);
      if (embeddings != null && !embeds) {
        throw new UserError("--embeddings is used by --classifier embed-lr only");
      }
      List<Verdict> verdicts;
      String judgeId;
      try (Embedder embedder = embeds ? Embedders.parse(embeddings != null ? embeddings : DEFAULT_EMBEDDINGS) : null) {
        ClassifierJudge j = new ClassifierJudge(new ClassifierJudge.Options(probes, folds, seed,
            Optional.ofNullable(embedder)));
        verdicts = j.judge(dataset);
        judgeId = j.id();
      }
      FidelityReport report = FidelityReport.of(judgeId, dataset.texts(), verdicts, ids, similar);
      if (json) {
        Map<String, Object> m = FidelityRender.json(report, dataset.name(), folds, lines);
        m.put("simulated", simulated);
        out.println(Json.pretty(m));
      } else {
        FidelityRender.text(out, report, dataset.name(), folds, lines, show);
        noteSimulated(out, simulated);
      }
      out.flush();
      return 0;
    }
    String chosen = model != null ? model : known.map(this::defaultModel).orElseThrow(() ->
        new UserError("--judge llm on JSONL needs the judge's model: pass --model M (or --task TASK for its model)"));
    LlmConfig.Builder b = endpoint.llm(env, chosen).prices(prices(known));
    if (run) {
      b.cache(data.resolve("cache.sqlite"));
    }
    if (budgetUsd != null) {
      b.budgetUsd(budgetUsd);
    }
    PrintWriter err = spec.commandLine().getErr();
    Thread worker = Thread.currentThread();
    try (Engine engine = Engine.open(b.build());
        RunStore store = run ? RunStore.openExisting(data) : null;
        // a batch check waits: Ctrl-C ends the wait, the batch goes on and the next check polls it
        SignalStop signals = batch ? new SignalStop(err, worker::interrupt) : null;
        // one batch check at a time: two would race on the ledger and could buy the same batch
        RunLock held = batch ? hold(engine) : null) {
      LabelAsker asker = new LabelAsker(engine, Optional.ofNullable(store));
      if (!batch) {
        warnOfBatchesInFlight(err, engine, Optional.ofNullable(store), asker.judgeId());
      } else if (forgetBatches) {
        forget(err, ledger(engine, Optional.ofNullable(store), asker.judgeId()));
      }
      if (batch) {
        asker = LabelAsker.throughBatches(engine, Optional.ofNullable(store), new LabelAsker.Batching(
            Duration.ofSeconds(pollSeconds), batchLimits, line -> {
              err.println("[batch] " + line);
              err.flush();
            }, run ? Optional.empty() : Optional.of(stateFile(engine, asker.judgeId()))));
      }
      LlmJudge j = known.isPresent() ? LlmJudge.forTask(asker, known.get(), ids)
          : LlmJudge.amongAllLabels(asker, "text", Datasets.withNormalisedLabels(dataset).labels(), ids);
      List<Verdict> verdicts;
      try {
        verdicts = j.judge(dataset);
      } catch (WorkFailure e) {
        if (signals != null && signals.exitCode().isPresent()) {
          err.println("stopped by " + signals.name() + ": " + e.getMessage());
          err.flush();
          return signals.exitCode().getAsInt();
        }
        throw e;
      } finally {
        if (batch) {
          Thread.interrupted(); // a stop's interrupt ends with the wait it stopped
        }
      }
      LabelAsker.Result r = j.result().orElseThrow();
      FidelityReport report = FidelityReport.of(j.id(), dataset.texts(), verdicts, ids, similar);
      Map<String, Object> s = spending(r, engine);
      if (batch) {
        s.put("batches", r.batches());
        s.put("batch_usd", s.get("usd"));
      }
      if (json) {
        Map<String, Object> m = FidelityRender.json(report, dataset.name(), folds, lines);
        m.remove("folds");
        m.put("simulated", simulated);
        m.putAll(s);
        out.println(Json.pretty(m));
      } else {
        FidelityRender.text(out, report, dataset.name(), 0, lines, show);
        out.printf(Locale.ROOT, "%nLLM judge %s: %d questions asked (%d answered from the cache), %d answers "
            + "taken from the run, %d unreadable (not flagged); %d input and %d output tokens, $%.4f%n",
            chosen, s.get("requests"), s.get("cached"), s.get("from_run"), s.get("unparseable"),
            s.get("input_tokens"), s.get("output_tokens"), (Double) s.get("usd"));
        if (batch) {
          out.println(r.batches().isEmpty() ? "Batch API: nothing was sent (every question was answered before)"
              : String.format(Locale.ROOT, "Batch API: answers read from %s; $%.4f at the batch price",
                  String.join(", ", r.batches()), (Double) s.get("usd")));
        }
        noteSimulated(out, simulated);
      }
    }
    out.flush();
    return 0;
  }

  /**
   * An online check asks (and pays for) the questions a stopped batch check still waits for: one
   * line says so, and how to collect those batches instead.
   */
  private void warnOfBatchesInFlight(PrintWriter err, Engine engine, Optional<RunStore> store, String judgeId) {
    if (store.isEmpty() && engine.config().cache().isEmpty()) {
      return;
    }
    ledger(engine, store, judgeId).existing().ifPresent(st -> {
      int n = st.inFlight().size() + (st.submitting().isPresent() ? 1 : 0);
      if (n > 0) {
        err.println("warning: " + n + (n == 1 ? " batch" : " batches") + " of an earlier check --batch of this data "
            + "may still be in flight (already paid for); this online check asks their questions again: to collect "
            + "them instead, stop and run the same check with --batch");
        err.flush();
      }
    });
  }

  private BatchLedger ledger(Engine engine, Optional<RunStore> store, String judgeId) {
    return store.map(s -> BatchLedger.inRun(s, judgeId)).orElseGet(() -> BatchLedger.inFile(stateFile(engine, judgeId)));
  }

  /** Drops the batches in flight (keeping the ledger's owner and count, so later keys stay new), in one line. */
  private static void forget(PrintWriter err, BatchLedger ledger) {
    ledger.existing().ifPresent(st -> {
      List<String> ids = st.inFlight().stream().map(BatchLedger.Entry::batchId).toList();
      if (!ids.isEmpty() || st.submitting().isPresent()) {
        ledger.write(new BatchLedger.State(st.owner(), st.noted() + 1, List.of()));
        err.println("[batch] forgot " + (ids.isEmpty() ? "a batch being bought" : String.join(", ", ids))
            + " (the money spent on them is lost)");
        err.flush();
      }
    });
  }

  /**
   * Takes the run's writer lock (the one generate takes), or for JSONL the lock of its batch
   * state, refusing in one line when another check or generate holds it.
   */
  private RunLock hold(Engine engine) {
    if (!Files.isDirectory(data)) {
      return BatchStateLock.take(data, stateFile(engine, new LabelAsker(engine, Optional.empty()).judgeId()));
    }
    return RunLock.take(RunLock.fileOf(data), holder -> UserError.in(data, "another check --batch or a generate is "
        + "using this run: " + holder + "; wait for it to end (or stop it), then run the check again"));
  }

  /**
   * Where a batch check of a JSONL file keeps its batches in flight: a small file beside the
   * response cache, one for each file (by its real path) and judge, so that the same check run
   * again finds it; the batch files go to the same folder.
   */
  private Path stateFile(Engine engine, String judgeId) {
    Path cache = engine.config().cache().orElseThrow(() -> new UserError("--batch on JSONL needs the response cache"));
    Path real;
    try {
      real = data.toRealPath();
    } catch (java.io.IOException e) {
      real = data.toAbsolutePath().normalize();
    }
    String name = dev.attrprompt.Hashing.sha256(real + "\n" + judgeId).substring(0, 24);
    return cache.toAbsolutePath().resolveSibling("judge-batches").resolve(name + ".json");
  }

  /** Whether a run's answers came from attrprompt's simulator. */
  private static boolean simulatedRun(Path dir) {
    try (RunStore store = RunStore.openExisting(dir)) {
      return store.usage().simulated();
    }
  }

  private static void noteSimulated(PrintWriter out, boolean simulated) {
    if (simulated) {
      out.println("The run's texts are simulated: they came from attrprompt's simulator, not from a language model.");
    }
  }

  /** What the LLM judge asked and spent in this check (answers taken from the run cost nothing now). */
  private static Map<String, Object> spending(LabelAsker.Result r, Engine engine) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<LabelAsker.Verdict> asked = r.verdicts().stream().filter(v -> !v.fromStore()).toList();
    m.put("model", engine.config().model());
    m.put("requests", asked.size());
    m.put("cached", asked.stream().filter(LabelAsker.Verdict::cached).count());
    m.put("from_run", r.verdicts().size() - asked.size());
    m.put("unparseable", r.unparseable());
    m.put("input_tokens", asked.stream().mapToLong(LabelAsker.Verdict::promptTokens).sum());
    m.put("output_tokens", asked.stream().mapToLong(LabelAsker.Verdict::completionTokens).sum());
    m.put("usd", Math.round(r.usd() * 1e6) / 1e6);
    return m;
  }

  private Task runTask() {
    try (RunStore store = RunStore.openExisting(data)) {
      Manifest m = Manifest.read(store.manifest().orElseThrow(() ->
          UserError.in(data, "this run has no manifest; was it made by 'attrprompt generate'?")), data);
      return m.snapshotTask(data);
    }
  }

  private String defaultModel(Task t) {
    if (Files.isDirectory(data)) {
      try (RunStore store = RunStore.openExisting(data)) {
        return Manifest.read(store.manifest().orElseThrow(), data).generation().model();
      }
    }
    return t.generation().model();
  }

  /** The task's prices, and a run's recorded price for its own model. */
  private PriceTable prices(Optional<Task> t) {
    Map<String, Price> own = new LinkedHashMap<>();
    if (Files.isDirectory(data)) {
      try (RunStore store = RunStore.openExisting(data)) {
        Manifest m = Manifest.read(store.manifest().orElseThrow(), data);
        m.price().ifPresent(p -> own.put(m.generation().model(), p));
      }
    }
    return PriceTable.withOverrides(t.map(Task::prices).orElse(Map.of()), own);
  }
}
