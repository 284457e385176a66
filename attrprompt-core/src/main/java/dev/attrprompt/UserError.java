package dev.attrprompt;

import java.nio.file.Path;

/**
 * A mistake the user can fix: bad input, a missing file, a wrong option. Its message is one line
 * that says where the problem is and what to do; the CLI prints it and exits with code 2.
 * Anything else that escapes is a bug.
 */
public class UserError extends RuntimeException {

  public UserError(String message) {
    super(message, null, false, false);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** An error located in a file, rendered as {@code file:line:column: message} (1-based). */
  public static UserError at(Path file, int line, int column, String message) {
    return new UserError(file + ":" + line + ":" + column + ": " + message);
  }

  /** An error about a whole file, rendered as {@code file: message}. */
  public static UserError in(Path file, String message) {
    return new UserError(file + ": " + message);
  }
}
