package dev.attrprompt.run;

/**
 * Totals over a run's responses.
 *
 * @param simulated whether any response came from attrprompt's simulator (its fingerprint says so)
 */
public record Usage(long promptTokens, long completionTokens, double usd, long responses, long cached,
    boolean simulated) {}
