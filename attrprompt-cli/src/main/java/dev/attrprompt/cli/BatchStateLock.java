package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.run.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One batch check at a time per JSONL file: the operating-system lock of a file beside the file's
 * batch state ({@link RunLock} on {@code STATE.lock}), held for the whole batch pass. Two checks
 * reading and rewriting the same state at once could each buy the same questions. The system
 * drops the lock when its process ends, however it ends.
 */
final class BatchStateLock {
  private BatchStateLock() {}

  /**
   * Takes the lock of the state file {@code state} of {@code data} at once, or refuses in one line
   * naming {@code data} and the holder.
   */
  static RunLock take(Path data, Path state) {
    Path file = state.toAbsolutePath().normalize().resolveSibling(state.getFileName() + ".lock");
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw UserError.in(file, "cannot open the lock of the judge's batch state: " + e.getMessage());
    }
    return RunLock.take(file, holder -> UserError.in(data, "another check --batch of this file runs in " + holder
        + "; wait for it to end (or stop it), then run the check again"));
  }
}
