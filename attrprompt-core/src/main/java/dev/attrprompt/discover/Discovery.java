package dev.attrprompt.discover;

import dev.attrprompt.UserError;
import dev.attrprompt.attributes.AttributeSet;
import dev.attrprompt.attributes.AttributeSetWriter;
import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Kind;
import dev.attrprompt.attributes.ListItems;
import dev.attrprompt.attributes.Provenance;
import dev.attrprompt.attributes.Scope;
import dev.attrprompt.attributes.Value;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LLM-assisted attribute discovery with a person in the loop, in the paper's steps: propose
 * dimensions (a person keeps some), values of each kept dimension (per label where they depend
 * on it), each label's similar classes, and class-dependent attribute filtering. Every exchange
 * is recorded in DIR/discovery/record.json; the result is the task's attribute set.
 */
public final class Discovery {

  /** @param keep dimensions to keep (empty: the proposal file decides); yes: keep all proposed */
  public record Options(List<String> keep, boolean yes, int values, int similar, int maxReject, int proposals) {
    /** Values asked for per dimension (per label for dependent ones). */
    public static final int DEFAULT_VALUES = 10;
    /** Similar classes asked for per label. */
    public static final int DEFAULT_SIMILAR = 5;
    /** Values filtering may remove per label, as in the paper. */
    public static final int DEFAULT_MAX_REJECT = 5;
    /** Dimensions asked for. */
    public static final int DEFAULT_PROPOSALS = 8;

    /** The defaults, keeping {@code keep} (or every proposed dimension with {@code yes}). */
    public static Options defaults(List<String> keep, boolean yes) {
      return new Options(keep, yes, DEFAULT_VALUES, DEFAULT_SIMILAR, DEFAULT_MAX_REJECT, DEFAULT_PROPOSALS);
    }
  }

  /** Requests discovery keeps in flight: its questions are short and come in bursts. */
  static final int CONCURRENCY = 16;

  /** What a run did. {@code needsReview}: no dimension is kept yet, the proposal file was written. */
  public record Result(boolean needsReview, List<ProposedDimension> proposed, Map<String, Integer> drops,
      Map<String, Integer> removedByFilter, int requests, Path proposalFile, Path recordFile) {}

  private final Task task;
  private final Asker asker;
  private final Options options;
  private final Map<String, Integer> drops = new LinkedHashMap<>();
  private final List<Map<String, Object>> verdicts = new ArrayList<>();

  public Discovery(Task task, Engine engine, String model, Options options) {
    this.task = task;
    this.asker = new Asker(engine, model);
    this.options = named(options);
  }

  /** The options with each name to keep written as discovery names dimensions ("Writing Style" is writing_style). */
  private static Options named(Options o) {
    List<String> keep = new ArrayList<>();
    for (String k : o.keep()) {
      String name = Answers.dimensionName(k.strip()).orElseThrow(() -> new UserError("--keep names '" + k.strip()
          + "', which cannot name a dimension; use a few words that start with a letter, e.g. writing_style"));
      if (!keep.contains(name)) {
        keep.add(name);
      }
    }
    return new Options(List.copyOf(keep), o.yes(), o.values(), o.similar(), o.maxReject(), o.proposals());
  }

  /**
   * Discovery's engine settings for {@code task}: the endpoint's (base URL, key, headers, model),
   * with discovery's concurrency, the task's prices and its answer cache,
   * DIR/discovery/cache.sqlite, so that asking again costs nothing.
   */
  public static LlmConfig config(Task task, LlmConfig.Builder endpoint) {
    return endpoint.concurrency(CONCURRENCY).prices(PriceTable.withOverrides(task.prices()))
        .cache(task.dir().resolve("discovery").resolve("cache.sqlite")).build();
  }

  /** Runs discovery for {@code task} on an engine of its own, made from {@code config}, and closes it. */
  public static Result run(Task task, LlmConfig config, Options options) {
    try (Engine engine = Engine.open(config)) {
      return new Discovery(task, engine, config.model(), options).run();
    }
  }

  /**
   * The dimensions proposed so far (DIR/discovery/dimensions.yaml), with the {@code keep} flags a
   * person set; none before the first discovery.
   */
  public static List<ProposedDimension> proposals(Task task) {
    return List.copyOf(Proposals.read(task.dir().resolve("discovery").resolve(Proposals.FILE)).values());
  }

  /** Held while the attribute set is written, so that {@link #stop} never lands half-way through it. */
  private final Object writing = new Object();

