package dev.attrprompt.llm;

import dev.attrprompt.UserError;
import dev.attrprompt.WorkFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paid responses by content address, in SQLite (WAL). One writer thread commits whatever has
 * queued up in one transaction (group commit), so thousands of answers a second cost a few fsyncs,
 * and {@link #put} returns only once its row is committed: nothing is handed out that a crash
 * could lose.
 */
final class ResponseCache implements AutoCloseable {
  private static final int BATCH = 512;

  /** A cached answer: the raw body and the usage it was billed for. */
  record Entry(String body, long promptTokens, long completionTokens) {}

  private record Write(String key, String model, String body, TokenUsage usage,
      CompletableFuture<Void> done) {}

  private static final Write END = new Write("", "", "", null, null);

  private final Path file;
  private final Connection reader;
  private final PreparedStatement select;
  private final ReentrantLock readLock = new ReentrantLock();
  private final Connection writer;
  private final PreparedStatement insert;
  private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  private ResponseCache(Path file) throws SQLException {
    this.file = file;
    this.writer = connect(file);
    try (Statement s = writer.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("""
          CREATE TABLE IF NOT EXISTS responses(
            key TEXT PRIMARY KEY, model TEXT NOT NULL, body TEXT NOT NULL,
            prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,
            created_ms INTEGER NOT NULL) WITHOUT ROWID""");
    }
    writer.setAutoCommit(false);
    this.insert = writer.prepareStatement("INSERT OR IGNORE INTO responses"
        + "(key, model, body, prompt_tokens, completion_tokens, created_ms) VALUES (?,?,?,?,?,?)");
    this.reader = connect(file);
    this.select = reader.prepareStatement(
        "SELECT body, prompt_tokens, completion_tokens FROM responses WHERE key = ?");
    // a platform thread: SQLite's fsync inside JNI would pin a virtual thread's carrier
    this.thread = Thread.ofPlatform().name("attrprompt-cache-writer").daemon().start(this::write);
  }

  static ResponseCache open(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      return new ResponseCache(file);
    } catch (java.io.IOException e) {
      throw new UserError("cannot make a folder for the response cache " + file + ": " + e.getMessage()
          + "; pass another cache file or turn the cache off", e);
    } catch (SQLException e) {
      throw new WorkFailure("cannot open the response cache " + file + ": " + e.getMessage()
          + "; pass another cache file or turn the cache off", e);
    }
  }

  private static Connection connect(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000"); // another run may share the file
      // with WAL, NORMAL survives a killed process; FULL would also fsync for power loss,
      // at one more fsync per group commit
      s.execute("PRAGMA synchronous=FULL");
    }
    return c;
  }

  Optional<Entry> get(String key) throws SQLException {
    readLock.lock();
    try {
      select.setString(1, key);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? Optional.of(new Entry(rs.getString(1), rs.getLong(2), rs.getLong(3)))
            : Optional.empty();
      }
    } finally {
      readLock.unlock();
    }
  }

  /** Stores a paid answer and returns once it is committed; throws if it could not be. */
  void put(String key, String model, String body, TokenUsage usage) throws SQLException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      throw new SQLException("the response cache is closed");
    }
    queue.add(new Write(key, model, body, usage, done));
    try {
      done.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
    }
  }

  private void write() {
    List<Write> batch = new ArrayList<>(BATCH);
    boolean end = false;
    while (!end) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        end = true;
      }
      queue.drainTo(batch, BATCH - 1);
      end |= batch.removeIf(w -> w == END);
      if (!batch.isEmpty()) {
        commit(batch);
      }
      batch.clear();
    }
  }

  private void commit(List<Write> batch) {
    try {
      long now = System.currentTimeMillis();
      for (Write w : batch) {
        insert.setString(1, w.key());
        insert.setString(2, w.model());
        insert.setString(3, w.body());
        insert.setLong(4, w.usage().promptTokens());
        insert.setLong(5, w.usage().completionTokens());
        insert.setLong(6, now);
        insert.addBatch();
      }
      insert.executeBatch();
      writer.commit();
      batch.forEach(w -> w.done().complete(null));
    } catch (SQLException e) {
      try {
        insert.clearBatch();
        writer.rollback();
      } catch (SQLException ignored) {
        // the first error is the one to report
      }
      SQLException failure = new SQLException("cannot write the response cache " + file + ": "
          + e.getMessage());
      batch.forEach(w -> w.done().completeExceptionally(failure));
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(END);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // anything that raced past the closed check is failed, never left waiting
    for (Write w; (w = queue.poll()) != null; ) {
      if (w != END) {
        w.done().completeExceptionally(new SQLException("the response cache is closed"));
      }
    }
    try {
      select.close();
      reader.close();
      insert.close();
      writer.close();
    } catch (SQLException ignored) {
      // closing: nothing left to lose, every commit has completed or failed
    }
  }
}
