package dev.attrprompt.eval.classify;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.data.Sample;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.text.SparseVector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Trains a classifier on one dataset and scores it on another (generated data on real data).
 * Labels are matched after {@linkplain Datasets#normaliseLabel normalisation}; a test label that
 * the training data lacks is a {@link UserError} naming it. Either side with label sets makes the
 * evaluation multi-label (one-vs-rest).
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * @param classifier which classifier
   * @param seed       seed for the trainer
   * @param embedder   the sentence encoder, needed by {@link ClassifierKind#EMBED_LR} only
   */
  public record Options(ClassifierKind classifier, long seed, Optional<Embedder> embedder) {}

  public static Evaluation evaluate(Dataset trainData, Dataset testData, Options options) {
    long t0 = System.nanoTime(); // label normalisation counts as part of vectorising
    Dataset train = Datasets.withNormalisedLabels(trainData);
    Dataset test = Datasets.withNormalisedLabels(testData);
    checkLabels(train, test);
    Featurizer featurizer = switch (options.classifier()) {
      case TFIDF_LR, TFIDF_SVM -> Featurizer.tfidf();
      case EMBED_LR -> Featurizer.embeddings(options.embedder().filter(Embedder::sentenceEmbeddings).orElseThrow(() ->
          new UserError("--classifier embed-lr needs sentence embeddings: add --embeddings minilm, onnx:DIR or api "
              + "(tfidf-lr is logistic regression over TF-IDF)")));
    };
    LinearModel.Loss loss = options.classifier() == ClassifierKind.TFIDF_SVM
        ? LinearModel.Loss.SQUARED_HINGE : LinearModel.Loss.LOGISTIC;
    String description = "attrprompt train data " + trainData.name();

    List<SparseVector> xTrain = featurizer.fit(train.texts());
    CompletableFuture<List<SparseVector>> testFeatures;
    if (featurizer.usesEveryCore()) {
      // a sentence encoder keeps every core busy: embed the test texts first, then train
      testFeatures = CompletableFuture.completedFuture(featurizer.transform(test.texts()));
    } else {
      // TF-IDF of the test texts on a thread of its own while LIBLINEAR trains on one core. Not
      // on the common pool: training builds its rows there, and on a 2-core machine (a pool of
      // one thread) it waited for the whole test set to be vectorised; with embeddings that was
      // 28 s of "training" for 320 texts.
      testFeatures = new CompletableFuture<>();
      CompletableFuture<List<SparseVector>> target = testFeatures;
      Thread.ofPlatform().daemon().name("vectorise-test").start(() -> {
        try {
          target.complete(featurizer.transform(test.texts()));
        } catch (Throwable e) {
          target.completeExceptionally(e);
        }
      });
    }
    long t1 = System.nanoTime();
    Scores scores;
    long t2;
    if (train.multiLabel() || test.multiLabel()) {
      List<Set<String>> yTrain = labelSets(train);
      OneVsRest model = OneVsRest.train(xTrain, yTrain, train.labels(), featurizer.dimension(), loss,
          options.seed(), description);
      t2 = System.nanoTime();
      scores = Scores.MultiLabel.of(labelSets(test), model.predict(join(testFeatures)));
    } else {
      List<String> yTrain = train.samples().stream().map(Sample::label).toList();
      if (new TreeSet<>(yTrain).size() < 2) {
        throw new UserError(trainData.origin() + ": the training data has only one label ("
            + yTrain.get(0) + "); a classifier needs two or more");
      }
      LinearModel model = LinearModel.train(xTrain, yTrain, featurizer.dimension(), loss, options.seed(), description);
      t2 = System.nanoTime();
      scores = Scores.MultiClass.of(test.samples().stream().map(Sample::label).toList(),
          model.predict(join(testFeatures)));
    }
    long t3 = System.nanoTime();
    return new Evaluation(options.classifier().id(), featurizer.description(), train.size(), test.size(),
        options.seed(), scores, new Evaluation.Timings(0, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9));
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static void checkLabels(Dataset train, Dataset test) {
    Set<String> known = new TreeSet<>(train.labels());
    List<String> missing = new ArrayList<>();
    for (String l : test.labels()) {
      if (!known.contains(l)) {
        missing.add(l);
      }
    }
    if (!missing.isEmpty()) {
      throw new UserError(test.origin() + ": test label" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing.stream().map(l -> "'" + l + "'").toList())
          + (missing.size() > 1 ? " do" : " does") + " not occur in the training data " + train.origin()
          + " (its labels: " + String.join(", ", known) + "); labels are compared in lower case with _ for spaces");
    }
  }

  private static List<Set<String>> labelSets(Dataset d) {
    List<Set<String>> out = new ArrayList<>(d.size());
    d.samples().forEach(s -> out.add(new LinkedHashSet<>(s.labels())));
    return out;
  }
}
