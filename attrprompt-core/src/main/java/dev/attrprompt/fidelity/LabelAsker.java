package dev.attrprompt.fidelity;

import dev.attrprompt.llm.BatchJobs;
import dev.attrprompt.llm.ChatRequest;
import dev.attrprompt.llm.ChatResponse;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.Message;
import dev.attrprompt.llm.Outcome;
import dev.attrprompt.llm.RunEnd;
import dev.attrprompt.run.Judgement;
import dev.attrprompt.run.RunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Asks an LLM judge {@link LabelQuestion}s through the request engine, which caches, retries,
 * rate-limits, prices and caps them under its budget. With a run store, the judgements it
 * already holds for this judge are reused (nothing is asked, nothing paid) and every new one is
 * committed as it arrives, so a stopped check or screening pass resumes where it ended.
 *
 * <p>{@link #throughBatches} makes an asker that sends the questions through the OpenAI Batch API
 * instead, at the batch price.
 *
 * <p>The judge answers at temperature 0 with a fixed seed; its answer is kept raw and read by
 * {@link LabelAnswer#read}, so a better reading applies to stored answers too.
 */
public final class LabelAsker {
  /** Tokens an answer may take: a label, or a short sentence around one. */
  static final int MAX_TOKENS = 60;

  /** One question to ask; {@code key} is the sample's request id (runs) or its position (files). */
  public record Item(String key, LabelQuestion question) {}

  /**
   * The judge's word on one item.
   *
   * @param fromStore whether the run store already held it (nothing was asked)
   */
  public record Verdict(Item item, LabelAnswer answer, String raw, boolean fromStore, boolean cached,
      long promptTokens, long completionTokens, double usd) {
    /** The label the text fits instead of its own, or "none of these"; empty when on label or unreadable. */
    public Optional<String> suggested() {
      return switch (answer) {
        case LabelAnswer.Named n -> n.option().equals(item.question().label()) ? Optional.empty() : Optional.of(n.option());
        case LabelAnswer.NoneOfThese none -> Optional.of(LabelQuestion.NONE);
        case LabelAnswer.Unparseable u -> Optional.empty();
      };
    }

    public boolean unparseable() {
      return answer instanceof LabelAnswer.Unparseable;
    }
  }

  /**
   * What a pass produced.
   *
   * @param verdicts one per item answered, in the items' order
   * @param unanswered items left without an answer (failed, or the engine stopped)
   * @param problem why some were left, in one line (for batches: one clause each kind, joined by "; ")
   * @param batches the Batch API batches whose answers this pass read (none when asked online)
   */
  public record Result(List<Verdict> verdicts, int unanswered, Optional<String> problem, List<String> batches) {
    public Result {
      verdicts = List.copyOf(verdicts);
      batches = List.copyOf(batches);
    }

    public Result(List<Verdict> verdicts, int unanswered, Optional<String> problem) {
      this(verdicts, unanswered, problem, List.of());
    }

    public long asked() {
      return verdicts.stream().filter(v -> !v.fromStore()).count();
    }

    public long unparseable() {
      return verdicts.stream().filter(Verdict::unparseable).count();
    }

    public double usd() {
      return verdicts.stream().filter(v -> !v.fromStore()).mapToDouble(Verdict::usd).sum();
    }
  }

  /**
   * How to ask through the Batch API.
   *
   * @param poll      the time between two polls of a batch in flight
   * @param limits    what one input file may hold; more questions go out as several batches
   * @param log       one line for each batch submitted, found, resumed or read, and each kind of failure
   * @param stateFile where to keep the batches in flight when there is no run store (a JSONL file's
   *                  check); its folder also keeps the batch files. A run keeps them in its store
   *                  and its {@code batches} folder.
   */
  public record Batching(Duration poll, BatchJobs.FileLimits limits, Consumer<String> log, Optional<Path> stateFile) {}

  private final Engine engine;
  private final Optional<RunStore> store;
  private final Optional<Batching> batching;

  /** @param store the run whose samples are judged, to reuse and record judgements; empty for files */
  public LabelAsker(Engine engine, Optional<RunStore> store) {
    this(engine, store, Optional.empty());
  }

  private LabelAsker(Engine engine, Optional<RunStore> store, Optional<Batching> batching) {
    this.engine = engine;
    this.store = store;
    this.batching = batching;
  }

  /**
   * An asker that sends the questions the run store and the engine's response cache cannot answer
   * through the OpenAI Batch API, at the batch price: never more at its worst case than the
   * engine's budget, split into several batches when one file cannot hold them all. It waits for
   * the batches; their ids are kept (in the run store, else in {@code batching.stateFile()}) from
   * the moment they exist until their answers are recorded, so a check stopped while it waits
   * polls the same batches when run again. Answers are read as online ones, recorded in the run
   * store and kept in the response cache.
   *
   * @throws IllegalArgumentException without a run store and without a state file
   */
  public static LabelAsker throughBatches(Engine engine, Optional<RunStore> store, Batching batching) {
    if (store.isEmpty() && batching.stateFile().isEmpty()) {
      throw new IllegalArgumentException("a batched judge without a run store needs a state file");
    }
    return new LabelAsker(engine, store, Optional.of(batching));
  }

  /** The judge's id, recorded with its judgements: its model and the question's wording. */
  public String judgeId() {
    return "llm:" + engine.config().model() + ":" + LabelQuestion.VERSION;
  }

  /** Asks every item not yet judged; returns all verdicts, stored ones included. */
  public Result ask(List<Item> items) {
    String judge = judgeId();
    Map<String, Judgement> held = store.map(s -> s.judgements(judge)).orElse(Map.of());
    Map<String, Verdict> done = new LinkedHashMap<>();
    Map<String, Item> byKey = new LinkedHashMap<>();
    List<ChatRequest> requests = new ArrayList<>();
    for (Item item : items) {
      Judgement j = held.get(item.key());
      if (j != null) {
        done.put(item.key(), new Verdict(item, LabelAnswer.read(j.answer(), item.question().options()), j.answer(),
            true, j.cached(), j.promptTokens(), j.completionTokens(), j.usd()));
      } else if (byKey.putIfAbsent(item.key(), item) == null) {
        requests.add(new ChatRequest(item.key(), List.of(Message.user(item.question().prompt())), 0.0, 1.0,
            MAX_TOKENS, OptionalLong.of(0), 0));
      }
    }
    List<String> failures = new ArrayList<>();
    Consumer<List<Outcome>> sink = outcomes -> {
      List<Judgement> record = new ArrayList<>();
      for (Outcome o : outcomes) {
        switch (o) {
          case Outcome.Completed c -> {
            Item item = byKey.get(c.requestId());
            ChatResponse r = c.response();
            String raw = r.content() == null ? "" : r.content();
            double usd = r.cached() ? 0 : c.usd();
            Verdict v = new Verdict(item, LabelAnswer.read(raw, item.question().options()), raw, false, r.cached(),
                r.usage().promptTokens(), r.usage().completionTokens(), usd);
            done.put(item.key(), v);
            record.add(new Judgement(item.key(), judge, v.suggested(), v.unparseable() ? 0 : 1, raw,
                v.promptTokens(), v.completionTokens(), usd, r.cached()));
          }
          case Outcome.Failed f -> failures.add(f.message());
          case Outcome.Stopped s -> { }
        }
      }
      store.ifPresent(s -> s.recordJudgements(record));
    };
    Optional<String> halt;
    List<String> batches = List.of();
    if (batching.isPresent()) {
      List<Outcome> hits = new ArrayList<>();
      List<ChatRequest> open = new ArrayList<>();
      for (ChatRequest r : requests) {
        engine.cached(r).ifPresentOrElse(hits::add, () -> open.add(r));
      }
      sink.accept(hits);
      BatchAsking.Pass pass = batchAsking(batching.get()).ask(open, sink);
      batches = pass.batches();
      halt = pass.problems().isEmpty() ? Optional.empty() : Optional.of(String.join("; ", pass.problems()));
    } else {
      RunEnd end = engine.runInBatches(requests, sink);
      halt = end.halt().map(RunEnd.Halt::message);
    }
    List<Verdict> ordered = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Item item : items) {
      Verdict v = done.get(item.key());
      if (v != null && seen.add(item.key())) {
        ordered.add(v);
      }
    }
    int unanswered = (int) items.stream().map(Item::key).distinct().filter(k -> !done.containsKey(k)).count();
    Optional<String> problem = halt
        .or(() -> failures.stream().findFirst().map(m -> failures.size() + " judge requests failed; the first: " + m));
    return new Result(List.copyOf(ordered), unanswered, unanswered == 0 ? Optional.empty() : problem
        .or(() -> Optional.of(unanswered + " samples were not judged")), batches);
  }

  private BatchAsking batchAsking(Batching b) {
    if (store.isPresent()) {
      return new BatchAsking(engine, BatchLedger.inRun(store.get(), judgeId()), store.get().dir().resolve("batches"), b);
    }
    Path state = b.stateFile().orElseThrow();
    return new BatchAsking(engine, BatchLedger.inFile(state), state.toAbsolutePath().getParent(), b);
  }
}
