package dev.attrprompt.cost;

/**
 * What a plan will cost.
 *
 * @param outputTokens expected completion tokens: from the requested word ranges when the plan
 *     has a length dimension, else the worst case ({@code max_tokens} per request)
 * @param outputFromLength whether {@code outputTokens} came from word ranges (else it is a bound)
 * @param basis whether every prompt was counted, or a sample of each label's prompts
 * @param usdBatch the same through the Batch API, with its discount
 */
public record Estimate(
    String model,
    String encoding,
    long requests,
    long inputTokens,
    long outputTokens,
    boolean outputFromLength,
    Basis basis,
    Price price,
    double usd,
    double usdBatch) {

  /** How the token counts were found. */
  public sealed interface Basis {
    /** Every prompt of the plan was rendered and counted. */
    record Exact() implements Basis {}

    /**
     * {@code perLabel} prompts of each larger label, drawn with a fixed seed from all its items,
     * were counted and scaled up; the margins are 95% half-widths of the totals.
     */
    record Sampled(int perLabel, long inputMargin, long outputMargin) implements Basis {}
  }
}
