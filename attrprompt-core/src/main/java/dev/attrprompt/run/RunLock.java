package dev.attrprompt.run;

import dev.attrprompt.UserError;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One writer per run folder: an operating-system lock on {@code RUN/run.lock}, held for as long
 * as the writer works, the file naming the holder (process id, host, since when). The operating
 * system drops the lock when its process ends however it ends, so a killed holder never blocks
 * the next writer; the file's text only serves to name a live holder.
 */
final class RunLock implements AutoCloseable {
  static final String FILE = "run.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of {@code dir} at once, or refuses in one line that names its holder. */
  static RunLock take(Path dir) {
    Path file = dir.resolve(FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw UserError.in(dir, "cannot open " + FILE + ": " + e.getMessage());
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this process already writes the run
    } catch (IOException e) {
      close(channel);
      throw UserError.in(dir, "cannot lock " + FILE + ": " + e.getMessage());
    }
    if (lock == null) {
      String holder = holder(file);
      close(channel);
      throw UserError.in(dir, "this run is being written by " + holder + "; wait for it to end (or stop it), "
          + "then run the command again");
    }
    try {
      String me = "pid " + ProcessHandle.current().pid() + " on " + host() + " since "
          + Instant.now().truncatedTo(ChronoUnit.SECONDS);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
    } catch (IOException e) {
      // the lock holds without its note; a refused writer then names no holder
    }
    return new RunLock(channel, lock);
  }

  private static String holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "another process" : "another process (" + text + ")";
    } catch (IOException e) {
      return "another process";
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this host";
    }
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
  }
}
