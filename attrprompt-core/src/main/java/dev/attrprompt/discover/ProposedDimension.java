package dev.attrprompt.discover;

import dev.attrprompt.attributes.Scope;

/** A dimension the LLM proposed, its scope, and whether a person keeps it. */
public record ProposedDimension(String name, Scope scope, boolean keep) {}
