package dev.attrprompt.cost;

/**
 * What a plan will cost.
 *
 * @param outputTokens expected completion tokens: from the requested word ranges when the plan
 *     has a length dimension, else the worst case ({@code max_tokens} per request)
 * @param outputFromLength whether {@code outputTokens} came from word ranges (else it is a bound)
 * @param usdBatch the same through the Batch API, with its discount
 */
public record Estimate(
    String model,
    String encoding,
    long requests,
    long inputTokens,
    long outputTokens,
    boolean outputFromLength,
    Price price,
    double usd,
    double usdBatch) {}
