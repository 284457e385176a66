package dev.attrprompt.eval.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.eval.data.Sample;
import dev.attrprompt.run.RequestRecord;
import dev.attrprompt.run.RunStore.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A table of samples (text, labels, attribute values, verdict and reason) that the page filters by
 * dataset, label, verdict, attribute value and text. Capped per label: from a run, the first K
 * accepted and the first K rejected or failed requests of each label (by id); from a data file,
 * its first K samples of each label.
 */
final class SamplesSection implements Section {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One row of the table. */
  record Row(int dataset, String id, List<String> labels, String verdict, String reason, Map<String, String> attributes,
      String text) {}

  @Override
  public void render(Model m, Page page, Map<String, Object> data) {
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> shown = new TreeMap<>();
    for (int i = 0; i < m.datasets().size(); i++) {
      Model.Entry e = m.datasets().get(i);
      List<Row> picked = e.run().isPresent() ? fromRun(i, e.run().get().requests(), m.maxSamplesPerLabel())
          : fromData(i, e.dataset().samples(), m.maxSamplesPerLabel());
      rows.addAll(picked);
      shown.put(e.dataset().name(), picked.size());
    }
    if (rows.isEmpty()) {
      return;
    }
    data.put("rows_shown", shown);
    data.put("max_per_label", m.maxSamplesPerLabel());
    page.section("samples", "Samples");
    page.p("Up to " + m.maxSamplesPerLabel() + " samples per label" + (m.runs().isEmpty() ? ""
        : " (from a run: that many accepted, and that many rejected or failed, per label)")
        + ". Filter them below; every text is shown as text, never as markup.");
    TreeSet<String> labels = new TreeSet<>();
    TreeSet<String> verdicts = new TreeSet<>();
    TreeSet<String> values = new TreeSet<>();
    for (Row r : rows) {
      labels.addAll(r.labels());
      verdicts.add(r.verdict());
      r.attributes().forEach((k, v) -> values.add(k + ": " + v));
    }
    StringBuilder h = new StringBuilder();
    h.append("<div class=\"filters\" role=\"search\">\n");
    if (m.comparing()) {
      List<String> names = m.datasets().stream().map(Model.Entry::title).toList();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        ids.add(String.valueOf(i));
      }
      select(h, "f-dataset", "dataset", ids, names);
    }
    select(h, "f-label", "label", new ArrayList<>(labels), new ArrayList<>(labels));
    select(h, "f-verdict", "verdict", new ArrayList<>(verdicts), new ArrayList<>(verdicts));
    if (!values.isEmpty()) {
      select(h, "f-attr", "attribute value", new ArrayList<>(values), new ArrayList<>(values));
    }
    h.append("<label>text <input type=\"search\" id=\"f-text\" placeholder=\"words in the text\"></label>\n");
    h.append("<span id=\"f-count\" aria-live=\"polite\"></span>\n</div>\n");
    h.append("<div class=\"table-wrap samples-wrap\"><table id=\"sample-table\" class=\"samples\">\n<thead><tr>");
    if (m.comparing()) {
      h.append("<th>dataset</th>");
    }
    h.append("<th>label</th><th>verdict</th><th>attributes</th><th>text</th></tr></thead>\n<tbody>\n");
    for (Row r : rows) {
      h.append("<tr data-dataset=\"").append(r.dataset()).append("\" data-labels=\"")
          .append(Escape.attribute(json(r.labels()))).append("\" data-verdict=\"").append(Escape.attribute(r.verdict()))
          .append("\" data-attrs=\"").append(Escape.attribute(json(r.attributes().entrySet().stream()
              .map(a -> a.getKey() + ": " + a.getValue()).sorted().toList()))).append("\">");
      if (m.comparing()) {
        h.append("<td>").append(Escape.html(m.datasets().get(r.dataset()).title())).append("</td>");
      }
      h.append("<td>").append(Escape.html(String.join(", ", r.labels()))).append("</td>");
      h.append("<td class=\"verdict v-").append(r.verdict().equals("accepted") ? "ok" : r.verdict().equals("given")
          ? "given" : "no").append("\">").append(Escape.html(r.verdict()));
      if (!r.reason().isEmpty()) {
        h.append("<br><span class=\"reason\">").append(Escape.html(r.reason())).append("</span>");
      }
      h.append("</td><td class=\"attrs\">");
      new TreeMap<>(r.attributes()).forEach((k, v) -> h.append("<span class=\"attr\"><span class=\"k\">")
          .append(Escape.html(k)).append("</span> ").append(Escape.html(v)).append("</span>"));
      h.append("</td><td class=\"text\">").append(Escape.html(r.text())).append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n");
    page.raw(h.toString());
    page.end();
  }

  private static void select(StringBuilder h, String id, String name, List<String> values, List<String> shown) {
    h.append("<label>").append(Escape.html(name)).append(" <select id=\"").append(id).append("\"><option value=\"\">all</option>");
    for (int i = 0; i < values.size(); i++) {
      h.append("<option value=\"").append(Escape.attribute(values.get(i))).append("\">")
          .append(Escape.html(shown.get(i))).append("</option>");
    }
    h.append("</select></label>\n");
  }

  static List<Row> fromRun(int dataset, List<RequestRecord> requests, int k) {
    Map<String, int[]> taken = new HashMap<>(); // label -> [accepted, other]
    List<Row> out = new ArrayList<>();
    for (RequestRecord r : requests) {
      boolean accepted = r.status() == Status.ACCEPTED;
      boolean other = r.status() == Status.REJECTED || r.status() == Status.FAILED;
      if (!accepted && !other) {
        continue;
      }
      int[] t = taken.computeIfAbsent(r.label(), l -> new int[2]);
      int slot = accepted ? 0 : 1;
      if (t[slot] >= k) {
        continue;
      }
      t[slot]++;
      String reason = r.status() == Status.REJECTED ? r.reason().orElse("")
          : r.status() == Status.FAILED ? r.error().orElse("") : "";
      out.add(new Row(dataset, r.id(), r.labels().isEmpty() ? List.of(r.label()) : r.labels(),
          r.status().name().toLowerCase(Locale.ROOT), reason, r.attributes(), r.text().orElse("")));
    }
    return out;
  }

  static List<Row> fromData(int dataset, List<Sample> samples, int k) {
    Map<String, Integer> taken = new HashMap<>();
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      if (taken.merge(s.label(), 1, Integer::sum) > k) {
        continue;
      }
      out.add(new Row(dataset, String.valueOf(i + 1), s.labels(), "given", "", s.attributes(), s.text()));
    }
    return out;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
