package dev.attrprompt.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON columns of the run store. */
final class Jsons {
  private Jsons() {}

  static final ObjectMapper MAPPER = new ObjectMapper();

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> readList(String json) {
    try {
      return List.copyOf(MAPPER.readValue(json, new TypeReference<List<String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt list in the run store: " + json, e);
    }
  }

  static Map<String, String> readMap(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt map in the run store: " + json, e);
    }
  }
}
