package dev.attrprompt.run;

import dev.attrprompt.WorkFailure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a run store is opened to read without touching its folder. SQLite's plain read-only mode is
 * not enough: on a WAL database with no {@code -wal} file it creates {@code -wal} and {@code -shm}
 * files, and leaves them. So a store that no process writes (no {@code -wal} file) is read as
 * immutable, which opens nothing beside it and takes no lock, and a read is trusted only when the
 * file's size and modification time are what they were when the connection opened (a writer that
 * started meanwhile changes the file only when it checkpoints, and then the read is made again). A
 * store another process writes (its {@code -wal} file is there) is read in read-only mode through
 * that writer's log and shared memory, so the reads see what it committed; if that writer closed
 * (and removed its log) between the look and the connection's first read, the connection is
 * dropped, the log and shared memory it made are removed the way SQLite's last connection removes
 * them, and the store is opened again as immutable.
 */
final class ReadOnlyStore {
  private ReadOnlyStore() {}

  /** Reads made before giving up on a store that changes under every one of them. */
  static final int ATTEMPTS = 5;

  private static final Pattern TABLE = Pattern.compile("^\\s*CREATE TABLE IF NOT EXISTS (\\w+)");

  /** Run between a connection's opening and its first read; tests use it to close a writer there. */
  static volatile Runnable beforeFirstRead = () -> {};

  /**
   * The store as a connection found it.
   *
   * @param live whether a write-ahead log was there (a writer, or one that ended without cleaning up)
   */
  record Snapshot(Path file, boolean live, long size, long modifiedNanos) {
    /** Whether reads through a connection made for this snapshot may have seen a file in change. */
    boolean changed() {
      if (live) {
        return false; // SQLite's own locks keep a read consistent with the writer's log
      }
      Snapshot now = snapshot(file);
      return now.live || now.size != size || now.modifiedNanos != modifiedNanos;
    }
  }

  /** A connection that reads a store, with the state of the store it was made for. */
  record Reader(Connection db, Snapshot snapshot) {}

  static Snapshot snapshot(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      boolean live = Files.exists(wal(file));
      return new Snapshot(file, live, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    } catch (IOException e) {
      throw new WorkFailure(file + ": cannot read the run store: " + e.getMessage(), e);
    }
  }

  /** A connection that reads {@code file} and leaves nothing new in its folder. */
  static Reader open(Path file) {
    for (int attempt = 1; ; attempt++) {
      Snapshot snapshot = snapshot(file);
      if (!snapshot.live()) {
        return new Reader(connect(snapshot), snapshot);
      }
      Optional<Reader> reader = connectLive(snapshot);
      if (reader.isPresent()) {
        return reader.get();
      }
      if (attempt == ATTEMPTS) {
        throw new WorkFailure(file + ": the run store's writer kept starting and stopping while it was opened to "
            + "read; try again");
      }
    }
  }

  /**
   * A read-only connection through the writer's log, if that log is still the one the snapshot saw
   * once the connection's first read has begun: from then on the connection holds a shared lock
   * on the store, so a writer that closes leaves its log in place.
   */
  private static Optional<Reader> connectLive(Snapshot snapshot) {
    Path wal = wal(snapshot.file());
    // held open so that the log's file number cannot be given to a new file meanwhile
    try (FileChannel held = FileChannel.open(wal, StandardOpenOption.READ)) {
      Object log = key(wal).orElse(null);
      Connection db = connect(snapshot);
      if (Objects.equals(key(wal).orElse(null), log)) {
        return Optional.of(new Reader(db, snapshot));
      }
      close(db);
      tidy(snapshot.file());
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty(); // the writer closed before the look: read the file as it stands
    } catch (IOException e) {
      throw new WorkFailure(snapshot.file() + ": cannot read the run store: " + e.getMessage(), e);
    }
  }

  /**
   * Removes the empty log (and shared memory) a read-only connection made after the writer had
   * closed. They are not removed by hand: a short connection reads the store and closes, and SQLite
   * removes them only if it is the last connection (it holds the exclusive lock, so no writer has
   * them open) and after moving any logged page into the file. A log that holds anything is left
   * alone, as is everything when the store cannot be opened so.
   */
  private static void tidy(Path file) {
    Path wal = wal(file);
    try {
      if (!Files.isRegularFile(wal) || Files.size(wal) != 0) {
        return;
      }
    } catch (IOException e) {
      return;
    }
    try (Connection c = DriverManager.getConnection(uri(file) + "?mode=rw");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
      rs.next();
    } catch (SQLException e) {
      // left as they are: SQLite's next last connection removes them
    }
  }

  /** A connection that reads {@code snapshot.file()} and changes nothing in its folder. */
  static Connection connect(Snapshot snapshot) {
    String uri = uri(snapshot.file()) + (snapshot.live() ? "?mode=ro" : "?mode=ro&immutable=1");
    try {
      Connection db = DriverManager.getConnection(uri);
      try (Statement s = db.createStatement()) {
        beforeFirstRead.run();
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("PRAGMA temp_store=MEMORY");
        Set<String> tables = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT name FROM main.sqlite_master WHERE type = 'table'")) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
        // an older store lacks the tables added since: they read as empty, in memory only
        for (String ddl : Schema.DDL) {
          Matcher m = TABLE.matcher(ddl);
          if (m.find() && !tables.contains(m.group(1))) {
            s.execute(m.replaceFirst("CREATE TEMP TABLE IF NOT EXISTS $1"));
          }
        }
      } catch (SQLException | RuntimeException e) {
        close(db);
        throw e;
      }
      return db;
    } catch (SQLException e) {
      throw new WorkFailure(snapshot.file() + ": cannot open the run store to read: " + e.getMessage(), e);
    }
  }

  /**
   * Drops the in-memory stand-in of each table a writer has since made in the store, so that reads
   * see the real one. Run before each read of a store opened to read.
   */
  static void dropStandInsMadeReal(Connection db) throws SQLException {
    List<String> real = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT t.name FROM temp.sqlite_master t WHERE t.type = 'table' "
            + "AND t.name NOT LIKE 'sqlite!_%' ESCAPE '!' AND EXISTS "
            + "(SELECT 1 FROM main.sqlite_master m WHERE m.type = 'table' AND m.name = t.name)")) {
      while (rs.next()) {
        real.add(rs.getString(1));
      }
    }
    for (String table : real) {
      try (Statement s = db.createStatement()) {
        s.execute("DROP TABLE temp." + table); // a name from this schema's own DDL
      }
    }
  }

  // a file URI: SQLite decodes the percent escapes, so any folder name is safe here
  private static String uri(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath().toUri();
  }

  private static Path wal(Path file) {
    return file.resolveSibling(file.getFileName() + "-wal");
  }

  /** The file's identity (device and number), if the system gives one. */
  private static Optional<Object> key(Path file) {
    try {
      return Optional.ofNullable(Files.readAttributes(file, BasicFileAttributes.class).fileKey());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void close(Connection db) {
    try {
      db.close();
    } catch (SQLException e) {
      // nothing was read through it
    }
  }
}
