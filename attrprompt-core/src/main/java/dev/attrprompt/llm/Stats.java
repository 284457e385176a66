package dev.attrprompt.llm;

import dev.attrprompt.llm.Outcome.StopReason;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of the engine's counters. Outcomes add up: {@code completed + failed + stopped} is
 * the number of requests that have ended, and {@code cacheHits} of the completed cost nothing.
 *
 * @param httpRequests attempts sent over the wire, retries included
 * @param retries attempts beyond each request's first
 * @param rateLimited 429 answers (not counting insufficient_quota)
 * @param promptTokens paid prompt tokens (cache hits excluded)
 * @param completionTokens paid completion tokens (cache hits excluded)
 * @param usd spent on paid responses at the configured model's price
 * @param usdReserved worst-case cost of the requests in flight
 * @param priced whether a price is known for the model (else usd stays 0)
 * @param concurrencyLimit the live AIMD limit
 * @param requestsPerMinute the pacing limit in force (configured or learned; 0 = none)
 * @param tokensPerMinute the pacing limit in force (configured or learned; 0 = none)
 */
public record Stats(long completed, long failed, long stopped, long cacheHits, long httpRequests,
    long retries, long rateLimited, long promptTokens, long completionTokens, double usd,
    double usdReserved, boolean priced, int concurrencyLimit, int inFlight, long requestsPerMinute,
    long tokensPerMinute, ServerLimits server, Optional<StopReason> stopReason) {

  /** What the last {@code x-ratelimit-*} headers said (empty when none were seen). */
  public record ServerLimits(OptionalLong requestsPerMinute, OptionalLong tokensPerMinute,
      OptionalLong remainingRequests, OptionalLong remainingTokens,
      Optional<Duration> resetRequests, Optional<Duration> resetTokens) {

    static final ServerLimits NONE = new ServerLimits(OptionalLong.empty(), OptionalLong.empty(),
        OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty());
  }

  public long ended() {
    return completed + failed + stopped;
  }
}