  /**
   * Stops this discovery from any thread: no more questions are sent (answers already on the
   * wire still reach the cache), and {@link #run} ends with a {@link dev.attrprompt.WorkFailure}
   * before it writes the attribute set. If the set is being written at that moment, this waits
   * until every file of it is written: the attribute folder is never left part old, part new.
   */
  public void stop() {
    synchronized (writing) {
      asker.stop();
    }
  }

  public Result run() {
    Path dir = task.dir().resolve("discovery");
    Path proposalFile = dir.resolve(Proposals.FILE);
    List<ProposedDimension> proposed = Proposals.merge(proposeDimensions(), Proposals.read(proposalFile), options);
    if (asker.stopped()) {
      throw Asker.stoppedFailure();
    }
    Proposals.write(proposalFile, proposed);
    List<ProposedDimension> kept = proposed.stream().filter(ProposedDimension::keep).toList();
    Path recordFile = dir.resolve("record.json");
    if (kept.isEmpty()) {
      DiscoveryRecord.write(recordFile, asker, verdicts, drops);
      return new Result(true, proposed, drops, Map.of(), asker.requests(), proposalFile, recordFile);
    }
    Map<String, Integer> removed = new LinkedHashMap<>();
    try {
      Map<String, List<String>> similar = similarClasses();
      List<Dimension> dimensions = new ArrayList<>();
      for (ProposedDimension d : kept) {
        dimensions.add(d.scope() == Scope.INDEPENDENT ? independent(d) : dependent(d, similar, removed));
      }
      write(dimensions, similar);
    } finally {
      DiscoveryRecord.write(recordFile, asker, verdicts, drops); // kept even when a step fails
    }
    return new Result(false, proposed, drops, removed, asker.requests(), proposalFile, recordFile);
  }

  private List<ProposedDimension> proposeDimensions() {
    String labels = String.join(", ", task.labels().stream().map(Label::display).toList());
    String prompt = "List " + options.proposals() + " attribute dimensions that matter most for generating diverse "
        + task.domain() + " texts about topics such as: " + labels + ". Examples of dimensions: subtopic, writing "
        + "style, length, location. Answer with a numbered list of short dimension names only.";
    ListItems.Result items = Answers.list(asker.ask(Map.of("dimensions", prompt), 0).get("dimensions"));
    count("dimensions: repeated or empty items", items.repeated() + items.empty());
    List<String> names = new ArrayList<>();
    for (String item : items.items()) {
      Optional<String> name = Answers.dimensionName(item);
      if (name.isEmpty() || names.contains(name.get())) {
        count("dimensions: unusable names", 1);
      } else {
        names.add(name.get());
      }
    }
    for (String k : options.keep()) {
      Answers.dimensionName(k).filter(n -> !names.contains(n)).ifPresent(names::add);
    }
    if (names.isEmpty()) {
      throw new UserError("the model proposed no usable dimension (its answer had no list); name some with --keep "
          + "subtopic,style,length or try another --model");
    }
    Map<String, String> scopeQuestions = new LinkedHashMap<>();
    for (String n : names) {
      if (Answers.dependentByName(n).isEmpty()) {
        scopeQuestions.put("scope:" + n, "For " + task.domain() + " texts about different topics such as " + labels
            + ", do the useful values of the attribute '" + n.replace('_', ' ') + "' depend on the topic? "
            + "Answer yes or no.");
      }
    }
    Map<String, String> scopes = scopeQuestions.isEmpty() ? Map.of() : asker.ask(scopeQuestions, 0);
    List<ProposedDimension> out = new ArrayList<>();
    for (String n : names) {
      boolean dependent = Answers.dependentByName(n).orElseGet(() ->
          Answers.yesNo(scopes.getOrDefault("scope:" + n, "")).orElseGet(() -> {
            count("scope answers neither yes nor no (taken as independent)", 1);
            return false;
          }));
      out.add(new ProposedDimension(n, dependent ? Scope.DEPENDENT : Scope.INDEPENDENT, false));
    }
    return out;
  }

  /** Word counts for a kept "length" dimension: the paper's kind of values, not worth a question. */
  static final List<String> LENGTHS = List.of("30", "60", "100", "150");

