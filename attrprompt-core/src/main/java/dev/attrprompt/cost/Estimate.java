package dev.attrprompt.cost;

/**
 * What a plan will cost. Output is priced on one footing for every method: the expected length
 * of each reply, with {@code max_tokens} as the bound beside it.
 *
 * @param outputTokens expected completion tokens: from the requested word range when a request
 *     has one (a length dimension), else from {@link Estimator#UNCONSTRAINED_WORDS}, each capped
 *     by {@code max_tokens}
 * @param outputFromLength whether every request's expectation came from a requested word range
 *     (else some or all came from the typical unconstrained reply)
 * @param outputTokensBound the most the replies can hold: {@code max_tokens} per request
 * @param usdBatch the expected cost through the Batch API, with its discount
 * @param usdBound the cost online if every reply ran to {@code max_tokens}
 * @param basis whether every prompt was counted, or a sample of each label's prompts
 */
public record Estimate(
    String model,
    String encoding,
    long requests,
    long inputTokens,
    long outputTokens,
    boolean outputFromLength,
    Basis basis,
    long outputTokensBound,
    Price price,
    double usd,
    double usdBatch,
    double usdBound) {

  /** Where the expected output length came from, in words that every face of the estimate shows. */
  public String outputBasis() {
    return outputFromLength ? "the requested word ranges"
        : "a typical unconstrained reply of about " + Estimator.UNCONSTRAINED_WORDS
            + " words, capped by max_tokens";
  }

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
