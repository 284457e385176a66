package dev.attrprompt.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The one shared {@link ObjectMapper}: building one per request would dominate the cost. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of plain nodes always serializes
    }
  }

  static String string(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a request body; anything but a JSON object is a 400, as OpenAI answers. */
  static ObjectNode parseObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("We could not parse the JSON body of your request. (HINT: "
          + "This likely means you aren't using your HTTP library correctly. The OpenAI API "
          + "expects a JSON payload.)", null);
    }
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw ApiException.badRequest("The request body must be a JSON object.", null);
  }

  /** OpenAI's error body: {@code {"error": {"message", "type", "param", "code"}}}. */
  static ObjectNode error(String message, String type, String param, String code) {
    ObjectNode error = object();
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    ObjectNode root = object();
    root.set("error", error);
    return root;
  }
}
