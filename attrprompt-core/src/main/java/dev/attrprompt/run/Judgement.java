package dev.attrprompt.run;

import java.util.Optional;

/**
 * A label-fidelity judge's word on one answered request, as the run store keeps it, so that a
 * sample is never judged (or paid for) twice by the same judge.
 *
 * @param requestId  the request whose answer was judged
 * @param judge      which judge: {@code llm:MODEL:VERSION} or {@code classifier:tfidf-lr}
 * @param suggested  the label the text looks like instead, or "none of these"; empty when on label
 *                   (or when the answer could not be read)
 * @param confidence how sure the judge is (1 for an LLM's readable answer, 0 for an unreadable one)
 * @param answer     an LLM judge's raw answer ("" for a classifier), kept to be read again
 * @param usd        what the judgement cost (0 from a cache or a classifier)
 */
public record Judgement(String requestId, String judge, Optional<String> suggested, double confidence,
    String answer, long promptTokens, long completionTokens, double usd, boolean cached) {

  public boolean offLabel() {
    return suggested.isPresent();
  }
}
