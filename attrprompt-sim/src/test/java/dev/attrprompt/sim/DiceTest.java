package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seeded draws behind faults and latency: rates, distribution and reproducibility. */
class DiceTest {
  private static final int DRAWS = 40_000;

  @Test
  void faultRatesMatchTheConfiguration() {
    Dice dice = new Dice(SimulatorConfig.builder().fault500(0.10).fault429(0.05)
        .faultRefusal(0.20).seed(7).build());
    Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
    for (int i = 0; i < DRAWS; i++) {
      counts.merge(dice.draw(i).fault(), 1, Integer::sum);
    }
    // Each fault fires independently; earlier faults in the order take precedence.
    assertThat(counts.get(Fault.SERVER_ERROR) / (double) DRAWS).isCloseTo(0.10, within(0.01));
    assertThat(counts.get(Fault.RATE_LIMIT) / (double) DRAWS).isCloseTo(0.9 * 0.05, within(0.01));
    assertThat(counts.get(Fault.REFUSAL) / (double) DRAWS)
        .isCloseTo(0.9 * 0.95 * 0.20, within(0.01));
    assertThat(counts).doesNotContainKeys(Fault.RESET, Fault.TIMEOUT, Fault.MALFORMED);
  }

  @Test
  void sameSeedSameDraws() {
    SimulatorConfig config = SimulatorConfig.builder().fault503(0.3).latencyMedianMs(50)
        .latencyP99Ms(500).seed(42).build();
    Dice a = new Dice(config);
    Dice b = new Dice(config);
    Dice other = new Dice(config.toBuilder().seed(43).build());
    int differences = 0;
    for (int i = 0; i < 200; i++) {
      assertThat(a.draw(i)).isEqualTo(b.draw(i));
      differences += a.draw(i).equals(other.draw(i)) ? 0 : 1;
    }
    assertThat(differences).isGreaterThan(150);
  }

  @Test
  void latencyIsLogNormalWithTheGivenMedianAndP99() {
    Dice dice = new Dice(SimulatorConfig.builder().latencyMedianMs(200).latencyP99Ms(2000)
        .build());
    long[] ms = new long[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      ms[i] = dice.draw(i).latencyMillis();
    }
    Arrays.sort(ms);
    assertThat((double) ms[DRAWS / 2]).isCloseTo(200, within(10.0));
    assertThat((double) ms[(int) (DRAWS * 0.99)]).isCloseTo(2000, within(200.0));
  }

  @Test
  void fixedLatencyWithoutP99() {
    Dice dice = new Dice(SimulatorConfig.builder().latencyMedianMs(35).build());
    for (int i = 0; i < 100; i++) {
      assertThat(dice.draw(i).latencyMillis()).isEqualTo(35);
    }
  }
}
