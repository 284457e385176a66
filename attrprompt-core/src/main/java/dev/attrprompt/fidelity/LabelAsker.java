package dev.attrprompt.fidelity;

import dev.attrprompt.llm.ChatRequest;
import dev.attrprompt.llm.ChatResponse;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.Message;
import dev.attrprompt.llm.Outcome;
import dev.attrprompt.llm.RunEnd;
import dev.attrprompt.run.Judgement;
import dev.attrprompt.run.RunStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Asks an LLM judge {@link LabelQuestion}s through the request engine, which caches, retries,
 * rate-limits, prices and caps them under its budget. With a run store, the judgements it
 * already holds for this judge are reused (nothing is asked, nothing paid) and every new one is
 * committed as it arrives, so a stopped check or screening pass resumes where it ended.
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
   * @param problem why some were left, in one line
   */
  public record Result(List<Verdict> verdicts, int unanswered, Optional<String> problem) {
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

  private final Engine engine;
  private final Optional<RunStore> store;

  /** @param store the run whose samples are judged, to reuse and record judgements; empty for files */
  public LabelAsker(Engine engine, Optional<RunStore> store) {
    this.engine = engine;
    this.store = store;
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
    RunEnd end = engine.runInBatches(requests, outcomes -> {
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
    });
    List<Verdict> ordered = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Item item : items) {
      Verdict v = done.get(item.key());
      if (v != null && seen.add(item.key())) {
        ordered.add(v);
      }
    }
    int unanswered = (int) items.stream().map(Item::key).distinct().filter(k -> !done.containsKey(k)).count();
    Optional<String> problem = end.halt().map(RunEnd.Halt::message)
        .or(() -> failures.stream().findFirst().map(m -> failures.size() + " judge requests failed; the first: " + m));
    return new Result(List.copyOf(ordered), unanswered, unanswered == 0 ? Optional.empty() : problem
        .or(() -> Optional.of(unanswered + " samples were not judged")));
  }
}
