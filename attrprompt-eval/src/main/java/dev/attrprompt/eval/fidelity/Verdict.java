package dev.attrprompt.eval.fidelity;

import java.util.Optional;

/**
 * A judge's word on one sample.
 *
 * @param label      the sample's own label (normalised)
 * @param suggested  the label its text looks like instead, when it looks off-label
 * @param confidence how sure the judge is of {@code suggested} (for the classifier judge, its
 *                   out-of-fold probability), or of the own label when nothing is suggested
 */
public record Verdict(String label, Optional<String> suggested, double confidence) {
  public boolean offLabel() {
    return suggested.isPresent();
  }
}
