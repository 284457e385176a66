package dev.attrprompt.run;

/** Totals over a run's responses. */
public record Usage(long promptTokens, long completionTokens, double usd, long responses, long cached) {}
