package dev.attrprompt.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attrprompt.eval.embed.TfIdfEmbedder;
import dev.attrprompt.eval.embed.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** APS from vector sums equals the average over all pairs, computed pair by pair. */
class ApsPropertiesTest {

  @Property(tries = 80)
  void equalsTheAllPairsAverage(@ForAll @IntRange(min = 1, max = 30) int n, @ForAll @IntRange(min = 1, max = 4) int labels,
      @ForAll @IntRange(min = 1, max = 6) int dim, @ForAll long seed, @ForAll boolean multiLabel) {
    Random rnd = new Random(seed);
    float[][] rows = new float[n][dim];
    for (float[] row : rows) {
      if (rnd.nextInt(8) != 0) { // now and then a zero vector (a text with no features)
        for (int k = 0; k < dim; k++) {
          row[k] = (float) rnd.nextGaussian();
        }
      }
    }
    Vectors.Dense v = new Vectors.Dense(rows, dim).normalised();
    List<List<Integer>> members = new ArrayList<>();
    for (int l = 0; l < labels; l++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      members.get(rnd.nextInt(labels)).add(i);
      if (multiLabel && rnd.nextBoolean()) {
        int extra = rnd.nextInt(labels);
        if (!members.get(extra).contains(i)) {
          members.get(extra).add(i);
        }
      }
    }
    Map<String, int[]> byLabel = new LinkedHashMap<>();
    for (int l = 0; l < labels; l++) {
      byLabel.put("l" + l, members.get(l).stream().mapToInt(Integer::intValue).sorted().toArray());
    }
    Aps aps = Aps.of(v, byLabel);

    double intraSum = 0;
    int intraLabels = 0;
    double crossSum = 0;
    long crossPairs = 0;
    for (int a = 0; a < labels; a++) {
      int[] ia = byLabel.get("l" + a);
      double s = 0;
      long pairs = 0;
      for (int x = 0; x < ia.length; x++) {
        for (int y = x + 1; y < ia.length; y++) {
          s += v.dot(ia[x], ia[y]);
          pairs++;
        }
      }
      if (pairs > 0) {
        assertThat(aps.intra().get("l" + a).getAsDouble()).isCloseTo(s / pairs, within(1e-6));
        intraSum += s / pairs;
        intraLabels++;
      } else {
        assertThat(aps.intra().get("l" + a)).isEmpty();
      }
      for (int b = a + 1; b < labels; b++) {
        for (int i : ia) {
          for (int j : byLabel.get("l" + b)) {
            if (i != j) {
              crossSum += v.dot(i, j);
              crossPairs++;
            }
          }
        }
      }
    }
    if (intraLabels > 0) {
      assertThat(aps.intraMean().getAsDouble()).isCloseTo(intraSum / intraLabels, within(1e-6));
    }
    if (crossPairs > 0) {
      assertThat(aps.interMean().getAsDouble()).isCloseTo(crossSum / crossPairs, within(1e-6));
    } else {
      assertThat(aps.interMean()).isEmpty();
    }
  }

  @Test
  void sparseTfIdfVectorsGiveTheSameAsPairs() {
    List<String> texts = List.of("red apple pie", "green apple", "red car", "fast red car", "slow green bus", "bus");
    Vectors v = new TfIdfEmbedder().embed(texts);
    Map<String, int[]> byLabel = Map.of("food", new int[] {0, 1}, "vehicle", new int[] {2, 3, 4, 5});
    Aps aps = Aps.of(v, byLabel);
    double vehicle = (v.dot(2, 3) + v.dot(2, 4) + v.dot(2, 5) + v.dot(3, 4) + v.dot(3, 5) + v.dot(4, 5)) / 6;
    assertThat(aps.intra().get("vehicle").getAsDouble()).isCloseTo(vehicle, within(1e-9));
    assertThat(aps.intra().get("food").getAsDouble()).isCloseTo(v.dot(0, 1), within(1e-9));
    double across = 0;
    for (int i : new int[] {0, 1}) {
      for (int j : new int[] {2, 3, 4, 5}) {
        across += v.dot(i, j);
      }
    }
    assertThat(aps.interMean().getAsDouble()).isCloseTo(across / 8, within(1e-9));
    assertThat(aps.inter().get("food").getAsDouble()).isCloseTo(across / 8, within(1e-9));
  }
}
