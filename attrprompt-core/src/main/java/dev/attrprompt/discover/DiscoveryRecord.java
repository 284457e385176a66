package dev.attrprompt.discover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DIR/discovery/record.json: every exchange (prompt, raw answer, time), every filter verdict, every drop. */
final class DiscoveryRecord {
  private DiscoveryRecord() {}

  static void write(Path file, Asker asker, List<Map<String, Object>> verdicts, Map<String, Integer> drops) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("model", asker.model());
    root.put("exchanges", asker.record());
    root.put("filter_verdicts", verdicts);
    root.put("drops", drops);
    try {
      Discovery.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
