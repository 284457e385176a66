package dev.attrprompt.sim;

/**
 * How the simulator ended one HTTP request. Every counted request ends in exactly one outcome, so
 * the counts in {@link Stats} add up to {@link Stats#requests()}.
 */
public enum Outcome {
  /** A normal answer (including file and batch endpoints). */
  OK("ok"),
  /** 429 {@code rate_limit_exceeded}: the RPM or TPM bucket was empty, or an injected 429. */
  RATE_LIMITED("rate_limited"),
  /** 429 {@code insufficient_quota}: the configured quota was used up. */
  QUOTA("quota"),
  /** An injected 500. */
  SERVER_ERROR("server_error"),
  /** An injected 503. */
  UNAVAILABLE("unavailable"),
  /** An injected hang past the client's timeout. */
  TIMEOUT("timeout"),
  /** An injected connection close without any HTTP answer. */
  RESET("reset"),
  /** An injected 200 whose body is not valid JSON. */
  MALFORMED("malformed"),
  /** A completion cut short ({@code finish_reason: "length"}): injected or by max_tokens. */
  TRUNCATED("truncated"),
  /** An injected refusal. */
  REFUSAL("refusal"),
  /** 401: missing or wrong API key. */
  UNAUTHORIZED("unauthorized"),
  /** 400: the request was not valid. */
  BAD_REQUEST("bad_request"),
  /** 404: unknown path, method, file or batch. */
  NOT_FOUND("not_found");

  private final String wireName;

  Outcome(String wireName) {
    this.wireName = wireName;
  }

  /** The key of this outcome in the {@code /sim/stats} JSON object. */
  public String wireName() {
    return wireName;
  }
}
