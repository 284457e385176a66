package dev.attrprompt.eval.html;

import dev.attrprompt.eval.metrics.Continent;
import dev.attrprompt.eval.metrics.Regions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The continents of the places the texts name, per dataset and for the reference: the paper's regional-bias figure. */
final class RegionsSection implements Section {
  @Override
  public void render(Model m, Page page, Map<String, Object> data) {
    List<Model.Entry> all = new ArrayList<>(m.datasets());
    m.reference().ifPresent(all::add);
    if (all.stream().allMatch(e -> e.analysis().regions().mentions() == 0)) {
      return;
    }
    page.section("regions", "Regional bias");
    page.p("Share of the place names in the texts by continent. Data that names one continent far more than the "
        + "others teaches a classifier that bias; normalised entropy is 1 when every continent is named equally often.");
    List<String> continents = Arrays.stream(Continent.values()).map(Continent::displayName).toList();
    Map<String, List<? extends Number>> series = new LinkedHashMap<>();
    for (Model.Entry e : all) {
      Regions r = e.analysis().regions();
      if (r.mentions() == 0) {
        continue;
      }
      series.put(name(m, e) + " (entropy " + Fmt.fixed(r.normalisedEntropy(), 2) + ")",
          Arrays.stream(Continent.values()).map(c -> (Number) Fmt.pct(r.shares().get(c))).toList());
    }
    page.chart("regions", Charts.bars(continents, series, false, false, "%"), 320);
    List<List<String>> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of(""));
    all.forEach(e -> head.add(name(m, e)));
    rows.add(head);
    rows.add(OverviewSection.row("texts naming a place", all, e -> {
      Regions r = e.analysis().regions();
      return r.texts() == 0 ? "–" : Fmt.percent((double) r.textsWithPlace() / r.texts());
    }));
    rows.add(OverviewSection.row("place mentions", all, e -> Fmt.count(e.analysis().regions().mentions())));
    rows.add(OverviewSection.row("continent entropy (1 = even)", all, e -> e.analysis().regions().mentions() == 0 ? "–"
        : Fmt.fixed(e.analysis().regions().normalisedEntropy(), 3)));
    rows.add(OverviewSection.row("KL to uniform (nats)", all, e -> e.analysis().regions().mentions() == 0 ? "–"
        : Fmt.fixed(e.analysis().regions().klToUniform(), 3)));
    rows.add(OverviewSection.row("places most named", all, e -> {
      List<String> top = new ArrayList<>();
      e.analysis().regions().top(8).forEach((p, n) -> top.add(p + " " + n));
      return top.isEmpty() ? "–" : String.join(", ", top);
    }));
    page.table(rows, "numbers");
    page.note("Places are matched against a gazetteer of countries and major cities; a place counts once per text.");
    page.end();
  }

  static String name(Model m, Model.Entry e) {
    return m.reference().isPresent() && m.reference().get() == e ? e.title() + " (reference)" : e.title();
  }
}
