package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.classify.Evaluation;
import dev.attrprompt.eval.classify.Evaluator;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Embedders;
import dev.attrprompt.eval.report.EvaluationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Trains a classifier on DATA and tests it on real labeled data: accuracy, macro-F1,",
        "per-label precision/recall/F1 and the confusion matrix (micro- and macro-F1, one-vs-rest, for",
        "multi-label data). Labels match in lower case with _ for spaces."})
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--train", paramLabel = "DATA", required = true,
      description = "Training data: a run folder, or JSONL of {\"text\", \"label\"} (or \"labels\" arrays).")
  Path train;

  @Option(names = "--test", paramLabel = "REAL.jsonl", required = true, description = "Real labeled data to test on.")
  Path test;

  @Option(names = "--classifier", paramLabel = "C", defaultValue = "tfidf-lr",
      description = "tfidf-lr, tfidf-svm (TF-IDF of word 1-2-grams) or embed-lr (logistic regression over "
          + "sentence embeddings, the paper's probe; the bundled MiniLM unless --embeddings says otherwise) "
          + "(default: ${DEFAULT-VALUE}).")
  String classifier;

  @CommandLine.Mixin EndpointOptions endpoint;

  @Option(names = "--embeddings", paramLabel = "E",
      description = "Sentence embeddings for embed-lr: minilm (bundled all-MiniLM-L6-v2, the default), bge-small, onnx:DIR "
          + "or api (see 'analyze --help').")
  String embeddings;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the trainer (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "One JSON object.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ClassifierKind kind = ClassifierKind.parse(classifier);
    if (embeddings != null && kind != ClassifierKind.EMBED_LR) {
      throw new UserError("--embeddings is used by --classifier embed-lr only; " + kind.id() + " uses TF-IDF features");
    }
    long start = System.nanoTime();
    Dataset[] data = loadBoth(train, test);
    double load = (System.nanoTime() - start) / 1e9;
    Evaluation e;
    String chosen = embeddings != null ? embeddings : kind == ClassifierKind.EMBED_LR ? "minilm" : null;
    try (Embedder embedder = chosen != null ? Embedders.parse(chosen, () -> endpoint.connection(System.getenv())) : null) {
      e = Evaluator.evaluate(data[0], data[1], new Evaluator.Options(kind, seed, Optional.ofNullable(embedder)))
          .withLoadSeconds(load);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.pretty(EvaluationReport.json(e)));
    } else {
      EvaluationReport.text(out, e, data[0].name(), data[1].name());
    }
    out.flush();
    return 0;
  }

  /** Reads the two files at once (each read is parallel inside, but small files leave cores idle). */
  static Dataset[] loadBoth(Path first, Path second) {
    CompletableFuture<Dataset> other = CompletableFuture.supplyAsync(() -> Datasets.load(second));
    Dataset one = Datasets.load(first);
    try {
      return new Dataset[] {one, other.join()};
    } catch (CompletionException ex) {
      if (ex.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw ex;
    }
  }
}
