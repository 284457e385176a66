package dev.attrprompt.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.UserError;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's provenance: the task and attribute-set snapshot with hashes, the method, seed, mode and
 * quota, the model and its parameters, and the tool version. A resumed run must match it.
 */
public final class Manifest {
  private Manifest() {}

  /** The fields a resumed run must share with the run it continues. */
  static final List<String> FIXED = List.of("method", "per_class", "seed", "mode", "task_sha256");

  public static Map<String, Object> of(Task task, RunSpec spec, Map<String, Object> generation, String toolVersion) {
    Map<String, Object> files = snapshot(task);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", "attrprompt " + toolVersion);
    m.put("task", task.name());
    m.put("task_sha256", sha256(Jsons.write(files)));
    m.put("method", spec.plan().method().id());
    m.put("per_class", spec.plan().perClass());
    m.put("seed", spec.plan().seed());
    m.put("mode", spec.plan().mode().id());
    m.put("multi_label", task.multiLabel());
    m.put("generation", generation);
    // ordered maps only: the manifest's text is hashed into the run id, and Map.of's order varies by JVM
    Map<String, Object> screening = new LinkedHashMap<>();
    screening.put("min_words", spec.rules().minWords());
    screening.put("max_words", spec.rules().maxWords());
    screening.put("near_duplicate", spec.rules().nearDuplicate());
    m.put("screening", screening);
    m.put("max_rounds", spec.maxRounds());
    Map<String, Object> templates = new LinkedHashMap<>();
    templates.put("simprompt", task.templates().simprompt());
    templates.put("attrprompt", task.templates().attrprompt());
    m.put("templates", templates);
    m.put("files", files);
    return m;
  }

  /** Writes {@code manifest} into a new store, or checks it against the one stored. */
  public static void writeOrCheck(RunStore store, Map<String, Object> manifest) {
    String json = Jsons.write(manifest);
    var existing = store.manifest();
    if (existing.isEmpty()) {
      store.writeManifest(json);
      return;
    }
    try {
      JsonNode old = Jsons.MAPPER.readTree(existing.get());
      JsonNode now = Jsons.MAPPER.readTree(json);
      for (String key : FIXED) {
        if (!old.path(key).equals(now.path(key))) {
          throw UserError.in(store.dir(), "this run was made with " + key + " = " + old.path(key)
              + ", not " + now.path(key) + "; resume it with the same task and options, or use a new --out folder");
        }
      }
    } catch (JsonProcessingException e) {
      throw UserError.in(store.dir(), "the run's manifest is unreadable: " + e.getOriginalMessage());
    }
  }

  /** Every file of the task folder (task.yaml and attribute files) as text. */
  static Map<String, Object> snapshot(Task task) {
    Map<String, Object> files = new LinkedHashMap<>();
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
