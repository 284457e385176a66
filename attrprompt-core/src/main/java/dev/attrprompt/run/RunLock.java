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
import java.util.Optional;

/**
 * One writer per run folder: an operating-system lock on {@code RUN/run.lock}, held for as long
 * as the writer works, the file naming the holder (process id, host, since when). The operating
 * system drops the lock when its process ends however it ends, so a killed holder never blocks
 * the next writer; the file's text only serves to name a live holder.
 */
public final class RunLock implements AutoCloseable {
  static final String FILE = "run.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * The run folders this process holds the lock of. On POSIX systems closing any descriptor of a
   * file drops every lock the process holds on it, so this process never opens the lock file of a
   * run it writes: a second writer here and a reader of the holder's note both look here first.
   */
  private static final java.util.Set<Path> HELD = new java.util.HashSet<>();

  private final Path key;

  /** The key of the lock file {@code file} in {@link #HELD}. */
  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  /** The lock file of the run in {@code dir}, for {@link #take(Path, java.util.function.Function)}. */
  public static Path fileOf(Path dir) {
    return dir.resolve(FILE);
  }

  /** Takes the lock of {@code dir} at once, or refuses in one line that names its holder. */
  public static RunLock take(Path dir) {
    return take(dir.resolve(FILE), holder -> UserError.in(dir, "this run is being written by " + holder
        + "; wait for it to end (or stop it), then run the command again"));
  }

  /**
   * Takes the operating-system lock of the plain file {@code file} (made when missing, never opened
   * through a link) at once, writing this process into it; when another process or this one holds
   * it, throws what {@code refused} makes of the holder's description. For one-at-a-time work that
   * is not a run's, such as a batch check of a JSONL file.
   */
  public static RunLock take(Path file, java.util.function.Function<String, UserError> refused) {
    synchronized (HELD) {
      if (HELD.contains(key(file))) {
        throw refused.apply("this process (pid " + ProcessHandle.current().pid() + ")");
      }
      RunLock l = takeFree(file, refused);
      HELD.add(l.key);
      return l;
    }
  }

  private static RunLock takeFree(Path file, java.util.function.Function<String, UserError> refused) {
    FileChannel channel;
    try {
      // never through a link: a run folder from elsewhere could point run.lock at any file of the user's
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
          java.nio.file.LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      if (java.nio.file.Files.isSymbolicLink(file)) {
        throw UserError.in(file.getParent(), file.getFileName() + " is a link to another file; delete the link (a "
            + "lock is a plain file of its own), then run the command again");
      }
      throw UserError.in(file.getParent(), "cannot open " + file.getFileName() + ": " + e.getMessage());
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this process already holds it
    } catch (IOException e) {
      close(channel);
      throw UserError.in(file.getParent(), "cannot lock " + file.getFileName() + ": " + e.getMessage());
    }
    if (lock == null) {
      String holder = holder(file, 2_000_000_000L);
      close(channel);
      throw refused.apply(holder);
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
    return new RunLock(key(file), channel, lock);
  }

  /**
   * The process that writes the run in {@code dir} now, if any, without taking or disturbing its
   * lock: on Linux the kernel's table of held locks ({@code /proc/locks}) is asked for the lock
   * file; elsewhere the holder the file names is looked up among live processes of this host.
   */
  static Optional<String> writer(Path dir) {
    Path file = dir.resolve(FILE);
    synchronized (HELD) { // no lock of this process is taken while the note is read
      if (HELD.contains(key(file))) {
        return Optional.of("this process (pid " + ProcessHandle.current().pid() + ")");
      }
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      Optional<Boolean> held = heldInKernel(file);
      boolean busy = held.orElseGet(() -> namedHolderAlive(file));
      return busy ? Optional.of(holder(file, 0)) : Optional.empty();
    }
  }

  static Optional<Boolean> heldInKernel(Path file) {
    Path table = Path.of("/proc/locks");
    if (!Files.isReadable(table)) {
      return Optional.empty();
    }
    try {
      long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
      String suffix = ":" + inode;
      for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
        // "1: POSIX  ADVISORY  WRITE 1234 fe:00:2154501 0 EOF": the sixth field ends with the inode
        String[] f = line.trim().split("\\s+");
        int at = f.length > 1 && f[1].equals("->") ? 1 : 0;
        if (f.length > 5 + at && f[5 + at].endsWith(suffix)) {
          return Optional.of(true);
        }
      }
      return Optional.of(false);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private static boolean namedHolderAlive(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      String[] f = text.split("\\s+");
      if (f.length >= 4 && f[0].equals("pid") && f[3].equals(host())) {
        return ProcessHandle.of(Long.parseLong(f[1])).map(ProcessHandle::isAlive).orElse(false);
      }
    } catch (IOException | NumberFormatException e) {
      // no holder named
    }
    return false;
  }

  /**
   * The holder as its note names it. The holder writes the note just after taking the lock; a
   * refused writer that comes in between waits up to {@code waitNanos} for it.
   */
  private static String holder(Path file, long waitNanos) {
    long until = System.nanoTime() + waitNanos;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      while (text.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(20);
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      return text.isEmpty() ? "another process" : "another process (" + text + ")";
    } catch (IOException e) {
      return "another process";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
    synchronized (HELD) {
      HELD.remove(key);
    }
  }
}
