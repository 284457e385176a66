package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.classify.Evaluator;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Embedders;
import dev.attrprompt.eval.report.Analyzer;
import dev.attrprompt.eval.report.Comparison;
import dev.attrprompt.eval.report.ComparisonReport;
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
        "accuracy and macro-F1 of a classifier trained on it and tested on real data; each row also",
        "as a difference from the first."})
final class CompareCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATA", arity = "1..*",
      description = "Datasets to compare (run folders or JSONL of {\"text\", \"label\"}); the first is the baseline.")
  List<Path> data;

  @Option(names = "--test", paramLabel = "REAL.jsonl", required = true, description = "Real labeled data to test on.")
  Path test;

  @Option(names = "--classifier", paramLabel = "C", defaultValue = "tfidf-lr",
      description = "tfidf-lr, tfidf-svm or embed-lr (default: ${DEFAULT-VALUE}).")
  String classifier;

  @CommandLine.Mixin EndpointOptions endpoint;

  @Option(names = "--embeddings", paramLabel = "E", defaultValue = "tfidf",
      description = "Vectors for APS (and for embed-lr): tfidf, onnx:DIR or api (default: ${DEFAULT-VALUE}).")
  String embeddings;

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
    ClassifierKind kind = ClassifierKind.parse(classifier);
    Analyzer.Options checked = AnalyzeCommand.options(nearDuplicate, Analyzer.Options.DEFAULT_SELF_BLEU_SAMPLE, seed);
    if (kind == ClassifierKind.EMBED_LR && embeddings.equals("tfidf")) {
      throw new UserError("--classifier embed-lr needs sentence embeddings: add --embeddings onnx:DIR or --embeddings api");
    }
    List<Dataset> datasets = new ArrayList<>();
    for (Path p : data) {
      datasets.add(Datasets.load(p));
    }
    Dataset real = Datasets.load(test);
    List<Comparison.Row> rows;
    String embedderId;
    try (Embedder embedder = Embedders.parse(embeddings, () -> endpoint.connection(System.getenv()))) {
      embedderId = embedder.id();
      rows = Comparison.of(datasets, real,
          new Analyzer.Options(embedder, checked.nearDuplicate(), checked.selfBleuSample(), seed, List.of()),
          new Evaluator.Options(kind, seed, Optional.of(embedder)));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.pretty(ComparisonReport.json(rows, real.name(), kind.id(), embedderId)));
    } else {
      ComparisonReport.text(out, rows, real.name(), kind.id(), embedderId);
    }
    out.flush();
    return 0;
  }
}
