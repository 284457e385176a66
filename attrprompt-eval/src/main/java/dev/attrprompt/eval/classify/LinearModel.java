package dev.attrprompt.eval.classify;

import com.oracle.labs.mlrg.olcut.util.Pair;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Parameter;
import dev.attrprompt.eval.text.SparseVector;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.tribuo.Example;
import org.tribuo.ImmutableDataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableOutputInfo;
import org.tribuo.RealIDInfo;
import org.tribuo.RealInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.liblinear.LinearClassificationType.LinearType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A linear classifier trained with Tribuo's LIBLINEAR trainer (the library behind scikit-learn's
 * {@code LinearSVC} and {@code liblinear} logistic regression): cost C = 1, a bias feature,
 * one-vs-rest over labels. The model keeps Tribuo's provenance (data, trainer, settings).
 *
 * <p>The feature vectors come ready-made (see {@link Featurizer}), so the trainer is fed LIBLINEAR
 * rows built straight from them: the Tribuo dataset carries each text's label in order, the
 * feature domain is numbered by position (its names are filled in only when the Tribuo model is
 * asked for), and row i of the vectors becomes LIBLINEAR's row i, built on the other cores while
 * the dataset is put together, instead of looking up a name per feature. Predictions run the trained
 * LIBLINEAR model on rows built the same way (what Tribuo's model does after its name lookups).
 * Going through {@code MutableDataset} and named features cost more than training on AG News.
 */
public final class LinearModel {
  /** LIBLINEAR's solver for each loss. */
  public enum Loss {
    LOGISTIC(LinearType.L2R_LR, 0.01),
    SQUARED_HINGE(LinearType.L2R_L2LOSS_SVC_DUAL, 0.1);

    final LinearType type;
    final double tolerance;

    /** @param tolerance LIBLINEAR's default stopping tolerance for this solver */
    Loss(LinearType type, double tolerance) {
      this.type = type;
      this.tolerance = tolerance;
    }
  }

  static final double COST = 1.0;
  static final int MAX_ITERATIONS = 1000;
  /** A feature every text has none of but an empty one, so that empty texts have a feature. */
  static final String EMPTY = "~empty";
  static final LabelFactory LABELS = new LabelFactory();

  static {
    // Tribuo logs each training run at INFO; a command's output is its report
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
  }

  private final Model<Label> model;
  private final IndexedFeatureMap domain;
  private final de.bwaldvogel.liblinear.Model liblinear;
  private final int dimension;

  private LinearModel(Model<Label> model, IndexedFeatureMap domain, de.bwaldvogel.liblinear.Model liblinear,
      int dimension) {
    this.model = model;
    this.domain = domain;
    this.liblinear = liblinear;
    this.dimension = dimension;
  }

  /** Trains on {@code x} (features 0..dimension-1) with labels {@code y}; needs two labels or more. */
  public static LinearModel train(List<SparseVector> x, List<String> y, int dimension, Loss loss, long seed,
      String description) {
    return train(x, y, dimension, loss, seed, description, Map.of());
  }

  /**
   * Trains as {@link #train(List, List, int, Loss, long, String)} with a cost factor per label
   * ({@code weights}: label name to factor, 1 for a label not named), as LIBLINEAR's {@code -wi}
   * and scikit-learn's {@code class_weight} do.
   */
  public static LinearModel train(List<SparseVector> x, List<String> y, int dimension, Loss loss, long seed,
      String description, Map<String, Double> weights) {
    // LIBLINEAR's rows are built on the other cores while the Tribuo dataset is put together
    int bias = dimension + 2;
    CompletableFuture<FeatureNode[][]> rows = CompletableFuture.supplyAsync(() -> {
      FeatureNode[][] r = new FeatureNode[x.size()][];
      IntStream.range(0, x.size()).parallel().forEach(i -> r[i] = row(x.get(i), dimension, bias));
      return r;
    });
    MutableOutputInfo<Label> outputs = LABELS.generateInfo();
    Map<String, Label> labels = new HashMap<>();
    List<Example<Label>> examples = new ArrayList<>(y.size());
    for (String name : y) {
      Label label = labels.computeIfAbsent(name, Label::new);
      outputs.observe(label);
      examples.add(new ArrayExample<>(label, 1f, 0)); // no named features: they are in x
    }
    IndexedFeatureMap domain = new IndexedFeatureMap(dimension);
    PreparedDataset data = new PreparedDataset(
        new SimpleDataSourceProvenance(description, OffsetDateTime.now(), LABELS), domain,
        outputs.generateImmutableOutputInfo(), examples);
    PreparedTrainer trainer = new PreparedTrainer(loss, seed, rows);
    if (!weights.isEmpty()) {
      Map<Label, Float> byLabel = new HashMap<>();
      weights.forEach((name, w) -> {
        if (labels.containsKey(name)) {
          byLabel.put(labels.get(name), w.floatValue());
        }
      });
      trainer.setLabelWeights(byLabel);
    }
    Model<Label> model = trainer.train(data);
    return new LinearModel(model, domain, trainer.trained, dimension);
  }

  public List<String> predict(List<SparseVector> x) {
    ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
    int bias = dimension + 2;
    return IntStream.range(0, x.size()).parallel()
        .mapToObj(i -> outputs.getOutput((int) Linear.predict(liblinear, row(x.get(i), dimension, bias))).getLabel())
        .toList();
  }

  /** The labels in the order of the columns of {@link #probabilities}. */
  public List<String> labels() {
    ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
    List<String> out = new ArrayList<>();
    for (int id : liblinear.getLabels()) {
      out.add(outputs.getOutput(id).getLabel());
    }
    return out;
  }

  /**
   * Each text's probability of each label (columns in the order of {@link #labels}); for the
   * logistic loss only (LIBLINEAR's probability estimates; with more than two labels, its
   * one-vs-rest probabilities normalised to sum to 1).
   */
  public double[][] probabilities(List<SparseVector> x) {
    if (!liblinear.isProbabilityModel()) {
      throw new IllegalStateException("probabilities need the logistic loss");
    }
    int bias = dimension + 2;
    int k = liblinear.getNrClass();
    double[][] out = new double[x.size()][];
    IntStream.range(0, x.size()).parallel().forEach(i -> {
      double[] p = new double[k];
      Linear.predictProbability(liblinear, row(x.get(i), dimension, bias), p);
      out[i] = p;
    });
    return out;
  }

  /** The Tribuo model, with its provenance and its named feature domain. */
  public Model<Label> tribuoModel() {
    domain.fill();
    return model;
  }

  /**
   * LIBLINEAR's row for a vector: feature i has LIBLINEAR index i + 1, an empty text has the
   * {@link #EMPTY} feature, and the bias feature comes last, as Tribuo lays them out.
   */
  static FeatureNode[] row(SparseVector v, int dimension, int bias) {
    int[] idx = v.indices();
    if (idx.length == 0) {
      return new FeatureNode[] {new FeatureNode(dimension + 1, 1.0), new FeatureNode(bias, 1.0)};
    }
    FeatureNode[] nodes = new FeatureNode[idx.length + 1];
    float[] values = v.values();
    for (int k = 0; k < idx.length; k++) {
      nodes[k] = new FeatureNode(idx[k] + 1, values[k]);
    }
    nodes[idx.length] = new FeatureNode(bias, 1.0);
    return nodes;
  }

  /** Feature names that sort in index order (and before {@link #EMPTY}). */
  private static String[] featureNames(int dimension) {
    int width = Integer.toString(Math.max(1, dimension - 1)).length();
    String[] names = new String[dimension];
    for (int i = 0; i < dimension; i++) {
      String digits = Integer.toString(i);
      names[i] = "f" + "0".repeat(width - digits.length()) + digits;
    }
    return names;
  }

  /**
   * The feature domain with ids given by position, built straight into the maps: the public
   * constructor sorts every name to assign the same ids, which cost more than training on small
   * data. Feature i is named as {@link #featureNames} names it; the empty-text feature comes last.
   *
   * <p>The size is all that training and prediction read, so the names are put in the maps only
   * when the Tribuo model is asked for ({@link #fill}); an evaluation never pays for them.
   */
  private static final class IndexedFeatureMap extends ImmutableFeatureMap {
    private boolean filled;

    IndexedFeatureMap(int dimension) {
      size = dimension + 1;
    }

    /** Puts every feature in the maps, once. */
    synchronized void fill() {
      if (filled) {
        return;
      }
      String[] names = featureNames(size - 1);
      for (int i = 0; i < size; i++) {
        String name = i < names.length ? names[i] : EMPTY;
        RealIDInfo info = new RealIDInfo(new RealInfo(name), i);
        m.put(name, info);
        idMap.put(i, info);
      }
      filled = true;
    }
  }

  /** A Tribuo dataset of the texts' labels, in the order of the feature vectors, added without checks. */
  private static final class PreparedDataset extends ImmutableDataset<Label> {
    PreparedDataset(SimpleDataSourceProvenance provenance, ImmutableFeatureMap features,
        ImmutableOutputInfo<Label> outputs, List<Example<Label>> examples) {
      super(provenance, LABELS, features, outputs);
      data.addAll(examples);
    }
  }

  /**
   * Tribuo's LIBLINEAR trainer, reading example i's features from vector i instead of from named
   * features, and keeping the LIBLINEAR model it trained.
   */
  private static final class PreparedTrainer extends LibLinearClassificationTrainer {
    private final CompletableFuture<FeatureNode[][]> rows;
    de.bwaldvogel.liblinear.Model trained;

    PreparedTrainer(Loss loss, long seed, CompletableFuture<FeatureNode[][]> rows) {
      super(new LinearClassificationType(loss.type), COST, MAX_ITERATIONS, loss.tolerance, seed);
      this.rows = rows;
    }

    @Override
    protected Pair<FeatureNode[][], double[][]> extractData(org.tribuo.Dataset<Label> data,
        ImmutableOutputInfo<Label> outputInfo, ImmutableFeatureMap featureMap) {
      FeatureNode[][] features = rows.join();
      if (data.size() != features.length) {
        throw new IllegalStateException("the dataset and the vectors differ in size");
      }
      double[][] outputs = new double[1][data.size()];
      int i = 0;
      for (Example<Label> e : data) {
        outputs[0][i++] = outputInfo.getID(e.getOutput());
      }
      return new Pair<>(features, outputs);
    }

    @Override
    protected List<de.bwaldvogel.liblinear.Model> trainModels(Parameter parameters, int numFeatures,
        FeatureNode[][] features, double[][] outputs) {
      List<de.bwaldvogel.liblinear.Model> models = super.trainModels(parameters, numFeatures, features, outputs);
      trained = models.get(0);
      return models;
    }
  }
}
