package dev.attrprompt.eval.html;

import dev.attrprompt.eval.data.Sample;
import dev.attrprompt.eval.report.AttributeMeasure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * For datasets whose samples carry the attribute values they were asked for: coverage (value ×
 * label heatmaps) and adherence (word counts against the requested length; texts naming the
 * requested location), with the overall figures of {@code analyze}'s "attributes".
 */
final class AttributesSection implements Section {
  /** Values drawn per heatmap; a dimension with more shows its most requested ones. */
  static final int MAX_VALUES = 40;

  @Override
  public void render(Model m, Page page, Map<String, Object> data) {
    List<Model.Entry> with = m.datasets().stream().filter(e -> e.analysisJson().containsKey("attributes")).toList();
    if (with.isEmpty()) {
      return;
    }
    page.section("attributes", "Attributes");
    page.p("Which attribute values the requests asked for, per label, and whether the texts honoured them.");
    for (int i = 0; i < m.datasets().size(); i++) {
      Model.Entry e = m.datasets().get(i);
      if (!e.analysisJson().containsKey("attributes")) {
        if (m.comparing()) {
          page.note(e.title() + ": its samples carry no attribute values (" + e.dataset().method().orElse("plain data")
              + " asks for none).");
        }
        continue;
      }
      if (m.comparing()) {
        page.h3(e.title());
      }
      List<Sample> samples = e.dataset().samples().stream().filter(s -> !s.attributes().isEmpty()).toList();
      Map<String, Object> d = new LinkedHashMap<>();
      adherence(page, e, samples, i, d);
      coverage(page, e, samples, i);
      data.put(e.dataset().name(), d);
    }
    page.end();
  }

