package dev.attrprompt.eval.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.attrprompt.UserError;
import dev.attrprompt.eval.classify.Evaluation;
import dev.attrprompt.eval.classify.Evaluator;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.report.AnalysisReport;
import dev.attrprompt.eval.report.Analyzer;
import dev.attrprompt.eval.report.Comparison;
import dev.attrprompt.eval.report.ComparisonReport;
import dev.attrprompt.eval.report.Curve;
import dev.attrprompt.eval.report.DatasetAnalysis;
import dev.attrprompt.eval.report.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One self-contained HTML page that shows a dataset, or compares several (the first is the
 * baseline): provenance, quota filling, cost, attributes, regional bias, diversity, downstream
 * scores and samples, each section only when its data exists. The numbers come from the same
 * classes as {@code analyze}, {@code evaluate}, {@code compare} and {@code status}; the JSON the
 * page embeds is returned (and written beside the page) so that any figure can be checked.
 *
 * <pre>{@code
 * HtmlReport.Result r = HtmlReport.build(new HtmlReport.Inputs(List.of(runA, runB), Optional.of(test),
 *     Optional.empty()), options);
 * HtmlReport.write(r, Path.of("report.html"));   // and report.json
 * }</pre>
 */
public final class HtmlReport {
  private HtmlReport() {}

  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** The sections in page order; each writes itself only when its data exists. */
  private static final List<Map.Entry<String, Section>> SECTIONS = List.of(
      Map.entry("overview", new OverviewSection()),
      Map.entry("quota", new QuotaSection()),
      Map.entry("cost", new CostSection()),
      Map.entry("attributes", new AttributesSection()),
      Map.entry("regions", new RegionsSection()),
      Map.entry("diversity", new DiversitySection()),
      Map.entry("downstream", new DownstreamSection()),
      Map.entry("samples", new SamplesSection()));

  /**
   * What to report on.
   *
   * @param data      run folders or JSONL datasets; the first is the baseline of a comparison
   * @param test      real labeled data to train-and-test on
   * @param reference real data to measure alongside
   */
  public record Inputs(List<Path> data, Optional<Path> test, Optional<Path> reference) {
    public Inputs {
      data = List.copyOf(data);
      if (data.isEmpty()) {
        throw new IllegalArgumentException("no data to report on");
      }
    }
  }

  /**
   * How to measure and show it.
   *
   * @param title              the page's title (default: names the datasets)
   * @param maxSamplesPerLabel rows per label in the samples table (per verdict for runs)
   * @param analysis           as for {@code analyze}
   * @param probes             the classifiers trained on each dataset and tested on {@link Inputs#test}, side
   *                           by side as {@code compare} runs them; the first is shown in detail (per-label
   *                           F1, confusion)
   * @param curve              the data-efficiency curve to measure with {@link Inputs#test}, as
   *                           {@code compare --curve} does
   * @param toolVersion        attrprompt's version, for the page's provenance
   */
  public record Options(Optional<String> title, int maxSamplesPerLabel, Analyzer.Options analysis,
      List<Evaluator.Options> probes, Optional<Curve.Spec> curve, String toolVersion) {
    public Options {
      probes = List.copyOf(probes);
      if (probes.isEmpty()) {
        throw new IllegalArgumentException("no probe to evaluate with");
      }
    }
  }

  /** The page and the JSON it embeds. */
  public record Result(String html, Map<String, Object> json) {}

  public static Result build(Inputs inputs, Options options) {
    if (options.maxSamplesPerLabel() < 0) {
      throw new UserError("--max-samples-per-label must be 0 or more, not " + options.maxSamplesPerLabel());
    }
    // read every input at once: each is read by one thread at a time inside
    List<CompletableFuture<Dataset>> loads = new ArrayList<>();
    List<CompletableFuture<Optional<RunFacts>>> facts = new ArrayList<>();
    for (Path p : inputs.data()) {
      loads.add(CompletableFuture.supplyAsync(() -> Datasets.load(p)));
      facts.add(CompletableFuture.supplyAsync(() -> RunFacts.read(p)));
    }
    Optional<CompletableFuture<Dataset>> test = inputs.test().map(p -> CompletableFuture.supplyAsync(() -> Datasets.load(p)));
    Optional<CompletableFuture<Dataset>> reference =
        inputs.reference().map(p -> CompletableFuture.supplyAsync(() -> Datasets.load(p)));
    List<Dataset> datasets = loads.stream().map(HtmlReport::join).toList();
    List<Dataset> measured = new ArrayList<>(datasets);
    reference.ifPresent(r -> measured.add(join(r)));

    List<DatasetAnalysis> analyses = Analyzer.analyze(measured, options.analysis());
    Optional<Dataset> testData = test.map(HtmlReport::join);
    // the same rows as 'compare': every probe on every dataset, and the curve when asked for
    Optional<List<Comparison.Row>> rows = testData.map(t -> Comparison.of(datasets,
        analyses.subList(0, datasets.size()), t, options.probes(), options.curve()));
    List<String> titles = titles(datasets);
    List<Model.Entry> entries = new ArrayList<>();
    for (int i = 0; i < datasets.size(); i++) {
      int k = i;
      Optional<Evaluation> evaluation = rows.map(r -> r.get(k).probes().get(0).evaluation());
      entries.add(new Model.Entry(titles.get(i), datasets.get(i), analyses.get(i), AnalysisReport.json(analyses.get(i)),
          join(facts.get(i)), evaluation, evaluation.map(EvaluationReport::json)));
    }
    Optional<Model.Entry> ref = reference.map(r -> {
      DatasetAnalysis a = analyses.get(analyses.size() - 1);
      return new Model.Entry(a.name(), join(r), a, AnalysisReport.json(a), Optional.empty(), Optional.empty(),
          Optional.empty());
    });
    String embeddings = analyses.get(0).embeddings();
    String title = options.title().orElse("attrprompt report: " + String.join(" vs ", titles));
    Optional<String> probeEmbeddings = options.probes().stream().flatMap(p -> p.embedder().stream())
        .map(Embedder::id).findFirst();
    Model model = new Model(title, entries, ref, testData.map(Dataset::name), rows, embeddings, probeEmbeddings,
        options.maxSamplesPerLabel(), options.toolVersion());
    return render(model);
  }

