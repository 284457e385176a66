package dev.attrprompt.run;

import java.util.List;

/** The run store's tables. */
final class Schema {
  private Schema() {}

  static final List<String> DDL = List.of(
      "CREATE TABLE IF NOT EXISTS manifest(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      """
      CREATE TABLE IF NOT EXISTS requests(
        id TEXT PRIMARY KEY, label TEXT NOT NULL, labels TEXT NOT NULL, idx INTEGER NOT NULL,
        round INTEGER NOT NULL, attributes TEXT NOT NULL, seed INTEGER NOT NULL, prompt TEXT NOT NULL,
        status TEXT NOT NULL, reason TEXT, text TEXT, error TEXT)""",
      "CREATE INDEX IF NOT EXISTS requests_status ON requests(status)",
      // counts by label and status come from this index alone, not a pass over every prompt
      "CREATE INDEX IF NOT EXISTS requests_label_status ON requests(label, status)",
      """
      CREATE TABLE IF NOT EXISTS attempts(
        request_id TEXT NOT NULL, attempt INTEGER NOT NULL, status_code INTEGER, error TEXT,
        latency_ms INTEGER, at TEXT NOT NULL, PRIMARY KEY(request_id, attempt))""",
      """
      CREATE TABLE IF NOT EXISTS responses(
        request_id TEXT PRIMARY KEY, body TEXT NOT NULL, content TEXT NOT NULL, finish_reason TEXT,
        model TEXT, prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,
        usd REAL NOT NULL, cached INTEGER NOT NULL, at TEXT NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS samples(
        id TEXT PRIMARY KEY, label TEXT NOT NULL, labels TEXT NOT NULL, text TEXT NOT NULL,
        attributes TEXT NOT NULL, round INTEGER NOT NULL)""",
      // a person's verdicts (added later: CREATE IF NOT EXISTS gives an older store these tables
      // when it is opened). The samples a person rejects now, one row each; screening honours them.
      """
      CREATE TABLE IF NOT EXISTS person_rejections(
        request_id TEXT PRIMARY KEY, reason TEXT NOT NULL, who TEXT NOT NULL, at TEXT NOT NULL)""",
      // every rejection and restore a person made, in order: the history a page or a card shows
      """
      CREATE TABLE IF NOT EXISTS person_verdict_log(
        seq INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL, verdict TEXT NOT NULL,
        reason TEXT, who TEXT NOT NULL, at TEXT NOT NULL)""",
      "CREATE INDEX IF NOT EXISTS person_verdict_log_request ON person_verdict_log(request_id, seq)",
      // a label-fidelity judge's word on an answer: kept so that nothing is judged or paid twice
      """
      CREATE TABLE IF NOT EXISTS judgements(
        request_id TEXT NOT NULL, judge TEXT NOT NULL, suggested TEXT, confidence REAL NOT NULL,
        answer TEXT NOT NULL, prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,
        usd REAL NOT NULL, cached INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY(request_id, judge))""");
}
