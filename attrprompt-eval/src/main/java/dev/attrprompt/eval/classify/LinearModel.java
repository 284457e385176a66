package dev.attrprompt.eval.classify;

import com.oracle.labs.mlrg.olcut.util.Pair;
import de.bwaldvogel.liblinear.FeatureNode;
import dev.attrprompt.eval.text.SparseVector;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableDataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
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
 * <p>The feature vectors come ready-made (see {@link Featurizer}), so the Tribuo dataset is built
 * straight from them: the feature domain once from the vocabulary, the examples in parallel with
 * names that already sort in index order and carry their ids, which the trainer reads instead of
 * looking names up. Going through {@code MutableDataset} would record every feature value of
 * every text, and that alone cost more than training on AG News.
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
  /** A feature every text has none of but an empty one, so that empty texts are valid examples. */
  static final String EMPTY = "~empty";
  private static final LabelFactory LABELS = new LabelFactory();

  static {
    // Tribuo logs each training run at INFO; a command's output is its report
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
  }

  private final Model<Label> model;
  private final String[] names;

  private LinearModel(Model<Label> model, String[] names) {
    this.model = model;
    this.names = names;
  }

  /** Trains on {@code x} (features 0..dimension-1) with labels {@code y}; needs two labels or more. */
  public static LinearModel train(List<SparseVector> x, List<String> y, int dimension, Loss loss, long seed,
      String description) {
    String[] names = featureNames(dimension);
    CompletableFuture<ImmutableFeatureMap> featureMap = CompletableFuture.supplyAsync(() -> new IndexedFeatureMap(names));
    MutableOutputInfo<Label> outputs = LABELS.generateInfo();
    List<Example<Label>> examples = IntStream.range(0, x.size()).parallel()
        .mapToObj(i -> example(new Label(y.get(i)), x.get(i), names)).toList();
    examples.forEach(e -> outputs.observe(e.getOutput()));
    ImmutableFeatureMap domain = featureMap.join();
    // ids follow the sorted names: feature i has id i and the empty-text feature comes last
    if (domain.getID(names[0]) != 0 || domain.getID(EMPTY) != dimension) {
      throw new IllegalStateException("unexpected feature ids");
    }
    PreparedDataset data = new PreparedDataset(
        new SimpleDataSourceProvenance(description, OffsetDateTime.now(), LABELS), domain,
        outputs.generateImmutableOutputInfo(), examples);
    PreparedTrainer trainer = new PreparedTrainer(loss, seed);
    return new LinearModel(trainer.train(data), names);
  }

  public List<String> predict(List<SparseVector> x) {
    List<Example<Label>> examples = IntStream.range(0, x.size()).parallel()
        .mapToObj(i -> example(LabelFactory.UNKNOWN_LABEL, x.get(i), names)).toList();
    List<String> out = new ArrayList<>(x.size());
    for (Prediction<Label> p : model.predict(examples)) {
      out.add(p.getOutput().getLabel());
    }
    return out;
  }

  /** The Tribuo model, with its provenance. */
  public Model<Label> tribuoModel() {
    return model;
  }

  private static Example<Label> example(Label label, SparseVector v, String[] names) {
    int[] idx = v.indices();
    if (idx.length == 0) {
      return new IndexedExample(label, new String[] {EMPTY}, new double[] {1}, new int[] {names.length});
    }
    String[] n = new String[idx.length];
    double[] values = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      n[k] = names[idx[k]];
      values[k] = v.values()[k];
    }
    return new IndexedExample(label, n, values, idx);
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
   * data. Feature i is named {@code names[i]}; the empty-text feature comes last.
   */
  private static final class IndexedFeatureMap extends ImmutableFeatureMap {
    IndexedFeatureMap(String[] names) {
      for (int i = 0; i <= names.length; i++) {
        String name = i < names.length ? names[i] : EMPTY;
        RealIDInfo info = new RealIDInfo(new RealInfo(name), i);
        m.put(name, info);
        idMap.put(i, info);
      }
      size = names.length + 1;
    }
  }

  /**
   * An example whose feature names arrive sorted and whose feature ids are known: {@link ArrayExample}
   * would sort the names again (boxing an index per feature), and the trainer would look each name up.
   */
  private static final class IndexedExample extends ArrayExample<Label> {
    final int[] ids;

    IndexedExample(Label output, String[] names, double[] values, int[] ids) {
      super(output, names, values);
      this.ids = ids;
    }

    @Override
    protected void sort() {
      // names are generated in index order (see featureNames)
    }
  }

  /**
   * A Tribuo dataset of examples that are valid by construction (sorted, unique, known features,
   * never empty), added without {@code ImmutableDataset}'s per-feature checks.
   */
  private static final class PreparedDataset extends ImmutableDataset<Label> {
    PreparedDataset(SimpleDataSourceProvenance provenance, ImmutableFeatureMap features,
        ImmutableOutputInfo<Label> outputs, List<Example<Label>> examples) {
      super(provenance, LABELS, features, outputs);
      data.addAll(examples);
    }
  }

  /** Tribuo's LIBLINEAR trainer, reading feature ids from {@link IndexedExample}s instead of names. */
  private static final class PreparedTrainer extends LibLinearClassificationTrainer {
    PreparedTrainer(Loss loss, long seed) {
      super(new LinearClassificationType(loss.type), COST, MAX_ITERATIONS, loss.tolerance, seed);
    }

    @Override
    protected Pair<FeatureNode[][], double[][]> extractData(org.tribuo.Dataset<Label> data,
        ImmutableOutputInfo<Label> outputInfo, ImmutableFeatureMap featureMap) {
      FeatureNode[][] features = new FeatureNode[data.size()][];
      double[][] outputs = new double[1][data.size()];
      int bias = featureMap.size() + 1;
      int i = 0;
      for (Example<Label> e : data) {
        outputs[0][i] = outputInfo.getID(e.getOutput());
        if (e instanceof IndexedExample ix) {
          FeatureNode[] nodes = new FeatureNode[ix.ids.length + 1];
          int k = 0;
          for (Feature f : ix) {
            nodes[k] = new FeatureNode(ix.ids[k] + 1, f.getValue());
            k++;
          }
          nodes[k] = new FeatureNode(bias, 1.0);
          features[i] = nodes;
        } else {
          features[i] = exampleToNodes(e, featureMap, null);
        }
        i++;
      }
      return new Pair<>(features, outputs);
    }
  }
}
