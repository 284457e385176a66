package dev.attrprompt.run;

import dev.attrprompt.UserError;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a run's requests for people: a filtered, paged list (by label, attribute value, verdict,
 * rejection reason and a text search), one request whole by id, and what there is to filter by.
 * Every condition is a fixed piece of SQL with bound parameters; no text a person typed ever
 * becomes SQL.
 */
public final class SampleQuery {
  private final RunStore store;

  public SampleQuery(RunStore store) {
    this.store = store;
  }

  /**
   * What to list. Empty parts match everything.
   *
   * @param attributes dimension → value; a request matches when it has every pair
   * @param search     text the sample (or the raw answer, before screening) contains, ignoring ASCII case
   * @param limit      rows per page, 1 to {@link #MAX_LIMIT}
   * @param offset     rows to skip, 0 or more
   */
  public record Filter(Optional<String> label, Map<String, String> attributes, Optional<SampleVerdict> verdict,
      Optional<String> reason, Optional<String> search, int limit, int offset) {
    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;

    public Filter {
      label = label.filter(s -> !s.isBlank());
      reason = reason.filter(s -> !s.isBlank());
      search = search.map(String::strip).filter(s -> !s.isEmpty());
      attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new UserError("a page holds 1 to " + MAX_LIMIT + " samples, not " + limit);
      }
      if (offset < 0) {
        throw new UserError("an offset is 0 or more, not " + offset);
      }
    }

    /** Everything, first page. */
    public static Filter all() {
      return new Filter(Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(),
          DEFAULT_LIMIT, 0);
    }

    public Filter withLabel(String l) {
      return new Filter(Optional.of(l), attributes, verdict, reason, search, limit, offset);
    }

    public Filter withAttribute(String dimension, String value) {
      Map<String, String> a = new LinkedHashMap<>(attributes);
      a.put(dimension, value);
      return new Filter(label, a, verdict, reason, search, limit, offset);
    }

    public Filter withVerdict(SampleVerdict v) {
      return new Filter(label, attributes, Optional.of(v), reason, search, limit, offset);
    }

    public Filter withReason(String r) {
      return new Filter(label, attributes, verdict, Optional.of(r), search, limit, offset);
    }

    public Filter withSearch(String q) {
      return new Filter(label, attributes, verdict, reason, Optional.of(q), limit, offset);
    }

