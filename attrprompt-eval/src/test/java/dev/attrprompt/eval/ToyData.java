package dev.attrprompt.eval;

import dev.attrprompt.eval.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthetic labeled texts for tests: about fruit or about vehicles, with shared filler words. */
public final class ToyData {
  private ToyData() {}

  /** {@code n} texts alternating fruit and vehicle; labels "Fresh Fruit"/"Motor  Vehicle" when spaced. */
  public static List<Sample> fruitOrVehicle(int n, long seed, boolean spacedLabels) {
    String[] fruit = {"apple", "banana", "cherry", "mango", "pear", "grape"};
    String[] vehicle = {"car", "truck", "bus", "train", "bicycle", "tram"};
    String[] filler = {"the", "a", "very", "nice", "today", "we", "saw", "one"};
    Random rnd = new Random(seed);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean isFruit = i % 2 == 0;
      String[] topic = isFruit ? fruit : vehicle;
      StringBuilder t = new StringBuilder();
      for (int w = 0; w < 8; w++) {
        t.append(rnd.nextInt(3) == 0 ? topic[rnd.nextInt(topic.length)] : filler[rnd.nextInt(filler.length)]).append(' ');
      }
      t.append(topic[rnd.nextInt(topic.length)]);
      String label = isFruit ? (spacedLabels ? "Fresh Fruit" : "fresh_fruit")
          : (spacedLabels ? "Motor  Vehicle" : "motor_vehicle");
      out.add(Sample.of(t.toString(), label));
    }
    return out;
  }
}
