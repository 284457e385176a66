package dev.attrprompt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What the simulator does with one HTTP request: answer it, or misbehave on purpose. */
sealed interface Reply {

  /** How the request is counted in {@link Stats}. */
  Outcome outcome();

  /** An HTTP answer. */
  record Body(int status, String contentType, byte[] body, Outcome outcome,
      Map<String, String> headers) implements Reply {}

  /** Close the connection without sending a status line. */
  record Reset() implements Reply {
    @Override public Outcome outcome() {
      return Outcome.RESET;
    }
  }

  /** Hold the request open past any client timeout, then close it without an answer. */
  record Hang() implements Reply {
    @Override public Outcome outcome() {
      return Outcome.TIMEOUT;
    }
  }

  static Body json(int status, JsonNode body, Outcome outcome, Map<String, String> headers) {
    return new Body(status, "application/json", Json.bytes(body), outcome, headers);
  }

  static Body ok(JsonNode body) {
    return json(200, body, Outcome.OK, Map.of());
  }
}
