package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * One batch check at a time per JSONL file: an operating-system lock on a file beside the
 * file's batch state, held for the whole batch pass. Two checks reading and rewriting the same
 * state at once could each buy the same questions. The system drops the lock when its process
 * ends, however it ends.
 */
final class BatchStateLock implements AutoCloseable {
  /**
   * The lock files this process holds: closing any descriptor of a file drops the process's locks
   * on it (POSIX), so a second check in this process is refused here without opening the file.
   */
  private static final Set<Path> HELD = new HashSet<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private BatchStateLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the state file {@code state} of {@code data} at once, or refuses in one line
   * naming {@code data} and the holder.
   */
  static BatchStateLock take(Path data, Path state) {
    Path file = state.toAbsolutePath().normalize().resolveSibling(state.getFileName() + ".lock");
    synchronized (HELD) {
      if (HELD.contains(file)) {
        throw busy(data, "this process (pid " + ProcessHandle.current().pid() + ")");
      }
      FileChannel channel;
      try {
        Files.createDirectories(file.getParent());
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        throw UserError.in(file, "cannot open the lock of the judge's batch state: " + e.getMessage());
      }
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException | IOException e) {
        lock = null;
      }
      if (lock == null) {
        String holder;
        try {
          holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
          holder = "";
        }
        close(channel);
        throw busy(data, holder.isEmpty() ? "another process" : "another process (" + holder + ")");
      }
      try {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      } catch (IOException e) {
        // the lock holds without naming its holder
      }
      HELD.add(file);
      return new BatchStateLock(file, channel, lock);
    }
  }

  private static UserError busy(Path data, String holder) {
    return UserError.in(data, "another check --batch of this file runs in " + holder
        + "; wait for it to end (or stop it), then run the check again");
  }

  private static void close(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing held
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // released when the channel closes
    }
    close(channel);
    synchronized (HELD) {
      HELD.remove(file);
    }
  }
}
