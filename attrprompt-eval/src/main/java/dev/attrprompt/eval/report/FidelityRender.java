package dev.attrprompt.eval.report;

import dev.attrprompt.eval.fidelity.FidelityReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link FidelityReport}: a JSON-shaped map, or text tables. */
public final class FidelityRender {
  private FidelityRender() {}

  /**
   * @param lines for JSONL input, each sample's 0-based line in the file (else empty: runs give ids)
   */
  public static Map<String, Object> json(FidelityReport r, String dataName, int folds, int[] lines) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", dataName);
    m.put("judge", r.judge());
    m.put("folds", folds);
    m.put("size", r.size());
    m.put("flagged_count", r.flagged().size());
    m.put("off_label_rate_overall", Numbers.round(r.overallRate()));
    List<Map<String, Object>> flagged = new ArrayList<>();
    for (FidelityReport.Flag f : r.flagged()) {
      Map<String, Object> fm = new LinkedHashMap<>();
      if (f.id().isPresent()) {
        fm.put("id", f.id().get());
      } else {
        fm.put("index", lines.length > f.index() ? lines[f.index()] : f.index());
      }
      fm.put("label", f.label());
      fm.put("suggested", f.suggested());
      fm.put("confidence", Numbers.round(f.confidence()));
      flagged.add(fm);
    }
    m.put("flagged", flagged);
    Map<String, Object> rate = new LinkedHashMap<>();
    r.offLabelRate().forEach((l, v) -> rate.put(l, Numbers.round(v)));
    m.put("off_label_rate", rate);
    List<Map<String, Object>> pairs = new ArrayList<>();
    for (FidelityReport.Pair p : r.pairs()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("label", p.label());
      pm.put("looks_like", p.looksLike());
      pm.put("count", p.count());
      pm.put("similar_class", r.similarKnown() ? p.similar() : null);
      pairs.add(pm);
    }
    m.put("pairs", pairs);
    return m;
  }

  /** @param folds the classifier judge's folds, or 0 for a judge without any */
  public static void text(PrintWriter out, FidelityReport r, String dataName, int folds, int[] lines, int show) {
    out.printf("label fidelity of %s: %s samples, judge %s%s%n", dataName, Numbers.count(r.size()), r.judge(),
        folds > 0 ? " (" + folds + " folds)" : "");
    out.printf("off-label (estimated): %s of all samples, %s flagged%n%n", Numbers.percent(r.overallRate()),
        Numbers.count(r.flagged().size()));
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"label", "samples", "off-label"});
    r.labelCounts().forEach((l, n) -> table.add(new String[] {l, Numbers.count(n),
        Numbers.percent(r.offLabelRate().get(l))}));
    AnalysisReport.table(out, table);
    if (!r.pairs().isEmpty()) {
      out.println();
      out.println("most confused pairs (label -> the label its texts look like)");
      List<String[]> pairs = new ArrayList<>();
      pairs.add(new String[] {"label", "looks like", "samples", r.similarKnown() ? "similar class in the task" : ""});
      for (FidelityReport.Pair p : r.pairs().subList(0, Math.min(10, r.pairs().size()))) {
        pairs.add(new String[] {p.label(), p.looksLike(), Numbers.count(p.count()),
            r.similarKnown() ? (p.similar() ? "yes" : "no") : ""});
      }
      AnalysisReport.table(out, pairs);
    }
    if (!r.flagged().isEmpty()) {
      out.println();
      int n = Math.min(show, r.flagged().size());
      out.printf("flagged samples, most confident first (%d of %d; --json lists all)%n", n, r.flagged().size());
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {r.flagged().get(0).id().isPresent() ? "id" : "line", "label", "looks like", "p", "text"});
      for (FidelityReport.Flag f : r.flagged().subList(0, n)) {
        String where = f.id().orElseGet(() -> Integer.toString(1 + (lines.length > f.index() ? lines[f.index()] : f.index())));
        rows.add(new String[] {where, f.label(), f.suggested(), Numbers.fixed(f.confidence(), 2), snippet(f.text(), 70)});
      }
      AnalysisReport.table(out, rows);
      if (r.flagged().get(0).id().isEmpty()) {
        out.println("(lines counted from 1 here; --json gives 0-based \"index\")");
      }
    }
    out.flush();
  }

  /** One line of at most {@code max} characters, control characters shown as spaces (the text is untrusted). */
  static String snippet(String text, int max) {
    StringBuilder b = new StringBuilder();
    text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
        ? ' ' : c));
    String one = b.toString().replaceAll("\\s+", " ").strip();
    return one.length() <= max ? one : one.substring(0, max - 3) + "...";
  }
}