  private static void adherence(Page page, Model.Entry e, List<Sample> samples, int i, Map<String, Object> d) {
    Map<String, Object> attrs = cast(e.analysisJson().get("attributes"));
    Map<String, Object> adherence = attrs.containsKey("adherence") ? cast(attrs.get("adherence")) : Map.of();
    List<String> dims = new ArrayList<>(cast(attrs.get("coverage")).keySet());
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("dimension", "values asked for", "evenness of requests (1 = even)", "adherence"));
    for (String dim : dims) {
      Map<String, Object> c = cast(cast(attrs.get("coverage")).get(dim));
      String adh = "–";
      if (dim.equalsIgnoreCase("length") && adherence.containsKey("length_in_range")) {
        adh = Fmt.percent(((Number) adherence.get("length_in_range")).doubleValue()) + " within L to L+"
            + AttributeMeasure.LENGTH_SPAN + " words";
      } else if (adherence.containsKey(dim + "_mentioned")) {
        adh = Fmt.percent(((Number) adherence.get(dim + "_mentioned")).doubleValue()) + " name the requested value";
      }
      rows.add(List.of(dim, String.valueOf(c.get("values")), Fmt.fixed(((Number) c.get("normalised_entropy")).doubleValue(), 3),
          adh));
    }
    page.table(rows, "numbers");
    page.grid();
    for (String dim : dims) {
      if (dim.equalsIgnoreCase("length")) {
        lengths(page, samples, dim, i, d);
      } else if (dim.toLowerCase(Locale.ROOT).contains("location")) {
        locations(page, samples, dim, i, d);
      }
    }
    page.endGrid();
  }

  /** Per requested length L: texts below L words, within L to L+50, above. */
  private static void lengths(Page page, List<Sample> samples, String dim, int i, Map<String, Object> d) {
    Map<Integer, int[]> byLength = new TreeMap<>();
    Map<Integer, List<Integer>> words = new TreeMap<>();
    for (Sample s : samples) {
      String v = s.attributes().get(dim);
      if (v == null || !v.strip().matches("\\d{1,6}")) {
        continue;
      }
      int l = Integer.parseInt(v.strip());
      int n = AttributeMeasure.words(s.text());
      words.computeIfAbsent(l, k -> new ArrayList<>()).add(n);
      int bin = n < l ? 0 : n <= l + AttributeMeasure.LENGTH_SPAN ? 1 : 2;
      byLength.computeIfAbsent(l, k -> new int[3])[bin]++;
    }
    if (byLength.isEmpty()) {
      return;
    }
    List<String> cats = byLength.keySet().stream().map(l -> l + "–" + (l + AttributeMeasure.LENGTH_SPAN)).toList();
    Map<String, List<? extends Number>> series = new LinkedHashMap<>();
    String[] names = {"shorter", "within range", "longer"};
    for (int b = 0; b < 3; b++) {
      int bin = b;
      series.put(names[b], byLength.values().stream().map(c -> (Number) c[bin]).toList());
    }
    page.cell("Length: texts shorter than, within and longer than the requested range");
    page.chart("length-" + i, Charts.bars(cats, series, true, false, ""), 280);
    page.endCell();
    List<List<Number>> boxes = new ArrayList<>();
    words.values().forEach(list -> boxes.add(fiveNumbers(list)));
    page.cell("Length: words per text by requested range");
    page.chart("length-box-" + i, Charts.boxes(cats, boxes, "words per text",
        byLength.keySet().stream().map(l -> (Number) l).toList(),
        byLength.keySet().stream().map(l -> (Number) (l + AttributeMeasure.LENGTH_SPAN)).toList(), "words"), 280);
    page.endCell();
    Map<String, Object> out = new LinkedHashMap<>();
    byLength.forEach((l, c) -> out.put(String.valueOf(l), Charts.map("shorter", c[0], "within", c[1], "longer", c[2])));
    d.put("length_by_requested", out);
  }

  /** Minimum, quartiles (nearest rank) and maximum. */
  static List<Number> fiveNumbers(List<Integer> values) {
    int[] v = values.stream().mapToInt(Integer::intValue).sorted().toArray();
    return List.of(v[0], rank(v, 0.25), rank(v, 0.5), rank(v, 0.75), v[v.length - 1]);
  }

  private static int rank(int[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Per label: the share of texts that name the requested location. */
  private static void locations(Page page, List<Sample> samples, String dim, int i, Map<String, Object> d) {
    Map<String, List<Sample>> byLabel = new TreeMap<>();
    samples.stream().filter(s -> s.attributes().containsKey(dim))
        .forEach(s -> byLabel.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s));
    if (byLabel.isEmpty()) {
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    byLabel.forEach((l, list) -> out.put(l, Fmt.round(AttributeMeasure.mentioned(list, dim), 6)));
    List<String> labels = new ArrayList<>(byLabel.keySet());
    page.cell(dim + ": texts naming the requested value, per label");
    page.chart("location-" + i + "-" + Math.abs(dim.hashCode()), Charts.bars(labels, Map.of("named",
        labels.stream().map(l -> (Number) Fmt.pct(((Number) out.get(l)).doubleValue())).toList()), false, true, "%"),
        Charts.rowsHeight(labels.size()));
    page.endCell();
    d.put(dim + "_mentioned_by_label", out);
  }

  /** A value × label heatmap of requests per dimension. */
  private static void coverage(Page page, Model.Entry e, List<Sample> samples, int i) {
    Map<String, Map<String, Map<String, Integer>>> counts = new TreeMap<>(); // dim -> value -> label -> n
    for (Sample s : samples) {
      s.attributes().forEach((dim, value) -> counts.computeIfAbsent(dim, k -> new TreeMap<>())
          .computeIfAbsent(value, k -> new TreeMap<>()).merge(s.label(), 1, Integer::sum));
    }
    List<String> labels = e.dataset().labels();
    int k = 0;
    for (Map.Entry<String, Map<String, Map<String, Integer>>> dim : counts.entrySet()) {
      List<String> values = dim.getValue().entrySet().stream()
          .sorted(Comparator.comparingInt((Map.Entry<String, Map<String, Integer>> v) -> -total(v.getValue()))
              .thenComparing(Map.Entry::getKey))
          .limit(MAX_VALUES).map(Map.Entry::getKey).toList();
      if (values.stream().allMatch(v -> v.strip().matches("\\d{1,9}"))) { // lengths read best in order
        values = values.stream().sorted(Comparator.comparingLong(v -> Long.parseLong(v.strip()))).toList();
      }
      long[][] grid = new long[values.size()][labels.size()];
      for (int r = 0; r < values.size(); r++) {
        Map<String, Integer> row = dim.getValue().get(values.get(r));
        for (int c = 0; c < labels.size(); c++) {
          grid[r][c] = row.getOrDefault(labels.get(c), 0);
        }
      }
      int all = dim.getValue().size();
      page.h3("Coverage of " + dim.getKey() + (all > values.size() ? " (the " + values.size() + " most requested of "
          + all + " values)" : " (" + all + " values)"));
      page.chart("coverage-" + i + "-" + k++, Charts.heatmap(labels, values, grid, "label", dim.getKey()),
          Math.max(200, 110 + 22 * values.size()));
    }
  }

  private static int total(Map<String, Integer> m) {
    return m.values().stream().mapToInt(Integer::intValue).sum();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }
}
