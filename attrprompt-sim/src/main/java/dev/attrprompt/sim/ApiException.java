package dev.attrprompt.sim;

import java.util.Map;

/**
 * An answer that is an OpenAI-style error. Thrown from deep inside request handling and turned
 * into one {@link Reply.Body} at the edge, so handlers read as the happy path.
 */
final class ApiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String param;
  private final String code;
  private final Outcome outcome;
  private final Map<String, String> headers;

  ApiException(int status, String message, String type, String param, String code,
      Outcome outcome, Map<String, String> headers) {
    super(message, null, false, false); // no stack trace: these are answers, not bugs
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
    this.outcome = outcome;
    this.headers = Map.copyOf(headers);
  }

  static ApiException badRequest(String message, String param) {
    return new ApiException(400, message, "invalid_request_error", param, null,
        Outcome.BAD_REQUEST, Map.of());
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message, "invalid_request_error", null, null,
        Outcome.NOT_FOUND, Map.of());
  }

  /** The error as the reply the client sees. */
  Reply.Body reply() {
    return Reply.json(status, Json.error(getMessage(), type, param, code), outcome, headers);
  }

  String param() {
    return param;
  }

  Outcome outcome() {
    return outcome;
  }
}
