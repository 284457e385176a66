package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Embedders;
import dev.attrprompt.eval.report.AnalysisReport;
import dev.attrprompt.eval.report.Analyzer;
import dev.attrprompt.eval.report.DatasetAnalysis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {"Measures a dataset's diversity and bias, overall and per label: size, length,",
        "vocabulary, distinct-1/2/3, Self-BLEU, exact and near duplicates, average pairwise cosine",
        "similarity (APS) within and across labels, and the continents of the places it names.",
        "With --reference, the same measures of real data side by side."})
final class AnalyzeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA",
      description = "A run folder, or JSONL of {\"text\", \"label\"} objects (or \"labels\" arrays for multi-label data).")
  Path data;

  @Option(names = "--reference", paramLabel = "REAL.jsonl", description = "Real data to measure alongside.")
  Path reference;

  @CommandLine.Mixin EndpointOptions endpoint;

  @Option(names = "--embeddings", paramLabel = "E", defaultValue = "tfidf",
      description = "Vectors for APS: tfidf, minilm (the bundled all-MiniLM-L6-v2 sentence encoder, offline), bge-small "
          + "(the bundled bge-small-en-v1.5, offline), "
          + "onnx:DIR (model.onnx + tokenizer.json, offline) or api "
          + "(OPENAI_BASE_URL /embeddings with OPENAI_API_KEY; api:MODEL picks the model) (default: ${DEFAULT-VALUE}).")
  String embeddings;

  @Option(names = "--near-duplicate", paramLabel = "J", defaultValue = Defaults.ANALYSIS_NEAR_DUPLICATE,
      description = "Jaccard similarity of word 3-shingles at which two texts count as near duplicates (default: ${DEFAULT-VALUE}).")
  double nearDuplicate;

  @Option(names = "--self-bleu-sample", paramLabel = "N", defaultValue = Defaults.SELF_BLEU_SAMPLE,
      description = "Texts sampled for Self-BLEU, per dataset and per label (default: ${DEFAULT-VALUE}).")
  int selfBleuSample;

  @Option(names = "--seed", paramLabel = "S", defaultValue = Defaults.ANALYSIS_SEED, description = "Seed of the Self-BLEU sample (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "One JSON object (the reference's measures under \"reference\").")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Analyzer.Options base = options(nearDuplicate, selfBleuSample, seed);
    List<Dataset> datasets = new ArrayList<>();
    datasets.add(Datasets.load(data));
    if (reference != null) {
      datasets.add(Datasets.load(reference));
    }
    List<DatasetAnalysis> analyses;
    try (Embedder embedder = Embedders.parse(embeddings, () -> endpoint.connection(System.getenv()))) {
      analyses = Analyzer.analyze(datasets, new Analyzer.Options(embedder, base.nearDuplicate(),
          base.selfBleuSample(), base.seed(), base.extensions()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = AnalysisReport.json(analyses.get(0));
      if (reference != null) {
        m.put("reference", AnalysisReport.json(analyses.get(1)));
      }
      out.println(Json.pretty(m));
    } else {
      List<String> titles = new ArrayList<>(List.of(analyses.get(0).name()));
      if (reference != null) {
        titles.add(analyses.get(1).name() + " (reference)");
      }
      AnalysisReport.text(out, analyses, titles);
    }
    out.flush();
    return 0;
  }

  /** Prints the default analysis (TF-IDF vectors) of one dataset or run folder. */
  static void print(PrintWriter out, Path data) {
    Analyzer.Options base = options(0.8, 500, 42);
    try (Embedder embedder = Embedders.parse("tfidf")) {
      List<DatasetAnalysis> analyses = Analyzer.analyze(List.of(Datasets.load(data)), new Analyzer.Options(embedder,
          base.nearDuplicate(), base.selfBleuSample(), base.seed(), base.extensions()));
      AnalysisReport.text(out, analyses, List.of(analyses.get(0).name()));
    }
  }

  /** Checks the shared analysis options; the embedder is set by the caller. */
  static Analyzer.Options options(double nearDuplicate, int selfBleuSample, long seed) {
    if (!(nearDuplicate > 0 && nearDuplicate <= 1)) {
      throw new UserError("--near-duplicate must be a Jaccard similarity in (0, 1], not " + nearDuplicate);
    }
    if (selfBleuSample < 2) {
      throw new UserError("--self-bleu-sample must be at least 2, not " + selfBleuSample);
    }
    return new Analyzer.Options(null, nearDuplicate, selfBleuSample, seed,
        List.of(new dev.attrprompt.eval.report.AttributeMeasure()));
  }
}
