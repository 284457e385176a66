package dev.attrprompt.eval.html;

import dev.attrprompt.run.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Provenance: what each dataset is, how and by what it was made, what it cost. */
final class OverviewSection implements Section {
  @Override
  public void render(Model m, Page page, Map<String, Object> data) {
    page.section("overview", "Overview");
    if (m.simulated()) {
      page.raw("<p class=\"simulated\"><strong>Simulated text.</strong> The responses of "
          + (m.runs().size() > 1 ? "these runs" : "this run")
          + " came from attrprompt's offline simulator, not from a language model: the figures show the measures at "
          + "work on the pipeline, not how a real model's data would score. Do not train on these texts.</p>\n");
    }
    List<Model.Entry> ds = m.datasets();
    List<List<String>> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of(""));
    ds.forEach(e -> head.add(e.title()));
    rows.add(head);
    rows.add(row("source", ds, e -> e.run().isPresent() ? "run folder" : "data file"));
    rows.add(row("name", ds, e -> e.dataset().origin()));
    rows.add(row("task", ds, e -> run(e, x -> x.task())));
    rows.add(row("labels", ds, e -> e.dataset().labels().size() + ": " + String.join(", ", e.dataset().labels())));
    rows.add(row("multi-label", ds, e -> e.dataset().multiLabel() ? "yes" : "no"));
    rows.add(row("method", ds, e -> e.dataset().method().orElse("–")));
    rows.add(row("model", ds, e -> run(e, x -> x.generation().model())));
    rows.add(row("endpoint", ds, e -> run(e, x -> x.endpoint())));
    rows.add(row("temperature / top_p", ds, e -> run(e, x -> x.generation().temperature() + " / " + x.generation().topP())));
    rows.add(row("seed", ds, e -> run(e, x -> String.valueOf(x.plan().seed()))));
    rows.add(row("sampling mode", ds, e -> run(e, x -> x.plan().mode().id())));
    rows.add(row("samples per label asked", ds, e -> run(e, x -> String.valueOf(x.plan().perClass()))));
    rows.add(row("samples", ds, e -> Fmt.count(e.dataset().size())));
    rows.add(row("requests: accepted / rejected / failed / pending", ds, e -> e.run().map(r -> Fmt.count(n(r, "accepted"))
        + " / " + Fmt.count(n(r, "rejected")) + " / " + Fmt.count(n(r, "failed")) + " / " + Fmt.count(n(r, "pending")))
        .orElse("–")));
    rows.add(row("tokens in / out", ds, e -> e.run().map(r -> Fmt.count(n(r, "input_tokens")) + " / "
        + Fmt.count(n(r, "output_tokens"))).orElse("–")));
    rows.add(row("cost", ds, e -> e.run().map(r -> Fmt.usd(((Number) r.totals().get("usd")).doubleValue())
        + (r.simulated() ? " (simulated responses)" : "")).orElse("–")));
    rows.add(row("made by", ds, e -> run(e, x -> x.tool())));
    rows.add(row("run id", ds, e -> e.run().map(RunFacts::runId).orElse("–")));
    rows.add(row("task files sha256", ds, e -> run(e, x -> x.taskSha256())));
    page.table(rows, "overview");
    List<String> notes = new ArrayList<>();
    m.reference().ifPresent(r -> notes.add("Reference (real data measured alongside): " + r.dataset().origin() + ", "
        + Fmt.count(r.dataset().size()) + " texts."));
    m.testName().ifPresent(t -> notes.add("Test data for the downstream classifier: " + t + "."));
    if (m.comparing()) {
      notes.add("The first column (" + ds.get(0).title() + ") is the baseline; differences are to it.");
    }
    notes.add("Report made by attrprompt " + m.toolVersion() + "; every figure is in the JSON embedded in this page "
        + "and written beside it.");
    notes.forEach(page::note);
    page.end();
  }

  private static String run(Model.Entry e, Function<Manifest, String> field) {
    return e.run().map(r -> field.apply(r.typed())).orElse("–");
  }

  private static long n(RunFacts r, String key) {
    return ((Number) r.totals().get(key)).longValue();
  }

  static List<String> row(String name, List<Model.Entry> ds, Function<Model.Entry, String> cell) {
    List<String> r = new ArrayList<>();
    r.add(name);
    ds.forEach(e -> r.add(cell.apply(e)));
    return r;
  }
}
