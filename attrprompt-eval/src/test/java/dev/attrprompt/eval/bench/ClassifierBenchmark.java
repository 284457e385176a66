package dev.attrprompt.eval.bench;

import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.classify.Evaluation;
import dev.attrprompt.eval.classify.Evaluator;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Java side of {@code bench/classifiers.sh}: loads a train and a test JSONL, trains one TF-IDF
 * classifier and prints one line with macro-F1, accuracy and the wall seconds of load, vectorise
 * (fit on the training texts), train (the test texts are vectorised alongside) and predict,
 * measured inside this process. Run it in a fresh JVM per classifier, as the CLI would be: JIT
 * warm-up counts. Usage: {@code ClassifierBenchmark TRAIN.jsonl TEST.jsonl tfidf-lr|tfidf-svm}.
 */
public final class ClassifierBenchmark {
  public static void main(String[] args) {
    String kind = args.length > 2 ? args[2] : "tfidf-svm";
    long t0 = System.nanoTime();
    CompletableFuture<Dataset> test = CompletableFuture.supplyAsync(() -> Datasets.load(Path.of(args[1])));
    Dataset train = Datasets.load(Path.of(args[0]));
    Dataset testData = test.join();
    double load = (System.nanoTime() - t0) / 1e9;
    Evaluation e = Evaluator.evaluate(train, testData,
        new Evaluator.Options(ClassifierKind.parse(kind), 42, Optional.empty()));
    double total = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT,
        "java %s macro_f1=%.4f accuracy=%.4f load=%.3f vectorise=%.3f train=%.3f predict=%.3f total=%.3f%n",
        kind, e.scores().macroF1(), e.scores().accuracy(), load, e.timings().featurize(), e.timings().train(),
        e.timings().predict(), total);
  }
}
