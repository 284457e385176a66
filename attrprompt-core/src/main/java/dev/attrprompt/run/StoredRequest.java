package dev.attrprompt.run;

import dev.attrprompt.llm.ChatRequest;
import dev.attrprompt.task.Generation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** A planned request as the run store holds it. */
public record StoredRequest(String id, String label, List<String> labels, long index, int round,
    Map<String, String> attributes, long seed, String prompt) {

  static final String COLUMNS = "r.id, r.label, r.labels, r.idx, r.round, r.attributes, r.seed, r.prompt";

  /**
   * The chat completion that asks this request with {@code parameters}: what the engine sends
   * online and what a Batch input line carries, so both get the same body.
   */
  public ChatRequest chat(Generation parameters) {
    return ChatRequest.of(id, prompt, parameters.temperature(), parameters.topP(), parameters.maxTokens(), seed);
  }

  static StoredRequest of(ResultSet rs) throws SQLException {
    return new StoredRequest(rs.getString("id"), rs.getString("label"), Jsons.readList(rs.getString("labels")),
        rs.getLong("idx"), rs.getInt("round"), Jsons.readMap(rs.getString("attributes")), rs.getLong("seed"),
        rs.getString("prompt"));
  }
}
