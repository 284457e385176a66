package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Embedders;
import dev.attrprompt.eval.html.HtmlReport;
import dev.attrprompt.eval.report.Analyzer;
import dev.attrprompt.eval.report.Curve;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Writes one self-contained HTML page (it opens from disk and loads nothing)",
        "that shows a dataset, or compares several (the first is the baseline):",
        "provenance, filling the quota, cost, attribute coverage and adherence, regional",
        "bias, diversity, downstream scores of both probes with --test (as 'compare'),",
        "data-efficiency curves with --curve, and a filterable table of samples; each",
        "section only when its data exists. Its JSON is written beside it."})
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATA", arity = "1..*",
      description = "Run folders or JSONL of {\"text\", \"label\"}; several make a comparison, the first the baseline.")
  List<Path> data;

  @Option(names = "--out", paramLabel = "FILE.html", required = true,
      description = "The page to write; its JSON goes beside it (FILE.json).")
  Path out;

  @Option(names = "--test", paramLabel = "REAL.jsonl", description = "Real labeled data: train on each dataset, test on this.")
  Path test;

  @Option(names = "--reference", paramLabel = "REAL.jsonl", description = "Real data to measure alongside.")
  Path reference;

  @Option(names = "--title", paramLabel = "T", description = "The page's title (default: names the datasets).")
  String title;

  @Option(names = "--max-samples-per-label", paramLabel = "K", defaultValue = "50",
      description = "Rows per label in the samples table; from a run, K accepted and K rejected or failed "
          + "(default: ${DEFAULT-VALUE}).")
  int maxSamplesPerLabel;

  @Option(names = "--classifier", paramLabel = "C[,C...]", defaultValue = "tfidf-lr,embed-lr",
      description = "With --test, probes side by side as for 'compare': tfidf-lr, tfidf-svm, embed-lr "
          + "(default: ${DEFAULT-VALUE}); the first is also shown per label.")
  String classifier;

  @CommandLine.Mixin CurveOptions curve;

  @Option(names = "--embeddings", paramLabel = "E", defaultValue = "tfidf",
      description = "Vectors for APS (and for embed-lr), as for 'analyze' (default: ${DEFAULT-VALUE}).")
  String embeddings;

  @Option(names = "--near-duplicate", paramLabel = "J", defaultValue = Defaults.ANALYSIS_NEAR_DUPLICATE,
      description = "Jaccard threshold for near duplicates (default: ${DEFAULT-VALUE}).")
  double nearDuplicate;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "Seed of the Self-BLEU sample and the trainer (default: ${DEFAULT-VALUE}).")
  long seed;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (maxSamplesPerLabel < 0) {
      throw new UserError("--max-samples-per-label must be 0 or more, not " + maxSamplesPerLabel);
    }
    List<ClassifierKind> kinds = Probes.kinds(classifier);
    Optional<Curve.Spec> curveSpec = curve.spec();
    if (curveSpec.isPresent() && test == null) {
      throw new UserError("--curve needs --test: the curve is macro-F1 on the real data of --test");
    }
    write(spec.commandLine().getOut(), new HtmlReport.Inputs(data, Optional.ofNullable(test), Optional.ofNullable(reference)),
        Optional.ofNullable(title), maxSamplesPerLabel, kinds, curveSpec, embeddings, nearDuplicate, seed, out);
    return 0;
  }

  /**
   * Builds and writes the page (and its JSON) and says where. The probes run only with test data;
   * embed-lr uses the chosen vectors when they are sentence embeddings, else the bundled MiniLM, as
   * 'compare' does.
   */
  static void write(PrintWriter o, HtmlReport.Inputs inputs, Optional<String> title, int maxSamplesPerLabel,
      List<ClassifierKind> kinds, Optional<Curve.Spec> curve, String embeddings, double nearDuplicate, long seed,
      Path out) {
    Analyzer.Options checked = AnalyzeCommand.options(nearDuplicate, Analyzer.Options.DEFAULT_SELF_BLEU_SAMPLE, seed);
    HtmlReport.Result result;
    // without test data no probe runs, so the MiniLM model is not loaded for nothing
    List<ClassifierKind> probeKinds = inputs.test().isPresent() ? kinds : List.of(ClassifierKind.TFIDF_LR);
    try (Embedder embedder = Embedders.parse(embeddings);
        Probes probes = Probes.of(probeKinds, embedder, seed)) {
      Analyzer.Options analysis = new Analyzer.Options(embedder, checked.nearDuplicate(), checked.selfBleuSample(),
          checked.seed(), checked.extensions());
      result = HtmlReport.build(inputs, new HtmlReport.Options(title, maxSamplesPerLabel, analysis, probes.options(),
          curve, Main.version()));
    }
    HtmlReport.write(result, out);
    o.println("wrote " + out + " (open it in a browser; it loads nothing from the network)");
    o.println("and " + HtmlReport.jsonPath(out) + " (every figure on the page)");
    if (Boolean.TRUE.equals(result.json().get("simulated"))) {
      o.println("its texts are simulated: they came from attrprompt's simulator, not from a language model");
    }
    o.flush();
  }
}
