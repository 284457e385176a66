package dev.attrprompt.llm;

/**
 * One HTTP attempt of a request, kept so that a run store can show what happened.
 *
 * @param number 1 for the first attempt
 * @param status the HTTP status, or 0 when no response came (timeout, connection lost)
 * @param error what went wrong, one line without secrets; "" when the attempt succeeded
 */
public record Attempt(int number, int status, Result result, String error, long latencyMillis) {

  /** What an attempt came to. */
  public enum Result {
    OK, RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION, MALFORMED, CLIENT_ERROR, QUOTA
  }
}
