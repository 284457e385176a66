package dev.attrprompt.run;

import dev.attrprompt.UserError;
import dev.attrprompt.WorkFailure;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One SQLite database per run directory (WAL): the manifest, the planned requests, every attempt,
 * every paid response, and the verdict on each. A response is committed before anything uses it,
 * so a run killed at any moment resumes without buying an answer twice.
 */
public final class RunStore implements AutoCloseable {
  public static final String FILE = "run.sqlite";

  /** Lifecycle of a request: planned, then answered or failed; answered ones get a verdict. */
  public enum Status { PLANNED, ANSWERED, FAILED, ACCEPTED, REJECTED }

  private final Path dir;
  private Connection db;
  /** Set for a store opened to read ({@link #openReadOnly}): how it reads, and what it saw at open. */
  private Optional<ReadOnlyStore.Snapshot> reading;

  private RunStore(Path dir, Connection db, Optional<ReadOnlyStore.Snapshot> reading) {
    this.dir = dir;
    this.db = db;
    this.reading = reading;
  }

  /** Opens the store of {@code dir}, creating the folder and the schema when new. */
  public static RunStore open(Path dir) {
    try {
      Files.createDirectories(dir);
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(FILE).toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
        for (String ddl : Schema.DDL) {
          s.execute(ddl);
        }
      }
      return new RunStore(dir, db, Optional.empty());
    } catch (java.io.IOException e) {
      throw UserError.in(dir, "cannot make the run folder here: " + e.getMessage() + "; choose another --out");
    } catch (SQLException e) {
      throw new WorkFailure(dir.resolve(FILE) + ": cannot open the run store: " + e.getMessage(), e);
    }
  }

  /** Opens the store of an existing run; a folder without one is a user error. */
  public static RunStore openExisting(Path dir) {
    if (!Files.isRegularFile(dir.resolve(FILE))) {
      throw UserError.in(dir, "not a run folder (no " + FILE + "); make one with 'attrprompt generate ... --out "
          + dir + "'");
    }
    return open(dir);
  }

  /**
   * Opens the store of an existing run only to read it: nothing in the run folder is created or
   * changed, not even the schema of an older store (tables it lacks read as empty). While another
   * process writes the run (its {@code -wal} file is there) the reads share that writer's
   * write-ahead log and see what it has committed; otherwise the file is read as it stands, and a
   * read during which the file changed (a writer started and checkpointed) is read again. Every
   * writing method of such a store fails.
   *
   * @throws UserError for a folder that holds no run store
   */
  public static RunStore openReadOnly(Path dir) {
    if (!Files.isRegularFile(dir.resolve(FILE))) {
      throw UserError.in(dir, "not a run folder (no " + FILE + "); make one with 'attrprompt generate ... --out "
          + dir + "'");
    }
    ReadOnlyStore.Reader reader = ReadOnlyStore.open(dir.resolve(FILE));
    return new RunStore(dir, reader.db(), Optional.of(reader.snapshot()));
  }

  /** Whether this store was opened only to read ({@link #openReadOnly}). */
  public boolean readOnly() {
    return reading.isPresent();
  }

  public Path dir() {
    return dir;
  }

  public synchronized Optional<String> manifest() {
    return query("SELECT value FROM manifest WHERE key = 'manifest'", rs -> rs.getString(1)).stream().findFirst();
  }

  public synchronized void writeManifest(String json) {
    update("INSERT INTO manifest(key, value) VALUES('manifest', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", json);
  }

  /** A small named value kept with the run (e.g. the id of a Batch in flight). */
  public synchronized Optional<String> meta(String key) {
    return query("SELECT value FROM manifest WHERE key = ?", rs -> rs.getString(1), "meta:" + key).stream().findFirst();
  }

  /** Sets several named values at once: a process killed meanwhile leaves all or none of them. */
  public synchronized void setMeta(Map<String, String> values) {
    transaction(() -> values.forEach(this::setMeta));
  }

  public synchronized void setMeta(String key, String value) {
    if (value == null) {
      update("DELETE FROM manifest WHERE key = ?", "meta:" + key);
    } else {
      update("INSERT INTO manifest(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
          "meta:" + key, value);
    }
  }

  /** Adds plan items for {@code round}; items already planned keep their state. */
  public synchronized void plan(List<PlannedRequest> items, int round) {
    transaction(() -> {
      try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO requests"
          + "(id, label, labels, idx, round, attributes, seed, prompt, status) VALUES(?,?,?,?,?,?,?,?,'PLANNED')")) {
        for (PlannedRequest r : items) {
          p.setString(1, r.id());
          p.setString(2, r.label());
          p.setString(3, Jsons.write(r.labels()));
          p.setLong(4, r.index());
          p.setInt(5, round);
          p.setString(6, Jsons.write(r.attributes()));
          p.setLong(7, r.seed());
          p.setString(8, r.prompt());
          p.addBatch();
        }
        p.executeBatch();
      }
    });
  }

  /**
   * The most requests one run plans in its first round. Every planned request is stored with its
   * prompt (about 1 KB of run store with its indexes) before anything is sent: a million took
   * about 1 GB and 3 minutes to plan on a busy 2-core machine (docs/benchmarks.md). Larger
   * datasets are made as several runs.
   */
  public static final long MAX_PLANNED = 1_000_000;

  /**
   * Refuses a plan whose first round holds more than {@link #MAX_PLANNED} requests, in one line
   * and before anything is written; call it before {@link #open} on a new run.
   */
  public static void requireRoomFor(Task task, PlanOptions plan) {
    int labels = task.labels().size();
    long requests = (long) labels * plan.perClass();
    if (requests > MAX_PLANNED) {
      throw new UserError(String.format(Locale.ROOT, "--per-class %,d plans %,d requests "
          + "(%d labels), more than the %,d one run holds (each is stored with its prompt before "
          + "anything is sent); use --per-class %,d or less per run and several runs with "
          + "different --seed values, and price the whole with 'attrprompt estimate'",
          plan.perClass(), requests, labels, MAX_PLANNED, MAX_PLANNED / labels));
    }
  }

  /** How many requests still need an answer (planned, or failed before). */
  public synchronized long unansweredCount() {
    return query("SELECT COUNT(*) FROM requests WHERE status IN ('PLANNED','FAILED')", rs -> rs.getLong(1)).get(0);
  }

  /**
   * Hands each request that still needs an answer to {@code each}, by id, reading them one by
   * one: memory stays small whatever the plan's size. Returns how many there were.
   */
  public synchronized long forEachUnanswered(Consumer<StoredRequest> each) {
    try (PreparedStatement p = db.prepareStatement("SELECT " + StoredRequest.COLUMNS
        + " FROM requests r WHERE status IN ('PLANNED','FAILED') ORDER BY id")) {
      p.setFetchSize(1_000);
      long n = 0;
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          each.accept(StoredRequest.of(rs));
          n++;
        }
      }
      return n;
    } catch (SQLException e) {
      throw failure("read from", e);
    }
  }

  /** The ids of the requests that still need an answer. */
  public synchronized java.util.Set<String> unansweredIds() {
    return java.util.Set.copyOf(query("SELECT id FROM requests WHERE status IN ('PLANNED','FAILED')",
        rs -> rs.getString(1)));
  }

  /** Requests that still need an answer (planned, or failed before), by id. */
  public synchronized List<StoredRequest> unanswered() {
    return query("SELECT " + StoredRequest.COLUMNS + " FROM requests r WHERE status IN ('PLANNED','FAILED') ORDER BY id",
        StoredRequest::of);
  }

  /** The ids of every planned request. */
  public synchronized java.util.Set<String> requestIds() {
    return java.util.Set.copyOf(query("SELECT id FROM requests", rs -> rs.getString(1)));
  }

  /** Every answered request with its response, in screening order (round, then id). */
  public synchronized List<StoredResponse> answers() {
    return query("SELECT " + StoredRequest.COLUMNS + ", s.content, s.finish_reason FROM requests r JOIN responses s "
        + "ON s.request_id = r.id ORDER BY r.round, r.id", rs -> new StoredResponse(StoredRequest.of(rs),
            rs.getString("content"), rs.getString("finish_reason")));
  }

  public synchronized void recordAttempt(String id, int attempt, int status, String error, long latencyMs) {
    update("INSERT OR REPLACE INTO attempts(request_id, attempt, status_code, error, latency_ms, at) "
        + "VALUES(?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%fZ','now'))", id, attempt, status, error, latencyMs);
  }

  /** An HTTP attempt to record with its outcome. */
  public record AttemptRow(int attempt, int status, String error, long latencyMs) {}

  /**
   * Records a request's attempts and then its outcome (a response, or a failure when
   * {@code response} is null) in one transaction: one commit per answer keeps the store fast.
   */
  public synchronized void recordOutcome(String id, List<AttemptRow> attempts, Response response, String failure) {
    transaction(() -> {
      if (!attempts.isEmpty()) {
        PreparedStatement p = statement("INSERT OR REPLACE INTO attempts(request_id, attempt, "
            + "status_code, error, latency_ms, at) VALUES(?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
        try {
          for (AttemptRow a : attempts) {
            bind(p, id, a.attempt(), a.status(), a.error(), a.latencyMs());
            p.addBatch();
          }
          p.executeBatch();
        } finally {
          p.clearBatch();
        }
      }
      if (response != null) {
        insertResponse(id, response);
      } else if (failure != null) {
        execute("UPDATE requests SET status = 'FAILED', error = ? WHERE id = ? AND status IN ('PLANNED','FAILED')", failure, id);
      }
    });
  }

  /** Commits a paid (or cached) response; it is never bought again for this request. */
  public synchronized void recordResponse(String id, Response r) {
    transaction(() -> insertResponse(id, r));
  }

  private void insertResponse(String id, Response r) throws SQLException {
    {
      execute("INSERT OR REPLACE INTO responses(request_id, body, content, finish_reason, model, "
          + "prompt_tokens, completion_tokens, usd, cached, at) VALUES(?,?,?,?,?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
          id, r.body(), r.content(), r.finishReason(), r.model(), r.promptTokens(), r.completionTokens(),
          r.usd(), r.cached() ? 1 : 0);
      execute("UPDATE requests SET status = 'ANSWERED', error = NULL WHERE id = ?", id);
    }
  }

  public synchronized void recordFailure(String id, String error) {
    update("UPDATE requests SET status = 'FAILED', error = ? WHERE id = ? AND status IN ('PLANNED','FAILED')", error, id);
  }

  /** Replaces all verdicts: screening is replayed from the stored answers on every pass. */
  public synchronized void writeVerdicts(List<Verdict> verdicts) {
    transaction(() -> {
      execute("DELETE FROM samples");
      execute("UPDATE requests SET status = 'ANSWERED', reason = NULL, text = NULL WHERE status IN ('ACCEPTED','REJECTED')");
      try (PreparedStatement p = db.prepareStatement("UPDATE requests SET status = ?, reason = ?, text = ? WHERE id = ?");
          PreparedStatement s = db.prepareStatement("INSERT INTO samples(id, label, labels, text, attributes, round) "
              + "SELECT id, label, labels, ?, attributes, round FROM requests WHERE id = ?")) {
        for (Verdict v : verdicts) {
          p.setString(1, v.accepted() ? "ACCEPTED" : "REJECTED");
          p.setString(2, v.reason());
          p.setString(3, v.text());
          p.setString(4, v.id());
          p.addBatch();
          if (v.accepted()) {
            s.setString(1, v.text());
            s.setString(2, v.id());
            s.addBatch();
          }
        }
        p.executeBatch();
        s.executeBatch();
      }
      // a person's rejection made while this pass screened (from another process) still holds
      execute("UPDATE requests SET status = 'REJECTED', reason = ? || (SELECT p.reason FROM person_rejections p "
          + "WHERE p.request_id = requests.id) WHERE status = 'ACCEPTED' AND id IN (SELECT request_id FROM "
          + "person_rejections)", PersonVerdict.REASON_PREFIX);
      execute("DELETE FROM samples WHERE id IN (SELECT request_id FROM person_rejections)");
      // and a restore made meanwhile is not undone: such an answer waits for the next pass, which screens it again
      execute("UPDATE requests SET status = 'ANSWERED', reason = NULL, text = NULL WHERE status = 'REJECTED' "
          + "AND substr(reason, 1, length(?)) = ? AND id NOT IN (SELECT request_id FROM person_rejections)",
          PersonVerdict.REASON_PREFIX, PersonVerdict.REASON_PREFIX);
    });
  }

  /** Counts by label and status, for status reports and quota decisions. */
  public synchronized Map<String, Map<Status, Integer>> counts() {
    Map<String, Map<Status, Integer>> out = new LinkedHashMap<>();
    for (Object[] row : query("SELECT label, status, COUNT(*) FROM requests GROUP BY label, status ORDER BY label",
        rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)})) {
      out.computeIfAbsent((String) row[0], k -> new LinkedHashMap<>()).put(Status.valueOf((String) row[1]), (Integer) row[2]);
    }
    return out;
  }

  /** Rejections by label and reason. */
  public synchronized Map<String, Map<String, Integer>> rejections() {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (Object[] row : query("SELECT label, reason, COUNT(*) FROM requests WHERE status = 'REJECTED' "
        + "GROUP BY label, reason ORDER BY label, reason", rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)})) {
      out.computeIfAbsent((String) row[0], k -> new LinkedHashMap<>()).put((String) row[1], (Integer) row[2]);
    }
    return out;
  }

  /**
   * Failed requests by label and {@link #cause cause}.
   */
  public synchronized Map<String, Map<String, Integer>> failures() {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (Object[] row : query("SELECT label, error, COUNT(*) FROM requests WHERE status = 'FAILED' "
        + "GROUP BY label, error ORDER BY label, error", rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)})) {
      String cause = row[1] == null ? "unknown" : cause((String) row[1]);
      out.computeIfAbsent((String) row[0], k -> new LinkedHashMap<>()).merge(cause, (Integer) row[2], Integer::sum);
    }
    return out;
  }

  /**
   * A failure's cause as a person reads it: the last fault of a request that ran out of retries
   * (its attempt count left out), or the kind and message of one that failed at once.
   */
  public static String cause(String error) {
    return error.replaceFirst("^RETRIES_EXHAUSTED: gave up after \\d+ attempts; the last: ", "");
  }

  /** The ids of the requests that failed (and may be asked again). */
  public synchronized java.util.Set<String> failedIds() {
    return new java.util.HashSet<>(query("SELECT id FROM requests WHERE status = 'FAILED'", rs -> rs.getString(1)));
  }

  /** The highest planned index of each label (-1 when none). */
  public synchronized Map<String, Long> lastIndex() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Object[] row : query("SELECT label, MAX(idx) FROM requests GROUP BY label",
        rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
      out.put((String) row[0], (Long) row[1]);
    }
    return out;
  }

  public synchronized int failedCount() {
    return query("SELECT COUNT(*) FROM requests WHERE status = 'FAILED'", rs -> rs.getInt(1)).get(0);
  }

  public synchronized int maxRound() {
    return query("SELECT COALESCE(MAX(round), 0) FROM requests", rs -> rs.getInt(1)).get(0);
  }

  /**
   * Token and dollar totals over all responses and label-fidelity judgements (what the run
   * spent in all); {@code responses} and {@code cached} count generation responses only.
   */
  public synchronized Usage usage() {
    Usage generation = query("SELECT COALESCE(SUM(prompt_tokens),0), COALESCE(SUM(completion_tokens),0), "
        + "COALESCE(SUM(usd),0), COUNT(*), COALESCE(SUM(cached),0), COALESCE(MAX(body LIKE '%attrprompt-sim%'),0) "
        + "FROM responses", rs -> new Usage(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4),
            rs.getLong(5), rs.getInt(6) == 1)).get(0);
    Usage judge = judgeUsage();
    return new Usage(generation.promptTokens() + judge.promptTokens(),
        generation.completionTokens() + judge.completionTokens(), generation.usd() + judge.usd(),
        generation.responses(), generation.cached(), generation.simulated());
  }

  /** Totals over the LLM judge's judgements: {@code responses} counts them, {@code cached} those that cost nothing. */
  public synchronized Usage judgeUsage() {
    return query("SELECT COALESCE(SUM(prompt_tokens),0), COALESCE(SUM(completion_tokens),0), COALESCE(SUM(usd),0), "
        + "COUNT(*), COALESCE(SUM(cached),0) FROM judgements WHERE judge LIKE 'llm:%'", rs -> new Usage(rs.getLong(1),
            rs.getLong(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5), false)).get(0);
  }

  /** The judgements {@code judge} made, by request id. */
  public synchronized Map<String, Judgement> judgements(String judge) {
    Map<String, Judgement> out = new LinkedHashMap<>();
    for (Judgement j : query("SELECT request_id, judge, suggested, confidence, answer, prompt_tokens, "
        + "completion_tokens, usd, cached FROM judgements WHERE judge = ? ORDER BY request_id", rs -> new Judgement(
            rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getDouble(4), rs.getString(5),
            rs.getLong(6), rs.getLong(7), rs.getDouble(8), rs.getInt(9) == 1), judge)) {
      out.put(j.requestId(), j);
    }
    return out;
  }

  /** Records judgements in one transaction; one already recorded for a request and judge is kept. */
  public synchronized void recordJudgements(List<Judgement> judgements) {
    transaction(() -> {
      try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO judgements(request_id, judge, suggested, "
          + "confidence, answer, prompt_tokens, completion_tokens, usd, cached, at) "
          + "VALUES(?,?,?,?,?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%fZ','now'))")) {
        for (Judgement j : judgements) {
          bind(p, j.requestId(), j.judge(), j.suggested().orElse(null), j.confidence(), j.answer(), j.promptTokens(),
              j.completionTokens(), j.usd(), j.cached() ? 1 : 0);
          p.addBatch();
        }
        p.executeBatch();
      }
    });
  }

  /** Every planned request with its state and its response's usage, ordered by id. */
  public synchronized List<RequestRecord> requestRecords() {
    return query("SELECT r.id, r.label, r.labels, r.round, r.attributes, r.status, r.reason, r.text, r.error, "
        + "COALESCE(s.prompt_tokens, 0), COALESCE(s.completion_tokens, 0), COALESCE(s.usd, 0) "
        + "FROM requests r LEFT JOIN responses s ON s.request_id = r.id ORDER BY r.id", rs -> new RequestRecord(
            rs.getString(1), rs.getString(2), Jsons.readList(rs.getString(3)), rs.getInt(4),
            Jsons.readMap(rs.getString(5)), Status.valueOf(rs.getString(6)), Optional.ofNullable(rs.getString(7)),
            Optional.ofNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9)), rs.getLong(10), rs.getLong(11),
            rs.getDouble(12)));
  }

  /** Accepted samples ordered by id. */
  public synchronized List<Sample> samples() {
    return query("SELECT id, label, labels, text, attributes FROM samples ORDER BY id", rs -> new Sample(
        rs.getString("id"), rs.getString("label"), Jsons.readList(rs.getString("labels")), rs.getString("text"),
        Jsons.readMap(rs.getString("attributes"))));
  }

  @Override
  public synchronized void close() {
    for (PreparedStatement p : statements.values()) {
      try {
        p.close();
      } catch (SQLException e) {
        // the connection closes below all the same
      }
    }
    statements.clear();
    try {
      db.close();
    } catch (SQLException e) {
      // closing after a failure: nothing left to save
    }
  }

  // --- small JDBC helpers -------------------------------------------------------------------

  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  interface Work {
    void run() throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row, Object... args) {
    if (reading.isEmpty()) {
      return queryOnce(sql, row, args);
    }
    // a store read as it stands: a read during which a writer changed the file is read again
    for (int attempt = 1; ; attempt++) {
      ReadOnlyStore.Snapshot before = reading.get();
      RuntimeException failed = null;
      List<T> out = null;
      try {
        dropStandInsMadeReal();
        out = queryOnce(sql, row, args);
      } catch (WorkFailure e) {
        failed = e;
      }
      if (!before.changed()) {
        if (failed != null) {
          throw failed;
        }
        return out;
      }
      if (attempt == ReadOnlyStore.ATTEMPTS) {
        throw failed != null ? failed : new WorkFailure(dir.resolve(FILE) + ": the run store kept changing while it "
            + "was read; try again");
      }
      reconnect();
    }
  }

  /** An older store's empty stand-in tables give way to the real ones once a writer has made them. */
  private void dropStandInsMadeReal() {
    try {
      ReadOnlyStore.dropStandInsMadeReal(db);
    } catch (SQLException e) {
      throw failure("read from", e);
    }
  }

  private void reconnect() {
    try {
      db.close();
    } catch (SQLException e) {
      // a fresh connection follows all the same
    }
    ReadOnlyStore.Reader reader = ReadOnlyStore.open(dir.resolve(FILE));
    db = reader.db();
    reading = Optional.of(reader.snapshot());
  }

  private <T> List<T> queryOnce(String sql, Row<T> row, Object... args) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      bind(p, args);
      try (ResultSet rs = p.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.read(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw failure("read from", e);
    }
  }

  /** A parameterised read for this package's views of the store ({@link SampleQuery}, {@link PersonVerdicts}). */
  synchronized <T> List<T> read(String sql, Row<T> row, Object... args) {
    return query(sql, row, args);
  }

  /** A parameterised write for this package's classes; returns how many rows it changed. */
  synchronized int write(String sql, Object... args) {
    writing();
    try (PreparedStatement p = db.prepareStatement(sql)) {
      bind(p, args);
      return p.executeUpdate();
    } catch (SQLException e) {
      throw failure("write to", e);
    }
  }

  private void update(String sql, Object... args) {
    writing();
    try {
      execute(sql, args);
    } catch (SQLException e) {
      throw failure("write to", e);
    }
  }

  private void execute(String sql, Object... args) throws SQLException {
    PreparedStatement p = statement(sql);
    bind(p, args);
    p.executeUpdate();
  }

  /** Writing statements, prepared once: SQLite compiles each, and the outcome path runs them per answer. */
  private final Map<String, PreparedStatement> statements = new java.util.HashMap<>();

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement p = statements.get(sql);
    if (p == null) {
      p = db.prepareStatement(sql);
      statements.put(sql, p);
    }
    return p;
  }

  /**
   * Runs {@code work} (calls of this store's writing methods) as one transaction: all of it is
   * committed, or none of it.
   */
  public synchronized void inTransaction(Runnable work) {
    transaction(work::run);
  }

  private int transactionDepth;

  private void transaction(Work work) {
    writing();
    if (transactionDepth > 0) { // inside an outer transaction: it commits
      try {
        work.run();
      } catch (SQLException e) {
        throw failure("write to", e);
      }
      return;
    }
    transactionDepth++;
    try {
      db.setAutoCommit(false);
      try {
        work.run();
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("write to", e);
    } finally {
      transactionDepth--;
    }
  }

  /** A store opened to read is never written: a call that would is a bug. */
  private void writing() {
    if (reading.isPresent()) {
      throw new IllegalStateException(dir.resolve(FILE) + " was opened only to read");
    }
  }

  /** A database failure while working (disk full, file locked or damaged): exit 1, not a bug. */
  private WorkFailure failure(String what, SQLException e) {
    return new WorkFailure(dir.resolve(FILE) + ": cannot " + what + " the run store: " + e.getMessage(), e);
  }

  private static void bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      p.setObject(i + 1, args[i]);
    }
  }
}
