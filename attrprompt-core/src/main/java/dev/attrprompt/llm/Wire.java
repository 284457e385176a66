package dev.attrprompt.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The chat completions wire format: request bodies out, responses and errors in. */
final class Wire {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();
  /**
   * OpenAI's reasoning models (o1, o3, o4-mini, gpt-5) reject {@code max_tokens} and want
   * {@code max_completion_tokens}; everything else, local servers included, knows
   * {@code max_tokens}.
   */
  private static final Pattern COMPLETION_TOKENS_MODELS =
      Pattern.compile("(.*/)?(o[1-9]|gpt-5)([-.].*)?");

  private Wire() {}

  /** A response body that is not a chat completion: retried, servers do send half bodies. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** The parts of an OpenAI error body that matter; "" where absent. */
  record ProviderError(String message, String type, String code) {}

  static byte[] request(String model, ChatRequest r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model", model);
      g.writeArrayFieldStart("messages");
      for (Message m : r.messages()) {
        g.writeStartObject();
        g.writeStringField("role", m.role());
        g.writeStringField("content", m.content());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("temperature", r.temperature());
      g.writeNumberField("top_p", r.topP());
      g.writeNumberField(maxTokensField(model), r.maxTokens());
      g.writeNumberField("n", 1);
      if (r.seed().isPresent()) {
        g.writeNumberField("seed", r.seed().getAsLong());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String maxTokensField(String model) {
    return COMPLETION_TOKENS_MODELS.matcher(model.toLowerCase(java.util.Locale.ROOT)).matches()
        ? "max_completion_tokens" : "max_tokens";
  }

  /**
   * Parses a chat completion. Missing {@code usage} (some local servers) is estimated from the
   * content by {@code fallback} so that accounting still has numbers; a body without
   * {@code choices[0].message} is malformed.
   */
  static ChatResponse response(String body, Map<String, List<String>> headers, boolean cached,
      Function<String, TokenUsage> fallback) throws Malformed {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new Malformed("the response body is not JSON (" + body.length() + " chars)");
    }
    JsonNode message = root == null ? null : root.path("choices").path(0).path("message");
    if (message == null || !message.isObject()) {
      throw new Malformed("the response has no choices[0].message");
    }
    JsonNode choice = root.path("choices").path(0);
    JsonNode usage = root.path("usage");
    String content = message.path("content").asText("");
    TokenUsage tokens = usage.isObject() && usage.has("prompt_tokens")
        ? new TokenUsage(usage.path("prompt_tokens").asLong(),
            usage.path("completion_tokens").asLong(), false)
        : fallback.apply(content);
    return new ChatResponse(content,
        choice.path("finish_reason").asText(""), root.path("model").asText(""),
        root.path("system_fingerprint").asText(""), tokens, body, headers, cached);
  }

  /** Reads {@code {"error": {"message", "type", "code"}}}, tolerating anything else. */
  static ProviderError error(String body) {
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode e = root == null ? null : root.path("error");
      if (e != null && e.isObject()) {
        return new ProviderError(e.path("message").asText(""), e.path("type").asText(""),
            e.path("code").asText(""));
      }
      if (e != null && e.isTextual()) { // some servers send {"error": "text"}
        return new ProviderError(e.asText(), "", "");
      }
    } catch (IOException | RuntimeException ignored) {
      // not JSON: fall through to the raw text
    }
    return new ProviderError(body, "", "");
  }
}
