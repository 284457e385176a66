package dev.attrprompt;

/**
 * A failure while working that the user did not cause by their input: a network that does not
 * answer, a database or disk that fails. Its message is one line saying what failed and what to
 * try; the CLI prints it and exits with code 1. Bad input is a {@link UserError} instead.
 */
public class WorkFailure extends RuntimeException {

  public WorkFailure(String message) {
    super(message, null, false, false);
  }

  public WorkFailure(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
