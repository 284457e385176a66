package dev.attrprompt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parts of a chat completion request the simulator honours, validated as OpenAI validates
 * them. Content depends only on {@code messages}, {@code seed} and the choice index; temperature
 * and top_p are checked for range and otherwise ignored.
 *
 * @param model the requested model, echoed in the answer
 * @param messages the conversation, text parts concatenated
 * @param maxTokens max_completion_tokens or max_tokens; 0 when absent
 * @param n how many choices
 * @param seed the request's seed, or the simulator's when the request has none
 */
record ChatRequest(String model, List<Message> messages, int maxTokens, int n, long seed) {

  /**
   * OpenAI's reasoning models (o1, o3, o4-mini, gpt-5, with or without a provider prefix) refuse
   * {@code max_tokens}; they take {@code max_completion_tokens}.
   */
  private static final Pattern REASONING_MODELS = Pattern.compile("(.*/)?(o[1-9]|gpt-5)([-.].*)?");

  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool", "function");

  /** One message with its text; image and audio parts are ignored. */
  record Message(String role, String content) {}

  /** Parses and validates; throws a 400 {@link ApiException} naming the bad parameter. */
  static ChatRequest parse(ObjectNode body, long defaultSeed) {
    String model = requireModel(body);
    JsonNode messages = body.get("messages");
    if (messages == null || messages.isNull()) {
      throw ApiException.badRequest("Missing required parameter: 'messages'.", "messages");
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw ApiException.badRequest(
          "Invalid 'messages': expected a non-empty array of messages.", "messages");
    }
    List<Message> parsed = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      parsed.add(message(messages.get(i), i));
    }
    if (body.path("stream").asBoolean(false)) {
      throw ApiException.badRequest("The simulator does not support 'stream': true.", "stream");
    }
    range(body, "temperature", 0.0, 2.0);
    range(body, "top_p", 0.0, 1.0);
    if (body.has("max_tokens") && REASONING_MODELS.matcher(model.toLowerCase(Locale.ROOT)).matches()) {
      throw ApiException.badRequest("Unsupported parameter: 'max_tokens' is not supported with this model. "
          + "Use 'max_completion_tokens' instead.", "max_tokens");
    }
    int maxTokens = positiveInt(body, "max_completion_tokens");
    if (maxTokens == 0) {
      maxTokens = positiveInt(body, "max_tokens");
    }
    int n = body.has("n") && !body.get("n").isNull() ? positiveInt(body, "n") : 1;
    if (n > 128) {
      throw ApiException.badRequest("Invalid 'n': integer above maximum value. Expected a value "
          + "<= 128, but got " + n + " instead.", "n");
    }
    long seed = defaultSeed;
    JsonNode s = body.get("seed");
    if (s != null && !s.isNull()) {
      if (!s.canConvertToLong() || !s.isIntegralNumber()) {
        throw ApiException.badRequest("Invalid type for 'seed': expected an integer.", "seed");
      }
      seed = s.asLong();
    }
    return new ChatRequest(model, List.copyOf(parsed), maxTokens, n, seed);
  }

  /** The token cost a request reserves against TPM: its prompt plus all it may generate. */
  long reservedTokens() {
    int perChoice = maxTokens > 0 ? maxTokens : Tokens.DEFAULT_MAX_TOKENS;
    return Tokens.ofMessages(messages) + (long) perChoice * n;
  }

  static String requireModel(ObjectNode body) {
    JsonNode model = body.get("model");
    if (model == null || model.isNull()) {
      throw ApiException.badRequest("You must provide a model parameter.", "model");
    }
    if (!model.isTextual() || model.asText().isBlank()) {
      throw ApiException.badRequest("Invalid 'model': expected a non-empty string.", "model");
    }
    return model.asText();
  }

  private static Message message(JsonNode m, int i) {
    String where = "messages[" + i + "]";
    if (!m.isObject()) {
      throw ApiException.badRequest("Invalid '" + where + "': expected an object.", where);
    }
    String role = m.path("role").asText("");
    if (!ROLES.contains(role)) {
      throw ApiException.badRequest("Invalid value for '" + where + ".role': '" + role
          + "'. Supported values are: 'system', 'developer', 'user', 'assistant', 'tool'.",
          where + ".role");
    }
    JsonNode content = m.get("content");
    if (content == null || content.isNull()) {
      if (role.equals("assistant")) {
        return new Message(role, ""); // assistant turns may carry only tool calls
      }
      throw ApiException.badRequest("Missing required parameter: '" + where + ".content'.",
          where + ".content");
    }
    if (content.isTextual()) {
      return new Message(role, content.asText());
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        if (part.path("type").asText().equals("text")) {
          text.append(part.path("text").asText());
        }
      }
      return new Message(role, text.toString());
    }
    throw ApiException.badRequest("Invalid type for '" + where
        + ".content': expected a string or an array of content parts.", where + ".content");
  }

  private static void range(ObjectNode body, String name, double min, double max) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return;
    }
    if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
      throw ApiException.badRequest("Invalid '" + name + "': expected a number in [" + min
          + ", " + max + "], but got " + v + " instead.", name);
    }
  }

  private static int positiveInt(ObjectNode body, String name) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
      throw ApiException.badRequest("Invalid '" + name + "': expected a positive integer, but "
          + "got " + v + " instead.", name);
    }
    return v.asInt();
  }
}
