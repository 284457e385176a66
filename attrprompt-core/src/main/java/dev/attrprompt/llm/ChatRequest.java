package dev.attrprompt.llm;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One chat completion to ask for. The model comes from the engine's configuration.
 *
 * @param id the caller's stable id; outcomes carry it back
 * @param seed sent as {@code seed} so that deterministic endpoints repeat themselves
 * @param choice which sample of this exact prompt this is (0, 1, 2, ...): part of the cache key, so
 *     that asking the same prompt N times buys N answers once, and a resumed run gets the same N
 */
public record ChatRequest(String id, List<Message> messages, double temperature, double topP,
    int maxTokens, OptionalLong seed, int choice) {

  public ChatRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(seed, "seed");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("request " + id + " has no messages");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("request " + id + " needs max_tokens >= 1");
    }
    if (!(temperature >= 0 && temperature <= 2) || !(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("request " + id + " needs temperature in [0, 2] and "
          + "top_p in (0, 1]");
    }
    if (choice < 0) {
      throw new IllegalArgumentException("request " + id + " has a negative choice index");
    }
  }

  /** A single user message with a seed, as the generator sends them. */
  public static ChatRequest of(String id, String prompt, double temperature, double topP,
      int maxTokens, long seed) {
    return new ChatRequest(id, List.of(Message.user(prompt)), temperature, topP, maxTokens,
        OptionalLong.of(seed), 0);
  }
}
