package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.classify.Evaluator;
import dev.attrprompt.eval.embed.CachingEmbedder;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Embedders;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The probes of {@code compare} and {@code report}: the classifiers of {@code --classifier C[,C...]},
 * with embed-lr over the chosen vectors when they are sentence embeddings, else over the bundled
 * MiniLM (loaded only when embed-lr is asked for, and closed with this). Each text is embedded once
 * however many curve subsets it is in.
 */
final class Probes implements AutoCloseable {
  private final List<Evaluator.Options> options;
  private final Optional<Embedder> encoder;
  private final boolean owned;

  private Probes(List<Evaluator.Options> options, Optional<Embedder> encoder, boolean owned) {
    this.options = options;
    this.encoder = encoder;
    this.owned = owned;
  }

  /** Parses {@code --classifier}: ids separated by commas, in order, each once. */
  static List<ClassifierKind> kinds(String classifier) {
    List<ClassifierKind> kinds = new ArrayList<>();
    for (String id : new LinkedHashSet<>(List.of(classifier.split(",")))) {
      if (!id.isBlank()) {
        ClassifierKind k = ClassifierKind.parse(id.strip());
        if (!kinds.contains(k)) {
          kinds.add(k);
        }
      }
    }
    if (kinds.isEmpty()) {
      throw new UserError("--classifier needs at least one of tfidf-lr, tfidf-svm, embed-lr");
    }
    return List.copyOf(kinds);
  }

  /** The probes of {@code kinds}; {@code vectors} stays open and is the caller's to close. */
  static Probes of(List<ClassifierKind> kinds, Embedder vectors, long seed) {
    Optional<Embedder> encoder = Optional.empty();
    boolean owned = false;
    if (kinds.contains(ClassifierKind.EMBED_LR)) {
      owned = !vectors.sentenceEmbeddings();
      encoder = Optional.of(new CachingEmbedder(owned ? Embedders.parse("minilm") : vectors));
    }
    List<Evaluator.Options> options = new ArrayList<>();
    for (ClassifierKind k : kinds) {
      options.add(new Evaluator.Options(k, seed, k == ClassifierKind.EMBED_LR ? encoder : Optional.empty()));
    }
    return new Probes(List.copyOf(options), encoder, owned);
  }

  List<Evaluator.Options> options() {
    return options;
  }

  /** The sentence encoder of embed-lr, when it is among the probes. */
  Optional<String> encoderId() {
    return encoder.map(Embedder::id);
  }

  @Override
  public void close() {
    if (owned) {
      encoder.ifPresent(Embedder::close); // a shared encoder is the caller's to close
    }
  }
}
