package dev.attrprompt.sim;

/** A misbehaviour the simulator can inject into one model request. */
enum Fault {
  NONE, RESET, TIMEOUT, UNAVAILABLE, SERVER_ERROR, RATE_LIMIT, MALFORMED, TRUNCATE, REFUSAL,
  /** A text written about another label than the one the prompt asks for. */
  OFF_LABEL
}
