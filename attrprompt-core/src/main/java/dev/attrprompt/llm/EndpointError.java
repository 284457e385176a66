package dev.attrprompt.llm;

import dev.attrprompt.WorkFailure;

/**
 * The endpoint could not be used for a call outside the engine (files, batches, embeddings): it
 * refused the request, the key or the access, or it could not be reached after the retries. The
 * message is one line with every secret scrubbed. An endpoint that cannot be reached or fails on
 * its side is a failure while working; a refused key, access or request is the user's to fix
 * ({@link #userCaused()}).
 */
public final class EndpointError extends WorkFailure {
  private final int status;

  EndpointError(int status, String message) {
    super(message);
    this.status = status;
  }

  /** True when the endpoint refused the key, the access, the address or the request itself. */
  public boolean userCaused() {
    return status == 400 || status == 401 || status == 403 || status == 404 || status == 422;
  }

  /** The HTTP status of the last answer, or 0 when none came (no connection, a timeout). */
  public int status() {
    return status;
  }
}
