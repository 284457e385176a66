package dev.attrprompt.llm;

import dev.attrprompt.UserError;

/**
 * The endpoint could not be used for a call outside the engine (files, batches, embeddings): it
 * refused the request, the key or the access, or it could not be reached after the retries. The
 * message is one line with every secret scrubbed.
 */
public final class EndpointError extends UserError {
  private final int status;

  EndpointError(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status of the last answer, or 0 when none came (no connection, a timeout). */
  public int status() {
    return status;
  }
}
