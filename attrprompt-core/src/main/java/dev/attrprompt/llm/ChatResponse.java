package dev.attrprompt.llm;

import java.util.List;
import java.util.Map;

/**
 * A chat completion as received.
 *
 * @param content {@code choices[0].message.content} ("" when the provider sent none)
 * @param finishReason {@code stop}, {@code length}, {@code content_filter}, ... ("" if absent)
 * @param model the model that answered, as the provider names it ("" if absent)
 * @param systemFingerprint the backend configuration, for reproducibility ("" if absent)
 * @param body the raw response body, kept so that a run can re-parse it later
 * @param headers the response headers (empty for a cache hit)
 * @param cached whether this came from the response cache, costing nothing
 */
public record ChatResponse(String content, String finishReason, String model,
    String systemFingerprint, TokenUsage usage, String body, Map<String, List<String>> headers,
    boolean cached) {

  public ChatResponse {
    headers = Map.copyOf(headers);
  }
}
