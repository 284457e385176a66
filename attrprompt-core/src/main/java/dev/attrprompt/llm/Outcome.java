package dev.attrprompt.llm;

import java.util.List;

/**
 * How a submitted request ended: exactly one of these per request, never an exception.
 */
public sealed interface Outcome {

  String requestId();

  /** The HTTP attempts made for it (empty for a cache hit or a request stopped before sending). */
  List<Attempt> attempts();

  /** An answer, paid for ({@code usd}) or from the cache ({@code response.cached()}, 0 USD). */
  record Completed(String requestId, ChatResponse response, double usd, List<Attempt> attempts)
      implements Outcome {
    public Completed {
      attempts = List.copyOf(attempts);
    }
  }

  /** No answer for this request; {@code message} is one line that says what to fix. */
  record Failed(String requestId, FailureKind kind, String message, List<Attempt> attempts)
      implements Outcome {
    public Failed {
      attempts = List.copyOf(attempts);
    }
  }

  /** The run stopped before this request was answered; resuming later will ask it again. */
  record Stopped(String requestId, StopReason reason, String message, List<Attempt> attempts)
      implements Outcome {
    public Stopped {
      attempts = List.copyOf(attempts);
    }
  }

  /** Why a single request failed. */
  enum FailureKind {
    /** 400 or another 4xx the provider will not accept again: its message says why. */
    BAD_REQUEST,
    /** 401: the key was refused. */
    UNAUTHORIZED,
    /** 403: the key may not use this model or endpoint. */
    FORBIDDEN,
    /** 404: unknown model or wrong base URL. */
    NOT_FOUND,
    /** Transient faults on every allowed attempt. */
    RETRIES_EXHAUSTED,
    /** The answer arrived but could not be committed to the response cache. */
    STORAGE,
    /** A bug in the engine; the message says where. */
    INTERNAL
  }

  /** Why the whole run stopped. */
  enum StopReason {
    /** The next request could not fit under the budget cap. */
    BUDGET,
    /** The provider said {@code insufficient_quota}: no credit left. */
    QUOTA,
    /** The endpoint refused the configuration (key, model or URL): every request would fail. */
    REFUSED,
    /** A paid answer could not be committed to the response cache (disk full, file locked). */
    STORAGE,
    /** The caller stopped or closed the engine. */
    CANCELLED
  }
}
