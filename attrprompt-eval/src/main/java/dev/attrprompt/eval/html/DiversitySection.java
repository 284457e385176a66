package dev.attrprompt.eval.html;

import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.report.TextMeasures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Function;

/** Vocabulary, distinct-n, Self-BLEU, duplicates and APS, overall and per label; the reference beside. */
final class DiversitySection implements Section {
  @Override
  public void render(Model m, Page page, Map<String, Object> data) {
    List<Model.Entry> all = new ArrayList<>(m.datasets());
    m.reference().ifPresent(all::add);
    page.section("diversity", "Diversity");
    page.p("More diverse data has a larger vocabulary, higher distinct-n, and lower Self-BLEU and APS (average "
        + "pairwise cosine similarity of the texts' " + m.embeddings() + " vectors). Within-label APS measures how "
        + "alike a label's texts are; across-label APS how alike the labels are.");
    List<List<String>> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of(""));
    all.forEach(e -> head.add(RegionsSection.name(m, e)));
    rows.add(head);
    rows.add(row("texts", all, t -> Fmt.count(t.size())));
    rows.add(row("words per text: mean (p10 / p50 / p90)", all, t -> Fmt.fixed(t.length().mean(), 1) + " ("
        + Fmt.fixed(t.length().p10(), 0) + " / " + Fmt.fixed(t.length().p50(), 0) + " / "
        + Fmt.fixed(t.length().p90(), 0) + ")"));
    rows.add(row("vocabulary", all, t -> Fmt.count(t.vocabulary())));
    rows.add(row("distinct-1 / 2 / 3", all, t -> Fmt.fixed(t.distinct1(), 3) + " / " + Fmt.fixed(t.distinct2(), 3)
        + " / " + Fmt.fixed(t.distinct3(), 3)));
    rows.add(row("Self-BLEU-4 (lower: more diverse)", all, t -> Fmt.fixed(t.selfBleu(), 3)));
    rows.add(row("duplicates: exact / near", all, t -> Fmt.percent(t.duplicates().exact()) + " / "
        + Fmt.percent(t.duplicates().nearOrExact())));
    rows.add(row("APS within labels (lower: more diverse)", all, t -> Fmt.fixed(t.apsIntra(), 4)));
    rows.add(row("APS across labels", all, t -> Fmt.fixed(t.apsInter(), 4)));
    page.table(rows, "numbers");

    TreeSet<String> labels = new TreeSet<>();
    all.forEach(e -> e.analysis().labels().keySet().forEach(l -> labels.add(Datasets.normaliseLabel(l))));
    List<String> names = new ArrayList<>(labels);
    page.grid();
    perLabel(page, m, all, names, "aps-within", "APS within each label (lower: more diverse)", TextMeasures::apsIntra, 4);
    perLabel(page, m, all, names, "aps-across", "APS between each label and the others (lower: labels apart)",
        TextMeasures::apsInter, 4);
    perLabel(page, m, all, names, "self-bleu", "Self-BLEU-4 per label (lower: more diverse)", TextMeasures::selfBleu, 3);
    perLabel(page, m, all, names, "distinct-2", "distinct-2 per label (higher: more diverse)",
        t -> OptionalDouble.of(t.distinct2()), 3);
    perLabel(page, m, all, names, "vocabulary", "vocabulary per label", t -> OptionalDouble.of(t.vocabulary()), 0);
    page.endGrid();
    page.note("Self-BLEU on a seeded sample of at most 500 texts per dataset and label; APS of all datasets on this "
        + "page in one vector space, so they compare.");
    page.end();
  }

  private static void perLabel(Page page, Model m, List<Model.Entry> all, List<String> labels, String id, String title,
      Function<TextMeasures, OptionalDouble> measure, int decimals) {
    Map<String, List<? extends Number>> series = new LinkedHashMap<>();
    for (Model.Entry e : all) {
      Map<String, TextMeasures> byLabel = new LinkedHashMap<>();
      e.analysis().labels().forEach((l, t) -> byLabel.put(Datasets.normaliseLabel(l), t));
      series.put(RegionsSection.name(m, e), labels.stream().map(l -> {
        TextMeasures t = byLabel.get(l);
        OptionalDouble v = t == null ? OptionalDouble.empty() : measure.apply(t);
        return (Number) (v.isPresent() ? Fmt.round(v.getAsDouble(), decimals) : null);
      }).toList());
    }
    page.cell(title);
    page.chart(id, Charts.bars(labels, series, false, true, ""), Charts.rowsHeight(labels.size() * Math.max(1, all.size() / 2))
        + (all.size() > 1 ? 30 : 0));
    page.endCell();
  }

  private static List<String> row(String name, List<Model.Entry> all, Function<TextMeasures, String> cell) {
    return OverviewSection.row(name, all, e -> cell.apply(e.analysis().all()));
  }
}
