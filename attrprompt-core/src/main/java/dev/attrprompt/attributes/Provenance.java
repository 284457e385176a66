package dev.attrprompt.attributes;

import java.util.Optional;

/** Where an attribute value came from. */
public sealed interface Provenance {

  /** Read from an existing file, e.g. the AttrPrompt authors' release. */
  record Imported(String from, Optional<String> model) implements Provenance {}

  /** Proposed by an LLM; the prompt is kept as a SHA-256 so the record stays small. */
  record Proposed(String model, String promptSha256) implements Provenance {}

  /** Written or edited by a person. */
  record Person(Optional<String> note) implements Provenance {}

  Provenance PERSON = new Person(Optional.empty());

  /** A short human-readable form for previews. */
  default String describe() {
    return switch (this) {
      case Imported i -> "imported from " + i.from() + i.model().map(m -> " (made by " + m + ")").orElse("");
      case Proposed p -> "proposed by " + p.model() + " (prompt sha256 " + p.promptSha256().substring(0, Math.min(12, p.promptSha256().length())) + ")";
      case Person p -> "written by a person" + p.note().map(n -> ": " + n).orElse("");
    };
  }
}
