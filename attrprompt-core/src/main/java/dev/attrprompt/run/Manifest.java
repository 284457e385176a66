package dev.attrprompt.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.UserError;
import dev.attrprompt.cost.Price;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.post.Screening;
import dev.attrprompt.task.Generation;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * A run's provenance, and what a resumed run must share with it: the task snapshot and its hash,
 * the plan options, the screening rules in force and every change made to them, the top-up
 * rounds, the generation parameters, the endpoint (scheme, host, port and path: never a key,
 * never a query string), the price used, the budget, and the tool version. This record owns the
 * manifest's JSON keys: {@link #toJson()} writes them and {@link #read} reads them, including
 * the manifests of runs made before the budget, price and change history were recorded.
 *
 * @param runId the run's stable id: fixed when the run is made, it does not move when a budget
 *     is raised or the rules change, so exports keep their provenance
 * @param endpoint where answers come from; {@link #NO_ENDPOINT} for runs answered through Batch files
 * @param price the price per million tokens used for accounting; empty when none is known
 * @param changes screening-rule and budget changes, oldest first
 */
public record Manifest(
    String runId,
    String tool,
    String task,
    String taskSha256,
    boolean multiLabel,
    PlanOptions plan,
    Screening.Rules rules,
    int maxRounds,
    Parameters generation,
    String endpoint,
    Optional<Price> price,
    OptionalDouble budgetUsd,
    Map<String, String> templates,
    Map<String, String> files,
    List<Change> changes) {

  /** The endpoint of a run whose answers come only through Batch files. */
  public static final String NO_ENDPOINT = "batch files";

  public Manifest {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(budgetUsd, "budgetUsd");
    templates = Map.copyOf(templates);
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    changes = List.copyOf(changes);
  }

  /** The model and sampling parameters every request of the run is sent with. */
  public record Parameters(String model, double temperature, double topP, int maxTokens) {
    /** As the task's {@link Generation} record, for Batch files. */
    public Generation generation(PlanOptions plan) {
      return new Generation(model, temperature, topP, maxTokens, plan.perClass(), plan.seed());
    }
  }

  /** A change made to a running run: which option, from what, to what, and when (UTC, ISO-8601). */
  public record Change(String at, String option, String from, String to) {}

  /** One option that differs between a run and the invocation that tries to resume it. */
  public record Difference(String option, String was, String now) {
    /** One line: the option and both values. */
    public String describe() {
      return option + " was " + was + " when the run began, not " + now;
    }
  }

  /**
   * A new run's manifest; its id is the hash of its own first text, as it always was.
   *
   * @param endpoint the base URL, reduced here to scheme://host:port/path
   */
  public static Manifest create(Task task, PlanOptions plan, Screening.Rules rules, int maxRounds,
      Parameters generation, Optional<URI> endpoint, Optional<Price> price, OptionalDouble budgetUsd,
      String toolVersion) {
    Map<String, String> files = snapshot(task);
    Map<String, String> templates = new LinkedHashMap<>();
    templates.put(Method.SIMPROMPT.id(), task.templates().simprompt());
    templates.put(Method.ATTRPROMPT.id(), task.templates().attrprompt());
    Manifest draft = new Manifest("", "attrprompt " + toolVersion, task.name(), taskSha256(files),
        task.multiLabel(), plan, rules, maxRounds, generation, endpoint.map(Manifest::endpoint).orElse(NO_ENDPOINT),
        price, budgetUsd, templates, files, List.of());
    return draft.withRunId(sha256(draft.json(false)).substring(0, 16));
  }

  /**
   * The hash a run made from {@code task} now would record as {@link #taskSha256()}: equal to a
   * run's when the task's files are as they were when the run was made.
   */
  public static String taskSha256(Task task) {
    return taskSha256(snapshot(task));
  }

  private static String taskSha256(Map<String, String> files) {
    return sha256(Jsons.write(files));
  }

  /** The endpoint as the manifest keeps it: scheme://host[:port]/path, nothing that could hold a secret. */
  public static String endpoint(URI baseUrl) {
    return baseUrl.getScheme() + "://" + baseUrl.getHost() + (baseUrl.getPort() > 0 ? ":" + baseUrl.getPort() : "")
        + Optional.ofNullable(baseUrl.getPath()).orElse("");
  }

  private Manifest withRunId(String id) {
    return new Manifest(id, tool, task, taskSha256, multiLabel, plan, rules, maxRounds, generation, endpoint, price,
        budgetUsd, templates, files, changes);
  }

  /** This manifest with other screening rules, the change recorded. */
  public Manifest withRules(Screening.Rules now, String at) {
    List<Change> log = new ArrayList<>(changes);
    if (now.minWords() != rules.minWords()) {
      log.add(new Change(at, "min_words", String.valueOf(rules.minWords()), String.valueOf(now.minWords())));
    }
    if (now.maxWords() != rules.maxWords()) {
      log.add(new Change(at, "max_words", String.valueOf(rules.maxWords()), String.valueOf(now.maxWords())));
    }
    if (Double.compare(now.nearDuplicate(), rules.nearDuplicate()) != 0) {
      log.add(new Change(at, "near_duplicate", String.valueOf(rules.nearDuplicate()),
          String.valueOf(now.nearDuplicate())));
    }
    if (now.fidelity() != rules.fidelity()) {
      log.add(new Change(at, "fidelity", rules.fidelity().id(), now.fidelity().id()));
    }
    return new Manifest(runId, tool, task, taskSha256, multiLabel, plan, now, maxRounds, generation, endpoint, price,
        budgetUsd, templates, files, log);
  }

  /** This manifest with another budget, the change recorded. */
  public Manifest withBudget(OptionalDouble now, String at) {
    List<Change> log = new ArrayList<>(changes);
    log.add(new Change(at, "budget_usd", usd(budgetUsd), usd(now)));
    return new Manifest(runId, tool, task, taskSha256, multiLabel, plan, rules, maxRounds, generation, endpoint, price,
        now, templates, files, log);
  }

  /** This manifest with an endpoint or a price it did not have yet (a run planned for Batch files first). */
  public Manifest withEndpointAndPrice(String endpointNow, Optional<Price> priceNow) {
    return new Manifest(runId, tool, task, taskSha256, multiLabel, plan, rules, maxRounds, generation, endpointNow,
        priceNow, budgetUsd, templates, files, changes);
  }

  private static String usd(OptionalDouble d) {
    return d.isPresent() ? String.format(Locale.ROOT, "%.4f", d.getAsDouble()) : "none";
  }

  /**
   * What differs between this run and {@code now} in the options a resumed run must share: the
   * task files, plan options, generation parameters, endpoint, price and rounds, and, unless
   * {@code rulesMayChange}, the screening rules. Budget and change history are not compared.
   */
  public List<Difference> differences(Manifest now, boolean rulesMayChange) {
    List<Difference> out = new ArrayList<>();
    diff(out, "the task files (sha256)", taskSha256.substring(0, 12), now.taskSha256.substring(0, 12));
    diff(out, "--method", plan.method().id(), now.plan.method().id());
    diff(out, "--per-class", plan.perClass(), now.plan.perClass());
    diff(out, "--seed", plan.seed(), now.plan.seed());
    diff(out, "--mode", plan.mode().id(), now.plan.mode().id());
    diff(out, "--model", generation.model(), now.generation.model());
    diff(out, "temperature", generation.temperature(), now.generation.temperature());
    diff(out, "top_p", generation.topP(), now.generation.topP());
    diff(out, "max_tokens", generation.maxTokens(), now.generation.maxTokens());
    if (!NO_ENDPOINT.equals(endpoint) && !NO_ENDPOINT.equals(now.endpoint)) {
      diff(out, "--base-url", endpoint, now.endpoint);
    }
    if (price.isPresent() && now.price.isPresent()) {
      diff(out, "the price of " + generation.model(), priceText(price.get()), priceText(now.price.get()));
    }
    diff(out, "--max-rounds", maxRounds, now.maxRounds);
    if (!rulesMayChange) {
      diff(out, "--min-words", rules.minWords(), now.rules.minWords());
      diff(out, "--max-words", rules.maxWords(), now.rules.maxWords());
      diff(out, "--near-duplicate", rules.nearDuplicate(), now.rules.nearDuplicate());
      diff(out, "--fidelity", rules.fidelity().id(), now.rules.fidelity().id());
    }
    return out;
  }

  private static String priceText(Price p) {
    return String.format(Locale.ROOT, "$%s/$%s per 1M tokens", p.inputPerMillion(), p.outputPerMillion());
  }

  private static void diff(List<Difference> out, String option, Object was, Object now) {
    if (!String.valueOf(was).equals(String.valueOf(now))) {
      out.add(new Difference(option, String.valueOf(was), String.valueOf(now)));
    }
  }

  /** The manifest's JSON text, as kept in the run store. */
  public String toJson() {
    return json(true);
  }

  private String json(boolean withId) {
    // ordered maps only: the first text is hashed into the run id
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", tool);
    m.put("task", task);
    m.put("task_sha256", taskSha256);
    m.put("method", plan.method().id());
    m.put("per_class", plan.perClass());
    m.put("seed", plan.seed());
    m.put("mode", plan.mode().id());
    m.put("multi_label", multiLabel);
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("model", generation.model());
    g.put("endpoint", endpoint);
    g.put("temperature", generation.temperature());
    g.put("top_p", generation.topP());
    g.put("max_tokens", generation.maxTokens());
    m.put("generation", g);
    Map<String, Object> screening = new LinkedHashMap<>();
    screening.put("min_words", rules.minWords());
    screening.put("max_words", rules.maxWords());
    screening.put("near_duplicate", rules.nearDuplicate());
    if (rules.fidelity() != Screening.Fidelity.NONE) { // absent otherwise: older manifests hash as they did
      screening.put("fidelity", rules.fidelity().id());
    }
    m.put("screening", screening);
    m.put("max_rounds", maxRounds);
    price.ifPresent(p -> {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("input_per_million", p.inputPerMillion());
      pm.put("output_per_million", p.outputPerMillion());
      m.put("price", pm);
    });
    budgetUsd.ifPresent(b -> m.put("budget_usd", b));
    if (!changes.isEmpty()) {
      List<Object> log = new ArrayList<>();
      for (Change c : changes) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("at", c.at());
        cm.put("option", c.option());
        cm.put("from", c.from());
        cm.put("to", c.to());
        log.add(cm);
      }
      m.put("changes", log);
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put(Method.SIMPROMPT.id(), templates.getOrDefault(Method.SIMPROMPT.id(), ""));
    t.put(Method.ATTRPROMPT.id(), templates.getOrDefault(Method.ATTRPROMPT.id(), ""));
    m.put("templates", t);
    m.put("files", files);
    if (withId) {
      m.put("run_id", runId);
    }
    return Jsons.write(m);
  }

  /**
   * Reads a manifest written by {@link #toJson()} or by an earlier version of the tool (whose run
   * id was the hash of its whole text). {@code dir} names the run in error messages.
   */
  public static Manifest read(String json, Path dir) {
    JsonNode m;
    try {
      m = Jsons.MAPPER.readTree(json);
    } catch (IOException e) {
      throw UserError.in(dir, "the run's manifest is unreadable; the run cannot be resumed or exported");
    }
    try {
      for (String key : List.of("method", "per_class", "seed", "mode", "files")) {
        if (m.path(key).isMissingNode()) {
          throw new IllegalArgumentException("no '" + key + "'");
        }
      }
      PlanOptions plan = new PlanOptions(Method.parse(m.path("method").asText()), m.path("per_class").asInt(),
          m.path("seed").asLong(), SamplingMode.parse(m.path("mode").asText()));
      JsonNode s = m.path("screening");
      Screening.Rules rules = new Screening.Rules(s.path("min_words").asInt(Screening.Rules.DEFAULTS.minWords()),
          s.path("max_words").asInt(Screening.Rules.DEFAULTS.maxWords()),
          s.path("near_duplicate").asDouble(Screening.Rules.DEFAULTS.nearDuplicate()),
          Screening.Fidelity.parse(s.path("fidelity").asText("none")));
      JsonNode g = m.path("generation");
      Parameters parameters = new Parameters(g.path("model").asText(Generation.DEFAULTS.model()),
          g.path("temperature").asDouble(Generation.DEFAULTS.temperature()),
          g.path("top_p").asDouble(Generation.DEFAULTS.topP()),
          g.path("max_tokens").asInt(Generation.DEFAULTS.maxTokens()));
      JsonNode p = m.path("price");
      Optional<Price> price = p.isObject()
          ? Optional.of(new Price(p.path("input_per_million").asDouble(), p.path("output_per_million").asDouble()))
          : m.path("run_id").isMissingNode()
              // written before prices were recorded: the built-in price its accounting used
              ? dev.attrprompt.cost.PriceTable.builtInTable().find(parameters.model())
              : Optional.<Price>empty();
      OptionalDouble budget = m.path("budget_usd").isNumber() ? OptionalDouble.of(m.path("budget_usd").asDouble())
          : OptionalDouble.empty();
      List<Change> changes = new ArrayList<>();
      m.path("changes").forEach(c -> changes.add(new Change(c.path("at").asText(), c.path("option").asText(),
          c.path("from").asText(), c.path("to").asText())));
      Map<String, String> templates = new LinkedHashMap<>();
      m.path("templates").fields().forEachRemaining(e -> templates.put(e.getKey(), e.getValue().asText()));
      Map<String, String> files = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = m.path("files").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        files.put(f.getKey(), f.getValue().asText());
      }
      String runId = m.path("run_id").isTextual() ? m.path("run_id").asText() : sha256(json).substring(0, 16);
      return new Manifest(runId, m.path("tool").asText("attrprompt"), m.path("task").asText(),
          m.path("task_sha256").asText(), m.path("multi_label").asBoolean(false), plan, rules,
          m.path("max_rounds").asInt(RunSpec.DEFAULT_MAX_ROUNDS), parameters,
          g.path("endpoint").asText(NO_ENDPOINT), price, budget, templates, files, changes);
    } catch (IllegalArgumentException | UserError e) {
      throw UserError.in(dir, "the run's manifest is not one this version can read (" + e.getMessage()
          + "); export it with the version that made it, or start a new run");
    }
  }

  /** The run spec this manifest describes. */
  public RunSpec spec() {
    return new RunSpec(plan, rules, maxRounds);
  }

  /**
   * The task rebuilt from the snapshot of its files, for commands that work on a run folder
   * without its task folder: they plan exactly what the run would.
   */
  public Task snapshotTask(Path runDir) {
    if (files.isEmpty()) {
      throw UserError.in(runDir, "the run's manifest holds no task snapshot");
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("attrprompt-run-task-");
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = dir.resolve(f.getKey()).normalize();
        if (!target.startsWith(dir)) {
          throw UserError.in(runDir, "the run's task snapshot names a file outside its folder: " + f.getKey());
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
      }
      // the snapshot keeps files only: an attribute folder without YAML files in it (a blank task's,
      // for SimPrompt) is rebuilt as the empty folder it was, not left out
      if (files.containsKey("task.yaml")) {
        Path attributes = Task.attributeFolder(dir).normalize();
        if (attributes.startsWith(dir)) {
          Files.createDirectories(attributes);
        }
      }
      return Task.load(dir);
    } catch (IOException e) {
      throw UserError.in(runDir, "cannot rebuild the run's task: " + e.getMessage());
    } finally {
      dev.attrprompt.FileTrees.deleteQuietly(dir);
    }
  }

  /** Every file of the task folder (task.yaml and attribute files) as text. */
  static Map<String, String> snapshot(Task task) {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(task.dir())) {
      for (Path p : walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
        files.put(task.dir().relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw UserError.in(task.dir(), "cannot read the task files: " + e.getMessage());
    }
    return files;
  }

  static String sha256(String text) {
    return dev.attrprompt.Hashing.sha256(text);
  }
}
