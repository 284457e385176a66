package dev.attrprompt.post;

/**
 * Decides whether a model's answer becomes a sample: cleans it, then rejects refusals, answers cut
 * off by the token limit, texts outside the word bounds, and exact or near repeats of accepted
 * samples. Order matters for duplicates: screen answers in a fixed order (by request id) so that a
 * resumed run keeps the same samples.
 */
public final class Screening {

  /** Why an answer was not accepted. */
  public enum Reason {
    EMPTY, REFUSAL, TRUNCATED, TOO_SHORT, TOO_LONG, DUPLICATE, NEAR_DUPLICATE,
    /** A label-fidelity judge said the text is about another label, or none (applied by the generator). */
    OFF_LABEL;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The outcome for one answer. */
  public sealed interface Verdict {
    record Accepted(String text) implements Verdict {}

    record Rejected(Reason reason, String text) implements Verdict {}
  }

  /**
   * Which judge, if any, rejects accepted answers whose text is about another label
   * ({@link Reason#OFF_LABEL}): none, a classifier cross-fitted on the run's answers (offline,
   * free) or the run's LLM asked which label fits (paid, within the run's budget).
   */
  public enum Fidelity {
    NONE, CLASSIFIER, LLM;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The rule a word names; a user error for any other word. */
    public static Fidelity parse(String word) {
      for (Fidelity f : values()) {
        if (f.id().equals(word.strip().toLowerCase(java.util.Locale.ROOT))) {
          return f;
        }
      }
      throw new dev.attrprompt.UserError("--fidelity takes none, classifier or llm, not '" + word + "'");
    }
  }

  /**
   * Bounds and thresholds; {@code nearDuplicate} above 1 switches near-duplicate removal off;
   * {@code fidelity} names the label-fidelity judge (the generator applies it, not this class).
   */
  public record Rules(int minWords, int maxWords, double nearDuplicate, Fidelity fidelity) {
    /** Rules without a label-fidelity judge. */
    public Rules(int minWords, int maxWords, double nearDuplicate) {
      this(minWords, maxWords, nearDuplicate, Fidelity.NONE);
    }

    /** These rules with another label-fidelity judge. */
    public Rules withFidelity(Fidelity f) {
      return new Rules(minWords, maxWords, nearDuplicate, f);
    }

    /** Shorter texts are rejected. */
    public static final int DEFAULT_MIN_WORDS = 5;
    /** Longer texts are rejected. */
    public static final int DEFAULT_MAX_WORDS = 2000;
    /** Texts this similar (Jaccard of word shingles) to an accepted one are near-duplicates. */
    public static final double DEFAULT_NEAR_DUPLICATE = 0.8;
    public static final Rules DEFAULTS = new Rules(DEFAULT_MIN_WORDS, DEFAULT_MAX_WORDS, DEFAULT_NEAR_DUPLICATE);
  }

  private final Rules rules;
  private final DuplicateIndex index;

  public Screening(Rules rules) {
    this.rules = rules;
    this.index = new DuplicateIndex(rules.nearDuplicate());
  }

  /**
   * Screens one answer and, when accepted, remembers it for later duplicate checks.
   *
   * @param truncated whether the provider said the answer stopped at the token limit
   */
  public Verdict screen(String answer, boolean truncated) {
    String text = TextCleaner.clean(answer);
    if (text.isEmpty()) {
      return new Verdict.Rejected(Reason.EMPTY, text);
    }
    if (Refusals.isRefusal(text)) {
      return new Verdict.Rejected(Reason.REFUSAL, text);
    }
    if (truncated) {
      return new Verdict.Rejected(Reason.TRUNCATED, text);
    }
    int words = TextCleaner.words(text);
    if (words < rules.minWords()) {
      return new Verdict.Rejected(Reason.TOO_SHORT, text);
    }
    if (words > rules.maxWords()) {
      return new Verdict.Rejected(Reason.TOO_LONG, text);
    }
    return switch (index.add(text)) {
      case NONE -> new Verdict.Accepted(text);
      case EXACT -> new Verdict.Rejected(Reason.DUPLICATE, text);
      case NEAR -> new Verdict.Rejected(Reason.NEAR_DUPLICATE, text);
    };
  }
}
