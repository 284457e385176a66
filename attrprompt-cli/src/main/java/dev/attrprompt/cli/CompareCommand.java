package dev.attrprompt.cli;

import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Embedders;
import dev.attrprompt.eval.report.Analyzer;
import dev.attrprompt.eval.report.Comparison;
import dev.attrprompt.eval.report.ComparisonReport;
import dev.attrprompt.eval.report.Curve;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compares datasets for one task, as the paper's tables do: per dataset its method (or",
        "file name), size, cost, vocabulary, APS within and across labels, regional spread, and the",
        "accuracy and macro-F1 of two probes trained on it and tested on real data (TF-IDF logistic",
        "regression, and logistic regression over MiniLM sentence embeddings: the paper's protocol);",
        "each row also as a difference from the first. --curve adds data-efficiency curves."})
final class CompareCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATA", arity = "1..*",
      description = "Datasets to compare (run folders or JSONL of {\"text\", \"label\"}); the first is the baseline.")
  List<Path> data;

  @Option(names = "--test", paramLabel = "REAL.jsonl", required = true, description = "Real labeled data to test on.")
  Path test;

  @Option(names = "--classifier", paramLabel = "C[,C...]", defaultValue = "tfidf-lr,embed-lr",
      description = "Probes, side by side: tfidf-lr, tfidf-svm, embed-lr (default: ${DEFAULT-VALUE}).")
  String classifier;

  @CommandLine.Mixin EndpointOptions endpoint;

  @Option(names = "--embeddings", paramLabel = "E", defaultValue = "tfidf",
      description = "Vectors for APS: tfidf, minilm, bge-small, onnx:DIR or api (default: ${DEFAULT-VALUE}). embed-lr uses "
          + "them when they are sentence embeddings, else the bundled minilm.")
  String embeddings;

  @CommandLine.Mixin CurveOptions curve;

  @Option(names = "--near-duplicate", paramLabel = "J", defaultValue = Defaults.ANALYSIS_NEAR_DUPLICATE,
      description = "Jaccard threshold for near duplicates (default: ${DEFAULT-VALUE}).")
  double nearDuplicate;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of trainer and samples (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "One JSON object with a row per dataset.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<ClassifierKind> kinds = Probes.kinds(classifier);
    Optional<Curve.Spec> curveSpec = curve.spec();
    Analyzer.Options checked = AnalyzeCommand.options(nearDuplicate, Analyzer.Options.DEFAULT_SELF_BLEU_SAMPLE, seed);
    List<Dataset> datasets = new ArrayList<>();
    for (Path p : data) {
      datasets.add(Datasets.load(p));
    }
    Dataset real = Datasets.load(test);
    List<Comparison.Row> rows;
    String embedderId;
    Optional<String> probeId;
    try (Embedder embedder = Embedders.parse(embeddings, () -> endpoint.connection(System.getenv()));
        Probes probes = Probes.of(kinds, embedder, seed)) {
      embedderId = embedder.id();
      probeId = probes.encoderId();
      rows = Comparison.of(datasets, real,
          new Analyzer.Options(embedder, checked.nearDuplicate(), checked.selfBleuSample(), seed, List.of()),
          probes.options(), curveSpec);
    }
    ComparisonReport.Setting setting = new ComparisonReport.Setting(real.name(), embedderId, probeId);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.pretty(ComparisonReport.json(rows, setting)));
    } else {
      ComparisonReport.text(out, rows, setting);
    }
    out.flush();
    return 0;
  }
}
