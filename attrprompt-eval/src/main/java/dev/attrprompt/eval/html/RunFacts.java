package dev.attrprompt.eval.html;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.UserError;
import dev.attrprompt.eval.data.RunSource;
import dev.attrprompt.run.RequestRecord;
import dev.attrprompt.run.Manifest;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunStore;
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
 * @param typed     the run's manifest, read by its one reader
 * @param manifest  the same manifest as JSON values, as its writer writes them (for the page's JSON)
 * @param runId     the run id, as exports name it
 * @param status    {@code status --json}: "labels" and "totals"
 * @param simulated whether the responses came from attrprompt's simulator
 * @param requests  every planned request, by id
 */
record RunFacts(Manifest typed, Map<String, Object> manifest, String runId, Map<String, Object> status, boolean simulated,
    List<RequestRecord> requests) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The facts of {@code path} when it is a run folder; empty for data files. */
  static Optional<RunFacts> read(Path path) {
    if (!new RunSource().accepts(path)) {
      return Optional.empty();
    }
    Manifest typed;
    Usage usage;
    List<RequestRecord> records;
    try (RunStore store = RunStore.openReadOnly(path)) {
      String text = store.manifest().orElseThrow(() ->
          UserError.in(path, "this run has no manifest; was it made by 'attrprompt generate'?"));
      typed = Manifest.read(text, path);
      usage = store.usage();
      records = store.requestRecords();
    }
    Map<String, Object> status;
    try (Run run = Run.openReadOnly(path)) {
      status = run.status().toMap(); // exactly what 'attrprompt status --json' prints
    }
    try {
      Map<String, Object> manifest = JSON.readValue(typed.toJson(), new TypeReference<LinkedHashMap<String, Object>>() {});
      return Optional.of(new RunFacts(typed, manifest, typed.runId(), status, usage.simulated(), records));
    } catch (IOException e) {
      throw UserError.in(path, "the run's manifest is unreadable: " + e.getMessage());
    }
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
}
