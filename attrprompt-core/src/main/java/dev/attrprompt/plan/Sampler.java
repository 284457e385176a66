package dev.attrprompt.plan;

import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Scope;
import dev.attrprompt.attributes.Value;
import java.util.List;

/**
 * Draws one value of a dimension for item {@code index} of a label. Every draw is a pure
 * function of (seed, label, index, dimension): independent of plan size and planning order.
 */
final class Sampler {
  private Sampler() {}

  static Value draw(SamplingMode mode, long seed, String label, long index, Dimension dimension,
      List<Value> values) {
    return switch (mode) {
      case UNIFORM -> weighted(values, Seeds.unit(Seeds.of(seed, label, index, dimension.name())));
      case BALANCED -> balanced(seed, label, index, dimension.name(), values);
      case FIXED -> {
        // Independent dimensions share their fixed value across labels; dependent ones cannot.
        String scope = dimension.scope() == Scope.DEPENDENT ? label : "";
        yield weighted(values, Seeds.unit(Seeds.of(seed, "fixed", scope, dimension.name())));
      }
    };
  }

  /** Inverse-CDF draw over the weights; equal weights give a uniform choice. */
  static Value weighted(List<Value> values, double u) {
    double total = 0;
    for (Value v : values) {
      total += v.weight();
    }
    double target = u * total;
    double running = 0;
    for (Value v : values) {
      running += v.weight();
      if (target < running) {
        return v;
      }
    }
    return values.get(values.size() - 1);
  }

  /**
   * Items are cut into blocks of k = |values|; block b is a seeded permutation of all values, so
   * any prefix of n items holds every value floor(n/k) or ceil(n/k) times.
   */
  static Value balanced(long seed, String label, long index, String dimension, List<Value> values) {
    int k = values.size();
    long block = index / k;
    int position = (int) (index % k);
    int[] order = new int[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    long state = Seeds.of(seed, "balanced", label, block, dimension);
    for (int i = k - 1; i > 0; i--) {
      state = Seeds.mix(state + 0x9e3779b97f4a7c15L);
      int j = (int) Math.floorMod(state, (long) (i + 1));
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return values.get(order[position]);
  }
}
