package dev.attrprompt.task;

/**
 * Generation defaults of a task; command-line flags override them.
 *
 * @param maxTokens the completion limit per request, also the worst case for cost estimates
 * @param perClass how many accepted samples to produce per label
 */
public record Generation(
    String model, double temperature, double topP, int maxTokens, int perClass, long seed) {

  public static final Generation DEFAULTS = new Generation("gpt-4o-mini", 1.0, 1.0, 512, 100, 42);
}
