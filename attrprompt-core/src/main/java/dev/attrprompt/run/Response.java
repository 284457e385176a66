package dev.attrprompt.run;

/** A response to store: the raw body, its content and what it cost. */
public record Response(String body, String content, String finishReason, String model, long promptTokens,
    long completionTokens, double usd, boolean cached) {}
