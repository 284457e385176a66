package dev.attrprompt.eval.html;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.Hashing;
import dev.attrprompt.UserError;
import dev.attrprompt.eval.data.RunSource;
import dev.attrprompt.run.RequestRecord;
import dev.attrprompt.run.RunStore;
import dev.attrprompt.run.RunStore.Status;
import dev.attrprompt.run.Usage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a report knows of a run folder beyond its samples: the manifest (provenance), the status
 * counts exactly as {@code attrprompt status --json} gives them, and every request with its verdict
 * and usage. This is the one place the report reads a run store; it reads it through the store's
 * public methods, and is the class to switch when runs get a typed manifest.
 *
 * @param manifest  the run's manifest as JSON values
 * @param runId     the run id (the first 16 hex digits of the manifest's SHA-256, as exports name it)
 * @param status    {@code status --json}: "labels" and "totals"
 * @param simulated whether the responses came from attrprompt's simulator
 * @param requests  every planned request, by id
 */
record RunFacts(Map<String, Object> manifest, String runId, Map<String, Object> status, boolean simulated,
    List<RequestRecord> requests) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The facts of {@code path} when it is a run folder; empty for data files. */
  static Optional<RunFacts> read(Path path) {
    if (!new RunSource().accepts(path)) {
      return Optional.empty();
    }
    try (RunStore store = RunStore.openExisting(path)) {
      String text = store.manifest().orElseThrow(() ->
          UserError.in(path, "this run has no manifest; was it made by 'attrprompt generate'?"));
      Map<String, Object> manifest = JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
      Usage usage = store.usage();
      return Optional.of(new RunFacts(manifest, Hashing.sha256(text).substring(0, 16),
          status(store.counts(), store.rejections(), usage), usage.simulated(), store.requestRecords()));
    } catch (IOException e) {
      throw UserError.in(path, "the run's manifest is unreadable: " + e.getMessage());
    }
  }

  /** The manifest's value at a path of keys, as text; empty when absent. */
  Optional<String> field(String... keys) {
    Object v = manifest;
    for (String k : keys) {
      if (!(v instanceof Map<?, ?> m) || !m.containsKey(k) || m.get(k) == null) {
        return Optional.empty();
      }
      v = m.get(k);
    }
    return Optional.of(String.valueOf(v));
  }

  /** The labels of the status counts, in their order. */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> statusLabels() {
    return (Map<String, Map<String, Object>>) status.get("labels");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> totals() {
    return (Map<String, Object>) status.get("totals");
  }

  /** The same map, key for key, as {@code attrprompt status --json} prints. */
  static Map<String, Object> status(Map<String, Map<Status, Integer>> counts, Map<String, Map<String, Integer>> reasons,
      Usage usage) {
    Map<String, Object> labels = new LinkedHashMap<>();
    long requests = 0;
    long accepted = 0;
    long rejected = 0;
    long failed = 0;
    long pending = 0;
    for (Map.Entry<String, Map<Status, Integer>> e : counts.entrySet()) {
      Map<Status, Integer> c = e.getValue();
      int a = c.getOrDefault(Status.ACCEPTED, 0);
      int r = c.getOrDefault(Status.REJECTED, 0);
      int f = c.getOrDefault(Status.FAILED, 0);
      int p = c.getOrDefault(Status.PLANNED, 0) + c.getOrDefault(Status.ANSWERED, 0);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("planned", a + r + f + p);
      row.put("accepted", a);
      row.put("rejected", r);
      row.put("rejected_by_reason", reasons.getOrDefault(e.getKey(), Map.of()));
      row.put("failed", f);
      row.put("pending", p);
      labels.put(e.getKey(), row);
      requests += a + r + f + p;
      accepted += a;
      rejected += r;
      failed += f;
      pending += p;
    }
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("requests", requests);
    totals.put("accepted", accepted);
    totals.put("rejected", rejected);
    totals.put("failed", failed);
    totals.put("pending", pending);
    totals.put("responses", usage.responses());
    totals.put("cached", usage.cached());
    totals.put("input_tokens", usage.promptTokens());
    totals.put("output_tokens", usage.completionTokens());
    totals.put("usd", Math.round(usage.usd() * 1e6) / 1e6);
    totals.put("simulated", usage.simulated());
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("labels", labels);
    all.put("totals", totals);
    return all;
  }
}
