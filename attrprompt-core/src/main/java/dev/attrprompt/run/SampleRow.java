package dev.attrprompt.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One planned request as the samples pages list it.
 *
 * @param reason the rejection reason of a rejected request ({@code person: <reason>} for a person's)
 * @param text   the screened text of an accepted or rejected request, the raw answer of one that
 *               waits for screening; empty without an answer. Untrusted model output: escape it.
 * @param error  the cause of a failed request's last failure
 */
public record SampleRow(String id, String label, List<String> labels, int round, Map<String, String> attributes,
    SampleVerdict verdict, Optional<String> reason, Optional<String> text, Optional<String> error) {

  public SampleRow {
    labels = List.copyOf(labels);
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The row as ordered maps, for JSON. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("label", label);
    m.put("labels", labels);
    m.put("round", round);
    m.put("attributes", attributes);
    m.put("verdict", verdict.id());
    m.put("reason", reason.orElse(null));
    m.put("text", text.orElse(null));
    m.put("error", error.orElse(null));
    return m;
  }
}
