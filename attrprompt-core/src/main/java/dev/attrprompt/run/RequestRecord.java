package dev.attrprompt.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One planned request with where it ended and what its response cost: what reports need to show
 * a run request by request (top-up rounds, cost per attribute value, rejected texts and why).
 *
 * @param status           where the request is now
 * @param reason           the rejection reason of a rejected request
 * @param text             the screened text of an accepted or rejected request
 * @param error            the last error of a failed request
 * @param promptTokens     input tokens of its response (0 without one)
 * @param completionTokens output tokens of its response (0 without one)
 * @param usd              what its response cost (0 without one, or from the cache)
 */
public record RequestRecord(String id, String label, List<String> labels, int round, Map<String, String> attributes,
    RunStore.Status status, Optional<String> reason, Optional<String> text, Optional<String> error,
    long promptTokens, long completionTokens, double usd) {}
