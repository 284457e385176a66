package dev.attrprompt.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The state as JSON: {@code {"owner", "noted", "in_flight": [{"batch", "questions"}], "submitting": {"key", "questions"}}}. */
final class LedgerJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LedgerJson() {}

  static BatchLedger.State fresh() {
    return new BatchLedger.State(UUID.randomUUID().toString(), 0, List.of());
  }

  static BatchLedger.State parse(String text) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    String owner = Optional.ofNullable(n.path("owner").textValue())
        .orElseThrow(() -> new IllegalArgumentException("no owner"));
    List<BatchLedger.Entry> entries = new ArrayList<>();
    for (JsonNode e : n.path("in_flight")) {
      List<String> questions = new ArrayList<>();
      e.path("questions").forEach(q -> questions.add(q.asText()));
      entries.add(new BatchLedger.Entry(e.path("batch").asText(), questions));
    }
    Optional<BatchLedger.Pending> submitting = Optional.empty();
    JsonNode p = n.path("submitting");
    if (p.isObject()) {
      String key = Optional.ofNullable(p.path("key").textValue())
          .orElseThrow(() -> new IllegalArgumentException("a batch being bought without its key"));
      List<String> questions = new ArrayList<>();
      p.path("questions").forEach(q -> questions.add(q.asText()));
      submitting = Optional.of(new BatchLedger.Pending(key, questions));
    }
    return new BatchLedger.State(owner, n.path("noted").asInt(0), entries, submitting);
  }

  static String text(BatchLedger.State s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("owner", s.owner());
    n.put("noted", s.noted());
    ArrayNode flights = n.putArray("in_flight");
    for (BatchLedger.Entry e : s.inFlight()) {
      ObjectNode f = flights.addObject();
      f.put("batch", e.batchId());
      ArrayNode q = f.putArray("questions");
      e.questions().forEach(q::add);
    }
    s.submitting().ifPresent(p -> {
      ObjectNode f = n.putObject("submitting");
      f.put("key", p.key());
      ArrayNode q = f.putArray("questions");
      p.questions().forEach(q::add);
    });
    return n.toString();
  }
}
