package dev.attrprompt.run;

/** The screening verdict on one answered request. */
public record Verdict(String id, boolean accepted, String reason, String text) {}
