package dev.attrprompt.run;

import dev.attrprompt.cost.Price;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where a run stands, per label and in total: planned, accepted, rejected by reason, failed by
 * cause and pending (planned or answered but not yet screened); tokens, dollars and the budget.
 * The counts add up: planned = accepted + rejected + failed + pending.
 *
 * @param warnings lines a person should see, e.g. that no price is known for the model
 * @param fidelity the label-fidelity rule in force and what the LLM judge asked and spent
 * @param batchesInFlight the ids of the Batch API batches {@code generate --batch} has in flight, oldest first
 */
public record RunStatus(Map<String, Label> labels, Counts totals, Usage usage, OptionalDouble budgetUsd,
    Optional<Price> price, List<String> warnings, Fidelity fidelity, List<String> batchesInFlight) {

  /**
   * The label-fidelity rule in force and what the LLM judge asked and spent (part of {@code usage}).
   *
   * @param judge {@code none}, {@code classifier} or {@code llm} ({@code generate --fidelity})
   */
  public record Fidelity(String judge, Usage llm) {}

  public RunStatus {
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    warnings = List.copyOf(warnings);
    batchesInFlight = List.copyOf(batchesInFlight);
  }

  /** Request counts; {@code pending} is planned, or answered and not yet screened. */
  public record Counts(long planned, long accepted, long rejected, long failed, long pending) {
    static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

    /** Counts from one label's requests by store status. */
    static Counts of(Map<RunStore.Status, Integer> c) {
      long a = c.getOrDefault(RunStore.Status.ACCEPTED, 0);
      long r = c.getOrDefault(RunStore.Status.REJECTED, 0);
      long f = c.getOrDefault(RunStore.Status.FAILED, 0);
      long p = c.getOrDefault(RunStore.Status.PLANNED, 0) + c.getOrDefault(RunStore.Status.ANSWERED, 0);
      return new Counts(a + r + f + p, a, r, f, p);
    }

    Counts plus(Counts o) {
      return new Counts(planned + o.planned, accepted + o.accepted, rejected + o.rejected, failed + o.failed,
          pending + o.pending);
    }
  }

  /** One label's counts with its rejections by reason and its failures by cause. */
  public record Label(Counts counts, Map<String, Integer> rejectedByReason, Map<String, Integer> failedByCause) {
    public Label {
      rejectedByReason = Map.copyOf(rejectedByReason);
      failedByCause = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failedByCause));
    }
  }

  /** Reads the status of the run in {@code store}, described by {@code manifest}. */
  static RunStatus of(RunStore store, Manifest manifest) {
    Map<String, Map<String, Integer>> reasons = store.rejections();
    Map<String, Map<String, Integer>> causes = store.failures();
    Map<String, Label> labels = new LinkedHashMap<>();
    Counts totals = Counts.ZERO;
    for (Map.Entry<String, Map<RunStore.Status, Integer>> e : store.counts().entrySet()) {
      Counts c = Counts.of(e.getValue());
      labels.put(e.getKey(), new Label(c, reasons.getOrDefault(e.getKey(), Map.of()),
          causes.getOrDefault(e.getKey(), Map.of())));
      totals = totals.plus(c);
    }
    return new RunStatus(labels, totals, store.usage(), manifest.budgetUsd(), manifest.price(),
        warnings(manifest), new Fidelity(manifest.rules().fidelity().id(), store.judgeUsage()),
        BatchAnswerer.inFlight(store));
  }

  static List<String> warnings(Manifest manifest) {
    return manifest.price().isEmpty()
        ? List.of("no price is known for model '" + manifest.generation().model() + "': its dollars are not counted "
            + "(add it to task.yaml 'prices:' or pass --prices FILE)")
        : List.of();
  }

  /** Failures in total, by cause (all labels together), most frequent first. */
  public Map<String, Integer> failedByCause() {
    Map<String, Integer> all = new LinkedHashMap<>();
    labels.values().forEach(l -> l.failedByCause().forEach((k, v) -> all.merge(k, v, Integer::sum)));
    Map<String, Integer> sorted = new LinkedHashMap<>();
    all.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The status as ordered maps, for JSON. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> rows = new LinkedHashMap<>();
    labels.forEach((name, l) -> {
      Map<String, Object> row = counts(l.counts());
      row.put("rejected_by_reason", new java.util.TreeMap<>(l.rejectedByReason()));
      row.put("failed_by_cause", l.failedByCause());
      rows.put(name, row);
    });
    out.put("labels", rows);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("requests", totals.planned());
    t.putAll(counts(totals));
    t.remove("planned");
    t.put("failed_by_cause", failedByCause());
    t.put("responses", usage.responses());
    t.put("cached", usage.cached());
    t.put("input_tokens", usage.promptTokens());
    t.put("output_tokens", usage.completionTokens());
    t.put("usd", Math.round(usage.usd() * 1e6) / 1e6);
    t.put("budget_usd", budgetUsd.isPresent() ? budgetUsd.getAsDouble() : null);
    t.put("priced", price.isPresent());
    t.put("simulated", usage.simulated());
    out.put("totals", t);
    out.put("warnings", warnings);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("judge", fidelity.judge());
    f.put("questions", fidelity.llm().responses());
    f.put("cached", fidelity.llm().cached());
    f.put("input_tokens", fidelity.llm().promptTokens());
    f.put("output_tokens", fidelity.llm().completionTokens());
    f.put("usd", Math.round(fidelity.llm().usd() * 1e6) / 1e6);
    out.put("fidelity", f);
    out.put("batches_in_flight", batchesInFlight);
    return out;
  }

  private static Map<String, Object> counts(Counts c) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("planned", c.planned());
    row.put("accepted", c.accepted());
    row.put("rejected", c.rejected());
    row.put("failed", c.failed());
    row.put("pending", c.pending());
    return row;
  }
}
