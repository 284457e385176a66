package dev.attrprompt.discover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.UserError;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One verdict of class-dependent attribute filtering, as discovery recorded it in
 * DIR/discovery/record.json: whether the LLM found {@code value} of {@code label} relevant to one
 * of the label's similar classes, and what became of the value.
 *
 * @param answer the LLM's answer, as it gave it (untrusted text)
 * @param verdict {@value #REMOVED}, {@code kept}, {@code unclear (kept)} or {@code relevant,
 *     kept (limit reached)}
 */
public record FilterVerdict(String dimension, String label, String value, String answer, String verdict) {
  /** The verdict of a value that filtering took out of its list. */
  public static final String REMOVED = "removed";

  /** Whether filtering took the value out of its list (a person may bring it back). */
  public boolean removed() {
    return verdict.equals(REMOVED);
  }

  /** {@code DIM:LABEL:VALUE}, the way {@code attributes review} names the value. */
  public String key() {
    return key(dimension, label, value);
  }

  /** The key of a value of a class-dependent dimension. */
  public static String key(String dimension, String label, String value) {
    return dimension + ":" + label + ":" + value;
  }

  /** The task's verdicts in the order discovery made them; none when discovery never filtered. */
  public static List<FilterVerdict> read(Task task) {
    Path record = task.dir().resolve("discovery").resolve("record.json");
    List<FilterVerdict> out = new ArrayList<>();
    if (!Files.exists(record)) {
      return out;
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(record.toFile());
    } catch (IOException e) {
      throw UserError.in(record, "cannot read the discovery record (" + e.getClass().getSimpleName()
          + "); delete it and run 'attrprompt attributes discover' again");
    }
    for (JsonNode v : root.path("filter_verdicts")) {
      out.add(new FilterVerdict(v.path("dimension").asText(), v.path("label").asText(),
          v.path("value").asText(), v.path("answer").asText(), v.path("verdict").asText()));
    }
    return List.copyOf(out);
  }

  /** The verdicts by {@link #key()}; a later verdict on the same value wins. */
  public static Map<String, FilterVerdict> byKey(List<FilterVerdict> verdicts) {
    Map<String, FilterVerdict> out = new LinkedHashMap<>();
    verdicts.forEach(v -> out.put(v.key(), v));
    return out;
  }
}
