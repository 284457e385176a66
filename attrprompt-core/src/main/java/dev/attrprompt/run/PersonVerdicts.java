package dev.attrprompt.run;

import dev.attrprompt.UserError;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads a person's verdicts in the run store. The samples a person rejects now are
 * kept in their own table, apart from screening's verdicts, because screening replays every
 * stored answer on each pass (resume, top-up, {@code --rescreen}) and rewrites its verdicts:
 * each pass reads this table and keeps those samples rejected. Every change is also logged.
 * No run lock is taken: a person may reject while the run works in another process, and the
 * store's transactions keep both consistent.
 */
final class PersonVerdicts {
  private PersonVerdicts() {}

  /**
   * The round a person last rejected a sample in: the top-up rounds that buy its replacement are
   * counted from there, so curating a run never uses up its rounds for screening's shortfall.
   */
  static final String ROUND_BASE = "person_round_base";

  /** Rejects the accepted sample {@code id}; a sample a person rejected before gets the new reason. */
  static PersonVerdict reject(RunStore store, String id, String reason) {
    String why = checkReason(reason);
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    store.inTransaction(() -> {
      int changed = store.write("UPDATE requests SET status = 'REJECTED', reason = ? WHERE id = ? AND (status = "
          + "'ACCEPTED' OR status = 'REJECTED' AND id IN (SELECT request_id FROM person_rejections))",
          PersonVerdict.REASON_PREFIX + why, id);
      if (changed == 0) {
        throw notRejectable(store, id);
      }
      store.write("INSERT INTO person_rejections(request_id, reason, who, at) VALUES(?,?,?,?) ON CONFLICT(request_id) "
          + "DO UPDATE SET reason = excluded.reason, who = excluded.who, at = excluded.at", id, why, PersonVerdict.WHO,
          at.toString());
      log(store, id, PersonVerdict.Kind.REJECTED, why, at);
      store.write("DELETE FROM samples WHERE id = ?", id);
      store.setMeta(ROUND_BASE, String.valueOf(store.maxRound()));
    });
    return new PersonVerdict(id, PersonVerdict.Kind.REJECTED, Optional.of(why), PersonVerdict.WHO, at);
  }

  /**
   * Takes back a person's rejection of {@code id}: the answer waits for screening again (the
   * caller replays screening at once, which decides as if the person had never rejected it).
   */
  static PersonVerdict restore(RunStore store, String id) {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    store.inTransaction(() -> {
      if (store.write("DELETE FROM person_rejections WHERE request_id = ?", id) == 0) {
        if (status(store, id).isEmpty()) {
          throw noSample(store, id);
        }
        throw UserError.in(store.dir(), "sample '" + id + "' was not rejected by a person, so there is nothing to "
            + "restore");
      }
      log(store, id, PersonVerdict.Kind.RESTORED, null, at);
      store.write("UPDATE requests SET status = 'ANSWERED', reason = NULL, text = NULL WHERE id = ? "
          + "AND status IN ('ACCEPTED','REJECTED')", id);
    });
    return new PersonVerdict(id, PersonVerdict.Kind.RESTORED, Optional.empty(), PersonVerdict.WHO, at);
  }

  /** The samples a person rejects now, with the reason given (by id). */
  static Map<String, String> current(RunStore store) {
    Map<String, String> out = new LinkedHashMap<>();
    store.read("SELECT request_id, reason FROM person_rejections ORDER BY request_id",
        rs -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** How many samples of each label a person rejects now. */
  static Map<String, Integer> countByLabel(RunStore store) {
    Map<String, Integer> out = new LinkedHashMap<>();
    store.read("SELECT r.label, COUNT(*) FROM person_rejections p JOIN requests r ON r.id = p.request_id "
        + "GROUP BY r.label ORDER BY r.label", rs -> Map.entry(rs.getString(1), rs.getInt(2)))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Every verdict a person gave, oldest first; only those on {@code id} when given. */
  static List<PersonVerdict> history(RunStore store, Optional<String> id) {
    String sql = "SELECT request_id, verdict, reason, who, at FROM person_verdict_log"
        + (id.isPresent() ? " WHERE request_id = ?" : "") + " ORDER BY seq";
    return store.read(sql, rs -> new PersonVerdict(rs.getString(1),
        PersonVerdict.Kind.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
        Optional.ofNullable(rs.getString(3)), rs.getString(4), Instant.parse(rs.getString(5))),
        id.map(List::<Object>of).orElse(List.of()).toArray());
  }

  /** A reason is one line of text, 1 to {@link PersonVerdict#MAX_REASON} characters. */
  static String checkReason(String reason) {
    String r = reason == null ? "" : reason.strip();
    if (r.isEmpty()) {
      throw new UserError("give a reason for rejecting the sample (one line, for example 'off topic')");
    }
    if (r.length() > PersonVerdict.MAX_REASON || r.codePoints().anyMatch(c -> Character.isISOControl(c)
        || c == 0x2028 || c == 0x2029)) {
      throw new UserError("a rejection reason is one line of at most " + PersonVerdict.MAX_REASON
          + " characters; shorten it");
    }
    return r;
  }

  private static void log(RunStore store, String id, PersonVerdict.Kind kind, String reason, Instant at) {
    store.write("INSERT INTO person_verdict_log(request_id, verdict, reason, who, at) VALUES(?,?,?,?,?)", id,
        kind.id(), reason, PersonVerdict.WHO, at.toString());
  }

  private static Optional<String[]> status(RunStore store, String id) {
    return store.read("SELECT status, reason FROM requests WHERE id = ?",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, id).stream().findFirst();
  }

  private static UserError noSample(RunStore store, String id) {
    return UserError.in(store.dir(), "no sample '" + id + "' in this run; list them with 'attrprompt samples "
        + store.dir() + "'");
  }

  private static UserError notRejectable(RunStore store, String id) {
    String[] s = status(store, id).orElseThrow(() -> noSample(store, id));
    String what = switch (RunStore.Status.valueOf(s[0])) {
      case REJECTED -> "is already rejected by screening (" + s[1] + ")";
      case FAILED -> "failed: it has no answer";
      case PLANNED -> "has no answer yet";
      case ANSWERED -> "is not screened yet (resume the run first)";
      case ACCEPTED -> "is accepted"; // not reached: accepted samples can be rejected
    };
    return UserError.in(store.dir(), "sample '" + id + "' " + what + "; only accepted samples can be rejected");
  }
}
