package dev.attrprompt.llm;

import dev.attrprompt.llm.Attempt.Result;
import dev.attrprompt.llm.Outcome.FailureKind;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sorts what an attempt came to into retry, fail or stop, and words the message. Retried: 408,
 * 409, 429, 5xx, timeouts, lost connections and bodies that are not a chat completion (as the
 * official SDKs do). Failed at once: other 4xx (request errors), whose messages say what to fix;
 * a refused key (401), refused access (403) or an unknown model or path (404) also stop the run,
 * since every other request would fail alike. Stopped: a 429
 * with {@code insufficient_quota}, since no retry can succeed until someone adds credit.
 */
final class Faults {
  private final String model;
  private final String url;
  private final Connection connection;

  /** {@code url}: the chat endpoint as messages may show it (no query, no user info). */
  Faults(String model, String url, Connection connection) {
    this.model = model;
    this.url = url;
    this.connection = connection;
  }

  /** What to do after an attempt. */
  sealed interface Step {
    record Ok(ChatResponse response) implements Step {}

    /**
     * {@code remainingRequests}/{@code remainingTokens}: what the answer's {@code x-ratelimit-remaining-*}
     * headers said, so that a 429 from an exhausted bucket can be told from an isolated one.
     */
    record Retry(Result result, String error, Optional<Duration> retryAfter,
        java.util.OptionalLong remainingRequests, java.util.OptionalLong remainingTokens) implements Step {
      Retry(Result result, String error, Optional<Duration> retryAfter) {
        this(result, error, retryAfter, java.util.OptionalLong.empty(), java.util.OptionalLong.empty());
      }

      /** Whether the server's buckets are empty for a request of {@code tokens}: unknown counts as empty. */
      boolean exhausted(long tokens) {
        if (remainingRequests.isEmpty() && remainingTokens.isEmpty()) {
          return true;
        }
        return (remainingRequests.isPresent() && remainingRequests.getAsLong() < 1)
            || (remainingTokens.isPresent() && remainingTokens.getAsLong() < tokens);
      }
    }

    /** {@code stopsRun}: every other request would fail the same way (key, model, URL). */
    record Fail(Result result, FailureKind kind, String message, boolean stopsRun)
        implements Step {}

    record Quota(String message) implements Step {}
  }

  Step reply(HttpEdge.Reply r, Function<String, TokenUsage> fallback) {
    int s = r.status();
    if (s >= 200 && s < 300) {
      try {
        return new Step.Ok(Wire.response(r.body(), r.headers().map(), false, fallback));
      } catch (Wire.Malformed e) {
        return new Step.Retry(Result.MALFORMED, "HTTP " + s + ": " + e.getMessage(), Optional.empty());
      }
    }
    Wire.ProviderError e = Wire.error(r.body());
    String says = connection.redact(e.message());
    Optional<Duration> after = RetryPolicy.retryAfter(r.headers(), Clock.systemUTC());
    if (s == 429) {
      if ("insufficient_quota".equals(e.code()) || "insufficient_quota".equals(e.type())) {
        return new Step.Quota("the provider at " + url + " reports insufficient_quota (no credit "
            + "left): add credit or raise the project's spending limit, then run the same command "
            + "again to resume");
      }
      return new Step.Retry(Result.RATE_LIMITED, "HTTP 429 rate limited" + suffix(says), after,
          remaining(r.headers(), "x-ratelimit-remaining-requests"),
          remaining(r.headers(), "x-ratelimit-remaining-tokens"));
    }
    if (s >= 500 || s == 408 || s == 409) {
      return new Step.Retry(Result.SERVER_ERROR, "HTTP " + s + suffix(says), after);
    }
    return switch (s) {
      case 401 -> new Step.Fail(Result.CLIENT_ERROR, FailureKind.UNAUTHORIZED,
          HttpEdge.refusal(s, says, url), true);
      case 403 -> new Step.Fail(Result.CLIENT_ERROR, FailureKind.FORBIDDEN, "access to model '"
          + model + "' was denied (HTTP 403 from " + url + "): check that the key's project may "
          + "use this model" + suffix(says), true);
      case 404 -> new Step.Fail(Result.CLIENT_ERROR, FailureKind.NOT_FOUND, "the endpoint refused "
          + "the request as invalid (HTTP 404 from " + url + "): model '" + model + "' or the "
          + "endpoint was not found; check the model name (--model) and the base URL (--base-url /"
          + " OPENAI_BASE_URL)" + suffix(says), true);
      default -> new Step.Fail(Result.CLIENT_ERROR, FailureKind.BAD_REQUEST,
          HttpEdge.refusal(s, says, url), false);
    };
  }

  private static java.util.OptionalLong remaining(java.net.http.HttpHeaders h, String name) {
    try {
      return h.firstValue(name).map(v -> java.util.OptionalLong.of(Long.parseLong(v.strip())))
          .orElse(java.util.OptionalLong.empty());
    } catch (NumberFormatException e) {
      return java.util.OptionalLong.empty();
    }
  }

  Step exception(IOException e) {
    Result result = e instanceof HttpTimeoutException ? Result.TIMEOUT : Result.CONNECTION;
    return new Step.Retry(result, HttpEdge.unreachable(e, connection), Optional.empty());
  }

  private static String suffix(String says) {
    return says.isEmpty() ? "" : "; the provider says: " + says;
  }
}