  static Result render(Model m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("title", m.title());
    json.put("tool", "attrprompt " + m.toolVersion());
    json.put("simulated", m.simulated());
    json.put("embeddings", m.embeddings());
    List<Object> datasets = new ArrayList<>();
    for (Model.Entry e : m.datasets()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("title", e.title());
      d.put("name", e.dataset().name());
      d.put("source", e.run().isPresent() ? "run" : "file");
      e.run().ifPresent(r -> {
        Map<String, Object> provenance = new LinkedHashMap<>(r.manifest());
        provenance.remove("files"); // the task files' text: in the run, not needed to read the page
        provenance.remove("templates");
        provenance.put("run_id", r.runId());
        d.put("manifest", provenance);
        d.put("status", r.status());
      });
      d.put("analysis", e.analysisJson());
      e.evaluationJson().ifPresent(j -> d.put("evaluation", j));
      datasets.add(d);
    }
    json.put("datasets", datasets);
    m.reference().ifPresent(r -> json.put("reference", r.analysisJson()));
    m.testName().ifPresent(t -> json.put("test", t));
    m.comparison().ifPresent(rows -> json.put("comparison", ComparisonReport.json(rows,
        new ComparisonReport.Setting(m.testName().orElseThrow(), m.embeddings(), m.probeEmbeddings()))));
    Page page = new Page();
    Map<String, Object> sections = new LinkedHashMap<>();
    for (Map.Entry<String, Section> s : SECTIONS) {
      Map<String, Object> data = new LinkedHashMap<>();
      s.getValue().render(m, page, data);
      if (!data.isEmpty()) {
        sections.put(s.getKey(), data);
      }
    }
    json.put("sections", sections);
    json.put("charts", page.charts());
    return new Result(PageTemplate.html(m, page, write(json)), json);
  }

  /** Writes the page to {@code out} and its JSON beside it; each appears whole or not at all. */
  public static void write(Result result, Path out) {
    Path json = jsonPath(out);
    if (Files.isDirectory(out)) {
      throw UserError.in(out, "is a folder; give the HTML file to write, e.g. --out report.html");
    }
    Path dir = out.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // the temporary files sit beside the targets (same file system: the moves are atomic) and are
      // made with the usual permissions, unlike createTempFile's owner-only ones
      String stem = "." + out.getFileName() + "." + Long.toHexString(System.nanoTime());
      Path tmpJson = Files.createFile(dir.resolve(stem + ".json.tmp"));
      Path tmpHtml = Files.createFile(dir.resolve(stem + ".html.tmp"));
      try {
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmpJson.toFile(), result.json());
        Files.writeString(tmpHtml, result.html());
        move(tmpJson, json);
        move(tmpHtml, out);
      } finally {
        Files.deleteIfExists(tmpJson);
        Files.deleteIfExists(tmpHtml);
      }
    } catch (IOException e) {
      throw UserError.in(out, "cannot write the report: " + e.getMessage());
    }
  }

  /** {@code report.html} → {@code report.json}; any other name gets {@code .json} appended. */
  public static Path jsonPath(Path html) {
    String name = html.getFileName().toString();
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    String base = lower.endsWith(".html") ? name.substring(0, name.length() - 5)
        : lower.endsWith(".htm") ? name.substring(0, name.length() - 4) : name;
    return html.resolveSibling(base + ".json");
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Methods where known and unique, else names; names made unique by their position. */
  static List<String> titles(List<Dataset> datasets) {
    List<String> methods = datasets.stream().map(d -> d.method().orElse(d.name())).toList();
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean unique = new HashSet<>(methods).size() == methods.size();
    for (int i = 0; i < datasets.size(); i++) {
      String t = unique ? methods.get(i) : datasets.get(i).name();
      if (!seen.add(t)) {
        t = t + " (" + (i + 1) + ")";
        seen.add(t);
      }
      out.add(t);
    }
    return out;
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
