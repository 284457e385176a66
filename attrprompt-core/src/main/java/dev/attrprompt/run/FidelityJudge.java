package dev.attrprompt.run;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A label-fidelity judge as a screening rule ({@code generate --fidelity}): after the other rules,
 * the generator hands it the answers they accepted, and rejects those it says are about another
 * label as {@code off_label}; the shortfall is topped up like any other. Its judgements are kept
 * in the run store, so an answer is judged once and screening stays a pure function of what the
 * store holds.
 */
public interface FidelityJudge {
  /** The id its judgements are stored under ({@link Judgement#judge()}). */
  String id();

  /**
   * Judges the answers in {@code unjudged}; {@code all} are every answer the other rules accept
   * (a classifier learns from all of them). Returns the new judgements (a judge that records
   * them itself may return them too: a recorded judgement is never replaced), and why some
   * could not be judged, if any were not.
   */
  Result judge(List<Candidate> all, Set<String> unjudged);

  /** An answer accepted by the other rules: its request id, label (the run's name) and cleaned text. */
  record Candidate(String id, String label, String text) {}

  /** @param problem why some answers are still unjudged (budget, failures), in one line */
  record Result(List<Judgement> judgements, Optional<String> problem) {
    public Result {
      judgements = List.copyOf(judgements);
    }
  }

  /**
   * Makes the classifier judge; found with {@link java.util.ServiceLoader} (attrprompt-eval
   * provides one), so the core needs no classifier of its own.
   */
  interface ClassifierProvider {
    /** A judge that cross-fits a classifier over the candidates, seeded. */
    FidelityJudge classifierJudge(long seed);
  }

  /** A judge that judges nothing and says why (no classifier on the class path, no endpoint now). */
  static FidelityJudge unavailable(String id, String why) {
    return new FidelityJudge() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Result judge(List<Candidate> all, Set<String> unjudged) {
        return new Result(List.of(), Optional.of(why));
      }
    };
  }
}