  private Dimension independent(ProposedDimension d) {
    if (d.name().equals("length")) {
      Provenance builtIn = new Provenance.Person(Optional.of("attrprompt's built-in word counts"));
      return Dimension.classIndependent("length", LENGTHS.stream().map(v -> Value.of(v, builtIn)).toList())
          .withKind(Kind.LENGTH).withOrder(90);
    }
    String prompt = "List " + options.values() + " different values of the attribute '" + d.name().replace('_', ' ')
        + "' for " + task.domain() + " texts. Answer with a numbered list of short values only.";
    List<String> items = listWithRetry("values:" + d.name(), prompt);
    if (items.isEmpty()) {
      throw new UserError("the model gave no usable values for '" + d.name() + "'; set 'keep: false' for it in "
          + task.dir().resolve("discovery").resolve(Proposals.FILE) + " or try another --model");
    }
    Provenance p = provenance(prompt);
    return Dimension.classIndependent(d.name(), items.stream().map(v -> Value.of(v, p)).toList()).withOrder(50);
  }

  private Dimension dependent(ProposedDimension d, Map<String, List<String>> similar, Map<String, Integer> removed) {
    Map<String, List<Value>> byLabel = new LinkedHashMap<>();
    for (Label label : task.labels()) {
      String prompt = "List " + options.values() + " different " + d.name().replace('_', ' ') + " values for "
          + task.domain() + " texts about \"" + label.display() + "\". Answer with a numbered list of short values only.";
      List<String> items = listWithRetry("values:" + d.name() + ":" + label.name(), prompt);
      if (items.isEmpty()) {
        throw new UserError("the model gave no usable values of '" + d.name() + "' for label '" + label.name()
            + "'; set 'keep: false' for it in " + task.dir().resolve("discovery").resolve(Proposals.FILE)
            + " or try another --model");
      }
      Provenance p = provenance(prompt);
      byLabel.put(label.name(), new ArrayList<>(items.stream().map(v -> Value.of(v, p)).toList()));
    }
    Filtering.apply(d.name(), byLabel, similar, task, asker, options.maxReject(), verdicts, removed);
    return Dimension.classDependent(d.name(), byLabel).withFiltered(true).withOrder(10);
  }

  private Map<String, List<String>> similarClasses() {
    Map<String, String> prompts = new LinkedHashMap<>();
    for (Label label : task.labels()) {
      List<String> others = task.labels().stream().filter(l -> !l.equals(label)).map(Label::display).toList();
      prompts.put("similar:" + label.name(), "List the " + Math.min(options.similar(), others.size())
          + " topics most easily confused with \"" + label.display() + "\" in " + task.domain() + " texts.\n"
          + "Choose only from these labels: " + String.join(", ", others) + "\n"
          + "Answer with a numbered list of labels from this list only.");
    }
    Map<String, String> answers = asker.ask(prompts, 0);
    Map<String, List<String>> similar = new LinkedHashMap<>();
    for (Label label : task.labels()) {
      ListItems.Result items = Answers.list(answers.get("similar:" + label.name()));
      List<String> chosen = new ArrayList<>();
      for (String item : items.items()) {
        Optional<Label> match = Answers.label(item, task.labels());
        if (match.isEmpty()) {
          count("similar classes that name no label", 1);
        } else if (match.get().equals(label)) {
          count("similar classes naming the label itself", 1);
        } else if (!chosen.contains(match.get().name()) && chosen.size() < options.similar()) {
          chosen.add(match.get().name());
        }
      }
      if (!chosen.isEmpty()) {
        similar.put(label.name(), chosen);
      }
    }
    return similar;
  }

  /** A list answer; an answer with no list is asked once more with another seed. */
  private List<String> listWithRetry(String id, String prompt) {
    for (long seed = 0; seed < 2; seed++) {
      ListItems.Result items = Answers.list(asker.ask(Map.of(id, prompt), seed).get(id));
      count("values: repeated or empty items", items.repeated() + items.empty());
      if (!items.items().isEmpty()) {
        return items.items().stream().limit(options.values()).toList();
      }
      count("answers with no list (asked again)", 1);
    }
    return List.of();
  }

  private void write(List<Dimension> dimensions, Map<String, List<String>> similar) {
    synchronized (writing) {
      if (asker.stopped()) {
        throw Asker.stoppedFailure();
      }
      try {
        AttributeSetWriter.write(new AttributeSet(dimensions, similar), task.attributesDir());
        Task.load(task.dir()); // the result must be an attribute set that generation can use as is
      } catch (IOException e) {
        throw UserError.in(task.attributesDir(), "cannot write the attribute set: " + e.getMessage());
      }
    }
  }

  private Provenance provenance(String prompt) {
    return new Provenance.Proposed(asker.model(), sha256(prompt));
  }

  private void count(String what, int n) {
    if (n > 0) {
      drops.merge(what, n, Integer::sum);
    }
  }

  static String sha256(String text) {
    return dev.attrprompt.Hashing.sha256(text);
  }


  static void writeString(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw UserError.in(file, "cannot write: " + e.getMessage());
    }
  }
}