    /** This filter with {@code pair} ({@code DIMENSION=VALUE}, as options and query parameters give it) added. */
    public Filter withAttribute(String pair) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UserError("an attribute value is DIMENSION=VALUE, for example style=interview, not '" + pair + "'");
      }
      return withAttribute(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }

    public Filter page(int newLimit, int newOffset) {
      return new Filter(label, attributes, verdict, reason, search, newLimit, newOffset);
    }
  }

  /** One page of rows and how many match in all. */
  public record Page(List<SampleRow> rows, long total, Filter filter) {
    public Page {
      rows = List.copyOf(rows);
    }

    /** Whether rows follow this page. */
    public boolean hasMore() {
      return filter.offset() + rows.size() < total;
    }
  }

  /**
   * What the run holds to filter by, with counts: labels, each dimension's values, rejection
   * reasons, verdicts. Sorted by name.
   */
  public record Facets(Map<String, Long> labels, Map<String, Map<String, Long>> values, Map<String, Long> reasons,
      Map<SampleVerdict, Long> verdicts) {}

  private static final String FROM = " FROM requests r LEFT JOIN person_rejections p ON p.request_id = r.id"
      + " LEFT JOIN responses s ON s.request_id = r.id";
  private static final String COLUMNS = "r.id, r.label, r.labels, r.round, r.attributes, r.status, "
      + "p.request_id IS NOT NULL AS by_person, r.reason, COALESCE(r.text, s.content) AS shown, r.error";

  /** The rows {@code filter} selects, ordered by id, and their total. */
  public Page page(Filter filter) {
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    filter.label().ifPresent(l -> {
      where.add("(r.label = ? OR EXISTS (SELECT 1 FROM json_each(r.labels) l WHERE l.value = ?))");
      args.add(l);
      args.add(l);
    });
    filter.attributes().forEach((dimension, value) -> {
      where.add("EXISTS (SELECT 1 FROM json_each(r.attributes) a WHERE a.key = ? AND a.value = ?)");
      args.add(dimension);
      args.add(value);
    });
    filter.verdict().ifPresent(v -> where.add(v.condition));
    filter.reason().ifPresent(r -> {
      where.add("r.reason = ?");
      args.add(r);
    });
    filter.search().ifPresent(q -> {
      where.add("COALESCE(r.text, s.content, '') LIKE ? ESCAPE '\\'");
      args.add("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    });
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    // the count reads a response only when the text is searched: every page of a large run counts
    String countFrom = filter.search().isPresent() ? FROM
        : " FROM requests r LEFT JOIN person_rejections p ON p.request_id = r.id";
    long total = store.read("SELECT COUNT(*)" + countFrom + condition, rs -> rs.getLong(1), args.toArray()).get(0);
    List<Object> paged = new ArrayList<>(args);
    paged.add(filter.limit());
    paged.add(filter.offset());
    List<SampleRow> rows = store.read("SELECT " + COLUMNS + FROM + condition + " ORDER BY r.id LIMIT ? OFFSET ?",
        SampleQuery::row, paged.toArray());
    return new Page(rows, total, filter);
  }

  /** The request {@code id} whole, or empty when the run has no such request. */
  public Optional<SampleDetail> detail(String id) {
    return store.read("SELECT " + COLUMNS + ", r.prompt, r.seed, s.content, s.finish_reason, s.model, "
        + "s.prompt_tokens, s.completion_tokens, s.usd, s.cached, s.request_id IS NOT NULL AS answered" + FROM
        + " WHERE r.id = ?", rs -> new SampleDetail(row(rs), rs.getString("prompt"), rs.getLong("seed"),
            rs.getBoolean("answered") ? Optional.of(new SampleDetail.Answer(rs.getString("content"),
                Optional.ofNullable(rs.getString("finish_reason")), String.valueOf(rs.getString("model")),
                rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getDouble("usd"),
                rs.getBoolean("cached"))) : Optional.empty(),
            List.of()), id).stream().findFirst()
        .map(d -> new SampleDetail(d.row(), d.prompt(), d.seed(), d.answer(),
            PersonVerdicts.history(store, Optional.of(id))));
  }

  /** Labels, attribute values, rejection reasons and verdicts, each with its count. */
  public Facets facets() {
    Map<String, Long> labels = new TreeMap<>();
    store.read("SELECT label, COUNT(*) FROM requests GROUP BY label", rs -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> labels.put(e.getKey(), e.getValue()));
    Map<String, Map<String, Long>> values = new TreeMap<>();
    store.read("SELECT a.key, a.value, COUNT(*) FROM requests r, json_each(r.attributes) a GROUP BY a.key, a.value",
        rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)})
        .forEach(row -> values.computeIfAbsent((String) row[0], k -> new TreeMap<>())
            .put(String.valueOf(row[1]), (Long) row[2]));
    Map<String, Long> reasons = new TreeMap<>();
    store.read("SELECT reason, COUNT(*) FROM requests WHERE status = 'REJECTED' GROUP BY reason",
        rs -> Map.entry(String.valueOf(rs.getString(1)), rs.getLong(2))).forEach(e -> reasons.put(e.getKey(), e.getValue()));
    Map<SampleVerdict, Long> verdicts = new EnumMap<>(SampleVerdict.class);
    store.read("SELECT r.status, p.request_id IS NOT NULL, COUNT(*) FROM requests r LEFT JOIN person_rejections p "
        + "ON p.request_id = r.id GROUP BY 1, 2", rs -> new Object[] {
            SampleVerdict.of(RunStore.Status.valueOf(rs.getString(1)), rs.getBoolean(2)), rs.getLong(3)})
        .forEach(row -> verdicts.merge((SampleVerdict) row[0], (Long) row[1], Long::sum));
    return new Facets(labels, values, reasons, verdicts);
  }

  private static SampleRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new SampleRow(rs.getString("id"), rs.getString("label"), Jsons.readList(rs.getString("labels")),
        rs.getInt("round"), Jsons.readMap(rs.getString("attributes")),
        SampleVerdict.of(RunStore.Status.valueOf(rs.getString("status")), rs.getBoolean("by_person")),
        Optional.ofNullable(rs.getString("reason")), Optional.ofNullable(rs.getString("shown")),
        Optional.ofNullable(rs.getString("error")).map(RunStore::cause));
  }
}
