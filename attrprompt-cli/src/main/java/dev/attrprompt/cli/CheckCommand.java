package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.data.JsonlSource;
import dev.attrprompt.eval.data.RunSource;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Embedders;
import dev.attrprompt.eval.fidelity.ClassifierJudge;
import dev.attrprompt.eval.fidelity.FidelityReport;
import dev.attrprompt.eval.fidelity.Verdict;
import dev.attrprompt.eval.report.FidelityRender;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Label fidelity: is each text about its label, or does it look like another one? A",
        "classifier cross-fitted on the data itself (k folds) gives every sample out-of-fold label",
        "probabilities; a sample is flagged when its own label's probability is below that label's",
        "threshold and another label's reaches its own (confident learning). Reports each label's",
        "estimated off-label rate, the flagged samples with the label they look like, and the most",
        "confused pairs (next to the task's similar classes, for run folders)."})
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA",
      description = "A run folder, or JSONL of {\"text\", \"label\"} objects (single-label).")
  Path data;

  @Option(names = "--judge", paramLabel = "J", defaultValue = "classifier",
      description = "Who judges: classifier (cross-fitted on the data, free and offline) (default: ${DEFAULT-VALUE}).")
  String judge;

  @Option(names = "--classifier", paramLabel = "C", defaultValue = "tfidf-lr",
      description = "The judge's classifier: tfidf-lr or embed-lr (over sentence embeddings) (default: ${DEFAULT-VALUE}).")
  String classifier;

  @Option(names = "--embeddings", paramLabel = "E",
      description = "Sentence embeddings for embed-lr: minilm (default), onnx:DIR or api.")
  String embeddings;

  @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Cross-fitting folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the folds and trainer (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--show", paramLabel = "N", defaultValue = "20",
      description = "Flagged samples listed in the text report (default: ${DEFAULT-VALUE}).")
  int show;

  @Option(names = "--json", description = "One JSON object: flagged, off_label_rate, pairs.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (judge.equals("llm")) {
      throw new UserError("--judge llm is not available yet; use --judge classifier");
    }
    if (!judge.equals("classifier")) {
      throw new UserError("--judge takes classifier, not '" + judge + "'");
    }
    ClassifierKind kind = ClassifierKind.parse(classifier);
    if (embeddings != null && kind != ClassifierKind.EMBED_LR) {
      throw new UserError("--embeddings is used by --classifier embed-lr only");
    }
    if (show < 0) {
      throw new UserError("--show must be 0 or more, not " + show);
    }
    Dataset dataset = Datasets.load(data);
    boolean run = Files.isDirectory(data);
    List<Verdict> verdicts;
    String judgeId;
    try (Embedder embedder = kind == ClassifierKind.EMBED_LR
        ? Embedders.parse(embeddings != null ? embeddings : "minilm") : null) {
      ClassifierJudge j = new ClassifierJudge(new ClassifierJudge.Options(kind, folds, seed,
          Optional.ofNullable(embedder)));
      verdicts = j.judge(dataset);
      judgeId = j.id();
    }
    List<String> ids = run ? RunSource.sampleIds(data) : List.of();
    Optional<Map<String, List<String>>> similar = run ? RunSource.similarClasses(data) : Optional.empty();
    FidelityReport report = FidelityReport.of(judgeId, dataset.texts(), verdicts, ids, similar);
    int[] lines = run ? new int[0] : JsonlSource.sampleLines(data);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.pretty(FidelityRender.json(report, dataset.name(), folds, lines)));
    } else {
      FidelityRender.text(out, report, dataset.name(), folds, lines, show);
    }
    out.flush();
    return 0;
  }
}
