package dev.attrprompt.run;

import dev.attrprompt.WorkFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
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
 * that writer's log and shared memory, so the reads see what it committed.
 */
final class ReadOnlyStore {
  private ReadOnlyStore() {}

  /** Reads made before giving up on a store that changes under every one of them. */
  static final int ATTEMPTS = 5;

  private static final Pattern TABLE = Pattern.compile("^\\s*CREATE TABLE IF NOT EXISTS (\\w+)");

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

  static Snapshot snapshot(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      boolean live = Files.exists(file.resolveSibling(file.getFileName() + "-wal"));
      return new Snapshot(file, live, a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
    } catch (IOException e) {
      throw new WorkFailure(file + ": cannot read the run store: " + e.getMessage(), e);
    }
  }

  /** A connection that reads {@code snapshot.file()} and changes nothing in its folder. */
  static Connection connect(Snapshot snapshot) {
    // a file URI: SQLite decodes the percent escapes, so any folder name is safe here
    String uri = "jdbc:sqlite:" + snapshot.file().toAbsolutePath().toUri().toString()
        + (snapshot.live() ? "?mode=ro" : "?mode=ro&immutable=1");
    try {
      Connection db = DriverManager.getConnection(uri);
      try (Statement s = db.createStatement()) {
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
      } catch (SQLException e) {
        db.close();
        throw e;
      }
      return db;
    } catch (SQLException e) {
      throw new WorkFailure(snapshot.file() + ": cannot open the run store to read: " + e.getMessage(), e);
    }
  }
}
