package dev.attrprompt.run;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.Price;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.llm.BatchClient;
import dev.attrprompt.llm.BatchJobs;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Outcome;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A generation run as a library object: one folder with its store, manifest and lock.
 *
 * <pre>{@code
 * try (Run run = Run.create(dir, task, RunConfig.builder(task).perClass(20).build())) {
 *   run.onEvent(System.out::println);
 *   RunResult result = run.generate(LlmConfig.builder().baseUrl(url).model("gpt-4o-mini").build());
 * }
 * }</pre>
 *
 * {@link #create} makes a new run, or resumes the run already in the folder when the options
 * match its manifest (any difference is refused in one line); {@link #open} opens an existing run
 * for status, export and Batch files. One process writes a run at a time: a second writer is
 * refused at once, naming the holder. The budget is the run's: it caps the total spent over every
 * invocation. Events reach {@link #onEvent listeners} as the run works.
 */
public final class Run implements AutoCloseable {
  private final Path dir;
  private final RunStore store;
  private Manifest manifest;
  private Optional<Task> task;
  private Optional<RunLock> lock;
  private final List<String> warnings;
  private final List<Consumer<RunEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean stopRequested;
  private volatile Engine engine;
  private volatile Thread batchWorker;

  private Run(Path dir, RunStore store, Manifest manifest, Optional<Task> task, Optional<RunLock> lock,
      List<String> warnings) {
    this.dir = dir;
    this.store = store;
    this.manifest = manifest;
    this.task = task;
    this.lock = lock;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Makes the run {@code config} describes in {@code dir}, or resumes the run already there. A new
   * folder is made under a temporary name and moved into place whole; a folder that holds other
   * files is refused. Resuming refuses any option that differs from the run's manifest, except the
   * screening rules with {@link RunConfig#rescreen()} and the budget (raised only with
   * {@link RunConfig#raiseBudget()}, never below what was spent); both changes are recorded.
   *
   * @throws UserError in one line for a folder that is not a run, another writer, a difference,
   *     or a budget for a model with no known price
   */
  public static Run create(Path dir, Task task, RunConfig config) {
    RunStore.requireRoomFor(task, config.plan());
    dev.attrprompt.plan.Plan.of(task, config.plan()); // a task that cannot be planned is refused before any folder is made
    if (config.rules().fidelity() != dev.attrprompt.post.Screening.Fidelity.NONE && task.multiLabel()) {
      throw UserError.in(task.dir(), "--fidelity judges single-label data; this task is multi-label: drop --fidelity");
    }
    Optional<Price> price = config.prices().find(config.generation().model());
    if (config.budgetUsd().isPresent() && price.isEmpty()) {
      throw new UserError(noPriceForBudget(config.generation().model()));
    }
    Manifest wanted = Manifest.create(task, config.plan(), config.rules(), config.maxRounds(), config.generation(),
        config.endpoint(), price, config.budgetUsd(), config.toolVersion());
    if (!isRun(dir)) {
      refuseForeignFolder(dir);
      if (makeNew(dir, wanted)) {
        return writer(dir, task, warningsFor(wanted));
      }
      // another process made it meanwhile: resume it like any other run
    }
    RunLock lock = RunLock.take(dir);
    RunStore store = null;
    try {
      store = RunStore.openExisting(dir);
      Manifest stored = read(store, dir);
      List<Manifest.Difference> diffs = stored.differences(wanted, config.rescreen());
      if (!diffs.isEmpty()) {
        throw UserError.in(dir, diffs.get(0).describe() + "; resume with the run's options, or choose a new --out folder");
      }
      Manifest m = resumed(stored, wanted, config, store.usage().usd(), dir);
      if (!m.equals(stored)) {
        store.writeManifest(m.toJson());
      }
      return new Run(dir, store, m, Optional.of(task), Optional.of(lock), warningsFor(m));
    } catch (RuntimeException e) {
      if (store != null) {
        store.close();
      }
      lock.close();
      throw e;
    }
  }

  /** Opens the run in {@code dir} to read it; writing (Batch files) takes the run's lock then. */
  public static Run open(Path dir) {
    return reading(dir, RunStore.openExisting(dir));
  }

  /** The run in {@code dir} over {@code store}, opened to read; the store is closed on failure. */
  private static Run reading(Path dir, RunStore store) {
    try {
      Manifest m = read(store, dir);
      return new Run(dir, store, m, Optional.empty(), Optional.empty(), warningsFor(m));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Opens the run in {@code dir} only to read it (status, samples, export, reports): nothing in
   * the folder is created or changed, and another process may write the run meanwhile (see
   * {@link RunStore#openReadOnly}). Every method that would change the run fails with
   * {@link IllegalStateException}.
   */
  public static Run openReadOnly(Path dir) {
    return reading(dir, RunStore.openReadOnly(dir));
  }

  /** Whether {@code dir} holds a run. */
  public static boolean isRun(Path dir) {
    return Files.isRegularFile(dir.resolve(RunStore.FILE));
  }

  /**
   * The process writing the run in {@code dir} at this moment (its lock's note: process id, host,
   * since when), or empty when no one writes it. Reading never disturbs the writer.
   */
  public static Optional<String> writerOf(Path dir) {
    return RunLock.writer(dir);
  }

  private static Run writer(Path dir, Task task, List<String> warnings) {
    RunLock lock = RunLock.take(dir);
    try {
      RunStore store = RunStore.openExisting(dir);
      return new Run(dir, store, read(store, dir), Optional.of(task), Optional.of(lock), warnings);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static Manifest read(RunStore store, Path dir) {
    return Manifest.read(store.manifest().orElseThrow(() ->
        UserError.in(dir, "this run has no manifest; was it made by 'attrprompt generate'?")), dir);
  }

  private static void refuseForeignFolder(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw UserError.in(dir, "is a file, not a run folder; choose a new folder for --out");
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw UserError.in(dir, "holds files but no run (no " + RunStore.FILE + "); choose a new or empty folder "
              + "for --out");
        }
      } catch (IOException e) {
        throw UserError.in(dir, "cannot read the folder: " + e.getMessage());
      }
    }
  }

  /** Makes the run under a temporary name beside {@code dir}; false if another process made it first. */
  private static boolean makeNew(Path dir, Manifest manifest) {
    Path parent = dir.toAbsolutePath().normalize().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".new-");
      try (RunStore s = RunStore.open(tmp)) {
        s.writeManifest(manifest.toJson());
      }
      try {
        Files.move(tmp, dir.toAbsolutePath().normalize(), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (isRun(dir)) {
          return false;
        }
        throw e;
      }
      tmp = null;
      return true;
    } catch (IOException e) {
      throw UserError.in(dir, "cannot make the run folder: " + e.getMessage());
    } finally {
      dev.attrprompt.FileTrees.deleteQuietly(tmp);
    }
  }

  private static Manifest resumed(Manifest stored, Manifest wanted, RunConfig config, double spent, Path dir) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Manifest m = stored;
    if (config.rescreen() && !stored.rules().equals(wanted.rules())) {
      m = m.withRules(wanted.rules(), now);
    }
    if (Manifest.NO_ENDPOINT.equals(m.endpoint()) && !Manifest.NO_ENDPOINT.equals(wanted.endpoint())
        || m.price().isEmpty() && wanted.price().isPresent()) {
      m = m.withEndpointAndPrice(Manifest.NO_ENDPOINT.equals(m.endpoint()) ? wanted.endpoint() : m.endpoint(),
          m.price().or(wanted::price));
    }
    OptionalDouble want = config.budgetUsd();
    if (want.isPresent() && !(m.budgetUsd().isPresent() && m.budgetUsd().getAsDouble() == want.getAsDouble())) {
      double b = want.getAsDouble();
      if (m.budgetUsd().isPresent() && b > m.budgetUsd().getAsDouble() && !config.raiseBudget()) {
        throw UserError.in(dir, String.format(Locale.ROOT, "this run's budget is $%.4f ($%.4f spent); to raise it to "
            + "$%.4f add --raise-budget", m.budgetUsd().getAsDouble(), spent, b));
      }
      if (b < spent) {
        throw UserError.in(dir, String.format(Locale.ROOT, "this run has already spent $%.4f, more than a budget of "
            + "$%.4f; give at least that", spent, b));
      }
      m = m.withBudget(want, now);
    }
    if (m.budgetUsd().isPresent() && m.price().isEmpty()) {
      throw new UserError(noPriceForBudget(m.generation().model()));
    }
    return m;
  }

  private static String noPriceForBudget(String model) {
    return "no price is known for model '" + model + "', so a budget cannot be kept: add it to task.yaml as "
        + "'prices: {" + model + ": {input: USD_PER_1M, output: USD_PER_1M}}' or pass --prices FILE (0 for a local "
        + "model), or drop --budget-usd";
  }

  private static List<String> warningsFor(Manifest m) {
    return RunStatus.warnings(m);
  }

  /** Adds a listener; events arrive on the thread that runs the run (stop notices on the stopping one). */
  public Run onEvent(Consumer<RunEvent> listener) {
    listeners.add(listener);
    return this;
  }

  public Path dir() {
    return dir;
  }

  public Manifest manifest() {
    return manifest;
  }

  /** Lines a person should see before the run works (e.g. that no price is known for the model). */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Generates online through {@code connection} (base URL, key, limits, timeouts; the model,
   * budget, prices and response cache are the run's) until every label has its quota, the run
   * stops, or requests fail after their retries.
   */
  public RunResult generate(LlmConfig connection) {
    writable();
    checkEndpoint(Manifest.endpoint(connection.baseUrl()));
    Tally tally = new Tally();
    tally.reload(store);
    emit(new RunEvent.Started(manifest, store.maxRound() > 0, warnings));
    emit(tally.progress()); // where this invocation starts from
    OptionalDouble left = budgetLeft();
    if (left.isPresent() && left.getAsDouble() <= 0) {
      return finish(stopped(RunResult.Cause.BUDGET, "", tally), tally);
    }
    LlmConfig llm = connection.forRun(manifest.generation().model(), left, dir.resolve("cache.sqlite"), prices());
    Generator.Result result;
    try (Engine e = Engine.open(llm)) {
      engine = e;
      if (stopRequested) {
        e.stop();
      }
      EngineAnswerer answerer = new EngineAnswerer(e, manifest.generation().generation(manifest.plan()), o -> {
        tally.record(o);
        if (o instanceof Outcome.Failed f) {
          emit(new RunEvent.RequestFailed(f.requestId(), tally.label(f.requestId()), RunStore.cause(f.kind() + ": " + f.message())));
        }
        emit(tally.progress());
      });
      result = generator(tally).withJudge(judge(Optional.of(e), Optional.empty())).run((requests, s) -> {
        tally.begin(requests);
        return answerer.answer(requests, s);
      });
    } finally {
      engine = null;
    }
    return finish(ended(result, tally), tally);
  }

  /** Generates through the OpenAI Batch API (half price), polling every {@code poll}. */
  public RunResult generateWithBatches(LlmConfig connection, Duration poll) {
    return generateWithBatches(connection, poll, BatchJobs.FileLimits.OPENAI);
  }

  /**
   * Generates through the OpenAI Batch API (half price), polling every {@code poll}; the pending
   * requests go out as several batches when they exceed what one input file may hold ({@code limits}).
   */
  public RunResult generateWithBatches(LlmConfig connection, Duration poll, BatchJobs.FileLimits limits) {
    writable();
    checkEndpoint(Manifest.endpoint(connection.baseUrl()));
    Tally tally = new Tally();
    tally.reload(store);
    emit(new RunEvent.Started(manifest, store.maxRound() > 0, warnings));
    BatchAnswerer answerer = new BatchAnswerer(new BatchClient(connection), manifest.generation().generation(manifest.plan()),
        prices(), poll, 5, limits, line -> emit(new RunEvent.BatchNote(line)));
    batchWorker = Thread.currentThread();
    Generator.Result result;
    try {
      if (stopRequested) {
        return finish(stopped(RunResult.Cause.STOPPED, "", tally), tally);
      }
      result = generator(tally).withJudge(judge(Optional.empty(), Optional.of(connection))).run((requests, s) -> {
        Optional<Answerer.End> overBudget = batchOverBudget(s);
        if (overBudget.isPresent()) {
          return overBudget.get();
        }
        RunStatus.Counts before = tally.totals();
        Answerer.End end = answerer.answer(requests, s);
        tally.reload(s);
        if (!tally.totals().equals(before)) {
          emit(tally.progress());
        }
        return end;
      });
    } finally {
      batchWorker = null;
      Thread.interrupted(); // a stop's interrupt ends here
    }
    return finish(ended(result, tally), tally);
  }

  /**
   * A batch is bought whole, so a round of batches (one per input file) is submitted only when the
   * worst case of all of them together (every prompt's tokens and max_tokens for each answer, at
   * the batch price) fits in what is left of the budget. While batches are in flight (a round
   * stopped half-way through submitting included) this was checked when the round began.
   */
  private Optional<Answerer.End> batchOverBudget(RunStore s) {
    OptionalDouble left = budgetLeft();
    if (left.isEmpty() || !BatchAnswerer.inFlight(s).isEmpty() || manifest.price().isEmpty()) {
      return Optional.empty();
    }
    Price price = manifest.price().get();
    dev.attrprompt.cost.TokenCounter counter = dev.attrprompt.cost.TokenCounter.forModel(manifest.generation().model());
    double worst = 0;
    for (StoredRequest r : s.unanswered()) {
      long prompt = counter.chat(List.of(r.prompt()));
      worst += price.usd(prompt + prompt / 20 + 8, manifest.generation().maxTokens()) * (1 - PriceTable.BATCH_DISCOUNT);
    }
    if (worst <= left.getAsDouble()) {
      return Optional.empty();
    }
    return Optional.of(new Answerer.End.Stopped(RunResult.Cause.BUDGET, String.format(Locale.ROOT,
        "the next batch could cost up to $%.4f, more than the $%.4f left of the budget", worst, left.getAsDouble())));
  }

  /** Plans (or tops up) without calling anything: the pending requests are then asked through Batch files. */
  public RunResult plan() {
    writable();
    Tally tally = new Tally();
    tally.reload(store);
    Optional<Generator.Result> done = generator(tally).withJudge(judge(Optional.empty(), Optional.empty())).plan();
    if (done.isPresent()) {
      return finish(ended(done.get(), tally), tally);
    }
    long waiting = store.unanswered().size();
    return finish(new RunResult(new RunResult.Ending.Planned(waiting), waiting + " requests wait for answers",
        Map.of(), 0, status()), tally);
  }

  /**
   * Writes the pending requests as a Batch input file (planning the next round first when every
   * planned request is answered). Returns the requests written, or the run's end when nothing is
   * left to ask.
   */
  public RunResult exportBatch(Path file) {
    RunResult planned = plan();
    if (!(planned.ending() instanceof RunResult.Ending.Planned)) {
      return planned;
    }
    int n = BatchFiles.writeInput(store.unanswered(), manifest.generation().generation(manifest.plan()), file);
    return new RunResult(new RunResult.Ending.Planned(n), "wrote " + n + " requests to " + file, Map.of(), 0, status());
  }

  /** Stores the answers of Batch output (or error) files, priced with the batch discount, then screens. */
  public List<BatchFiles.Ingested> importBatch(List<Path> files) {
    writable();
    List<BatchFiles.Ingested> out = new ArrayList<>();
    for (Path f : files) {
      out.add(BatchFiles.ingest(f, store, prices()));
    }
    Tally tally = new Tally();
    generator(tally).withJudge(judge(Optional.empty(), Optional.empty())).screen();
    return out;
  }

  /** Accepted samples per label after the latest screening. */
  public Map<String, Integer> accepted() {
    Map<String, Integer> out = new LinkedHashMap<>();
    status().labels().forEach((label, l) -> out.put(label, (int) l.counts().accepted()));
    return out;
  }

  /**
   * A person rejects the accepted sample {@code id} with {@code reason} (one line): it counts as
   * rejected with the reason {@code person: <reason>}, leaves {@link RunStore#samples()} and every
   * export at once, and the next resume buys only the shortfall (answers already stored, over the
   * quota, fill it first). Rejecting a sample a person rejected before replaces the reason. Takes
   * no run lock: a person may curate while the run works in another process.
   *
   * @throws UserError for an unknown id, a sample that is not accepted, or a blank or long reason
   */
  public PersonVerdict rejectByPerson(String id, String reason) {
    readOnlyRefused();
    return PersonVerdicts.reject(store, id, reason);
  }

  /**
   * Takes back a person's rejection of {@code id} and screens the stored answers again at once,
   * as if it had never been rejected: it is accepted again unless today's rules reject it, and
   * when a top-up has meanwhile filled its label, the label's last accepted sample (by round, then
   * id) becomes {@code over_quota}: still stored and paid for, not exported, and the first to
   * fill a later shortfall. Nothing is bought.
   *
   * @throws UserError for an unknown id or a sample no person rejected
   */
  public PersonVerdict restore(String id) {
    readOnlyRefused();
    PersonVerdict v = PersonVerdicts.restore(store, id);
    if (task.isEmpty()) {
      task = Optional.of(manifest.snapshotTask(dir));
    }
    new Generator(task.get(), manifest.spec(), store).screen();
    return v;
  }

  /** Every rejection and restore a person made in this run, oldest first. */
  public List<PersonVerdict> personVerdicts() {
    return PersonVerdicts.history(store, Optional.empty());
  }

  /** The requests {@code filter} selects (label, attribute values, verdict, reason, text), one page, by id. */
  public SampleQuery.Page samples(SampleQuery.Filter filter) {
    return new SampleQuery(store).page(filter);
  }

  /** The request {@code id} with its prompt, raw answer and a person's verdicts; empty if there is none. */
  public Optional<SampleDetail> sample(String id) {
    return new SampleQuery(store).detail(id);
  }

  /** What the samples can be filtered by, with counts. */
  public SampleQuery.Facets sampleFacets() {
    return new SampleQuery(store).facets();
  }

  /** Where the run stands now, as {@code status} shows it. */
  public RunStatus status() {
    return RunStatus.of(store, manifest);
  }

  /** Writes the accepted samples and a dataset card into the new folder {@code out}. */
  public List<Path> export(Path out, Exporter.Options options) {
    return Exporter.export(store, manifest, out, options);
  }

  /**
   * Stops the run: nothing more is sent, answers already on the wire are kept, and the working
   * call returns soon with {@link RunResult.Cause#STOPPED}. Safe from any thread, any number of times.
   */
  public void stop() {
    if (stopRequested) {
      return;
    }
    stopRequested = true;
    emit(new RunEvent.Stopping(RunResult.Cause.STOPPED, "stopping: no more requests are sent"));
    Engine e = engine;
    if (e != null) {
      e.stop();
    }
    Thread t = batchWorker;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public void close() {
    store.close();
    lock.ifPresent(RunLock::close);
    lock = Optional.empty();
  }

  // --- inside -------------------------------------------------------------------------------

  private void writable() {
    readOnlyRefused();
    if (lock.isEmpty()) {
      lock = Optional.of(RunLock.take(dir));
    }
    if (task.isEmpty()) {
      task = Optional.of(manifest.snapshotTask(dir));
    }
  }

  private void readOnlyRefused() {
    if (store.readOnly()) {
      throw new IllegalStateException(dir + ": this run was opened only to read");
    }
  }

  private void checkEndpoint(String endpoint) {
    if (Manifest.NO_ENDPOINT.equals(manifest.endpoint())) {
      manifest = manifest.withEndpointAndPrice(endpoint, manifest.price());
      store.writeManifest(manifest.toJson());
    } else if (!manifest.endpoint().equals(endpoint)) {
      throw UserError.in(dir, new Manifest.Difference("--base-url", manifest.endpoint(), endpoint).describe()
          + "; resume with the run's options, or choose a new --out folder");
    }
  }

  /**
   * The label-fidelity judge the run's rules name: the classifier (from attrprompt-eval, found
   * with {@link java.util.ServiceLoader}), or the LLM asked through the run's engine, or, while
   * Batch answers come in, through an engine opened for the judge with what is left of the
   * budget. Without an endpoint the LLM judge waits: its answers stay pending.
   */
  private FidelityJudge judge(Optional<Engine> running, Optional<LlmConfig> connection) {
    return switch (manifest.rules().fidelity()) {
      case NONE -> FidelityJudge.unavailable("none", "no judge");
      case CLASSIFIER -> java.util.ServiceLoader.load(FidelityJudge.ClassifierProvider.class).findFirst()
          .map(p -> p.classifierJudge(manifest.plan().seed()))
          .orElseGet(() -> FidelityJudge.unavailable("classifier", "the classifier judge needs attrprompt-eval on the "
              + "class path"));
      case LLM -> {
        if (running.isPresent()) {
          yield new dev.attrprompt.fidelity.LlmScreen(new dev.attrprompt.fidelity.LabelAsker(running.get(),
              Optional.of(store)), task.orElseThrow());
        }
        if (connection.isEmpty()) {
          yield FidelityJudge.unavailable("llm:" + manifest.generation().model() + ":"
              + dev.attrprompt.fidelity.LabelQuestion.VERSION, "the LLM judge asks the endpoint online: run "
              + "'attrprompt generate' on this run to judge them");
        }
        yield new OnlineJudge(connection.get());
      }
    };
  }

  /** The LLM judge on an engine of its own, opened for each pass with what is left of the budget. */
  private final class OnlineJudge implements FidelityJudge {
    private final LlmConfig connection;

    OnlineJudge(LlmConfig connection) {
      this.connection = connection;
    }

    @Override
    public String id() {
      return "llm:" + manifest.generation().model() + ":" + dev.attrprompt.fidelity.LabelQuestion.VERSION;
    }

    @Override
    public Result judge(List<Candidate> all, java.util.Set<String> unjudged) {
      OptionalDouble left = budgetLeft();
      if (left.isPresent() && left.getAsDouble() <= 0) {
        return new Result(List.of(), Optional.of("the run's budget is spent"));
      }
      try (Engine e = Engine.open(connection.forRun(manifest.generation().model(), left, dir.resolve("cache.sqlite"),
          prices()))) {
        return new dev.attrprompt.fidelity.LlmScreen(new dev.attrprompt.fidelity.LabelAsker(e, Optional.of(store)),
            task.orElseThrow()).judge(all, unjudged);
      }
    }
  }

  private Generator generator(Tally tally) {
    return new Generator(task.orElseThrow(), manifest.spec(), store)
        .onPlanned((round, n) -> {
          tally.reload(store);
          emit(new RunEvent.Planned(round, n));
        })
        .onScreened(accepted -> {
          tally.reload(store);
          emit(new RunEvent.Screened(accepted, tally.totals()));
          emit(tally.progress());
        });
  }

  private PriceTable prices() {
    Map<String, Price> own = new LinkedHashMap<>();
    manifest.price().ifPresent(p -> own.put(manifest.generation().model(), p));
    return task.map(t -> PriceTable.withOverrides(t.prices(), own)).orElseGet(() -> PriceTable.withOverrides(own));
  }

  private OptionalDouble budgetLeft() {
    if (manifest.budgetUsd().isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.max(0, manifest.budgetUsd().getAsDouble() - store.usage().usd()));
  }

  private RunResult ended(Generator.Result r, Tally tally) {
    if (r.complete()) {
      return new RunResult(new RunResult.Ending.Complete(), r.message(), r.accepted(), tally.kept(), status());
    }
    if (r.stop().isPresent()) {
      Answerer.End.Stopped s = r.stop().get();
      return stopped(stopRequested ? RunResult.Cause.STOPPED : s.cause(), s.reason(), tally);
    }
    RunStatus status = status();
    if (status.totals().failed() > 0) {
      String first = status.failedByCause().keySet().stream().findFirst().orElse("unknown cause");
      long n = status.totals().failed();
      return new RunResult(new RunResult.Ending.Failed(n, first), n + " requests failed: " + first
          + "; run the same command again to retry them", r.accepted(), tally.kept(), status);
    }
    Map<String, Integer> shortfall = new LinkedHashMap<>();
    r.accepted().forEach((label, n) -> {
      if (n < manifest.plan().perClass()) {
        shortfall.put(label, manifest.plan().perClass() - n);
      }
    });
    return new RunResult(new RunResult.Ending.Unfilled(shortfall), r.message(), r.accepted(), tally.kept(), status);
  }

  private RunResult stopped(RunResult.Cause cause, String reason, Tally tally) {
    RunStatus status = status();
    String message = switch (cause) {
      case STOPPED -> "stopped; " + tally.kept() + " answers were kept this time, " + status.usage().responses()
          + " in all";
      case BUDGET -> String.format(Locale.ROOT, "the run's budget of $%.4f is spent ($%.4f of it; the next request "
          + "could cost more than is left); to go on, raise it with --budget-usd NEW --raise-budget",
          manifest.budgetUsd().orElse(0), status.usage().usd());
      default -> reason;
    };
    Map<String, Integer> accepted = new LinkedHashMap<>();
    status.labels().forEach((label, l) -> accepted.put(label, (int) l.counts().accepted()));
    return new RunResult(new RunResult.Ending.Stopped(cause), message, accepted, tally.kept(), status);
  }

  private RunResult finish(RunResult result, Tally tally) {
    emit(new RunEvent.Finished(result));
    return result;
  }

  private void emit(RunEvent event) {
    for (Consumer<RunEvent> l : listeners) {
      l.accept(event);
    }
  }
}
