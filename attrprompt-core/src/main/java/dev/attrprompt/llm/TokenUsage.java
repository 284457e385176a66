package dev.attrprompt.llm;

/**
 * Tokens one response used, as the provider reported them.
 *
 * @param estimated whether the provider sent no {@code usage} and these are our own counts
 */
public record TokenUsage(long promptTokens, long completionTokens, boolean estimated) {

  public long total() {
    return promptTokens + completionTokens;
  }
}
