package dev.attrprompt.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The content address of a request: SHA-256 of a canonical JSON of everything that shapes the
 * answer (fields in fixed alphabetical order, no whitespace) and nothing that does not: the base
 * URL, the key and the caller's id stay out, so the same question through a proxy or in another
 * run is the same key.
 */
final class CacheKey {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** Bump when the canonical form changes, so old entries are not misread. */
  private static final int VERSION = 1;

  private CacheKey() {}

  static String of(String model, ChatRequest r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("choice", r.choice());
      g.writeNumberField("max_tokens", r.maxTokens());
      g.writeArrayFieldStart("messages");
      for (Message m : r.messages()) {
        g.writeStartObject();
        g.writeStringField("content", m.content());
        g.writeStringField("role", m.role());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("model", model);
      if (r.seed().isPresent()) {
        g.writeNumberField("seed", r.seed().getAsLong());
      }
      g.writeNumberField("temperature", r.temperature());
      g.writeNumberField("top_p", r.topP());
      g.writeNumberField("v", VERSION);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dev.attrprompt.Hashing.sha256(out.toByteArray());
  }
}
