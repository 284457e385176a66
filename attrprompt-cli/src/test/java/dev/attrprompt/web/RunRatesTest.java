package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.cost.Price;
import dev.attrprompt.run.RunStatus;
import dev.attrprompt.run.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Speeds, time left and projected dollars from the counts a page saw over time. */
class RunRatesTest {
  static final Path DIR = Path.of("run");

  static RunStatus status(long planned, long accepted, long pending, long responses, double usd, boolean priced) {
    RunStatus.Counts c = new RunStatus.Counts(planned, accepted, 0, 0, pending);
    return new RunStatus(Map.of(), c, new Usage(1000, 500, usd, responses, 0, true), OptionalDouble.empty(),
        priced ? Optional.of(new Price(0.15, 0.6)) : Optional.empty(), List.of(),
        new RunStatus.Fidelity("none", new Usage(0, 0, 0, 0, 0, true)), List.of());
  }

  @Test
  void answersPerMinuteGiveTheTimeLeftAndTheCostOfWhatIsLeft() {
    RunRates rates = new RunRates();
    Map<String, Object> first = rates.observe(DIR, status(50, 0, 50, 0, 0, true), 50, 0);
    assertThat(first.get("requests_per_minute")).isNull();
    assertThat(first.get("eta_seconds")).isNull();
    assertThat(first.get("projected_usd")).isNull();
    // 10 answers in 30 seconds: 20 a minute; 40 left take 2 minutes and cost 4 times what 10 did
    Map<String, Object> later = rates.observe(DIR, status(50, 0, 50, 10, 0.002, true), 50, 30_000_000_000L);
    assertThat(later.get("requests_per_minute")).isEqualTo(20.0);
    assertThat(later.get("eta_seconds")).isEqualTo(120L);
    assertThat((Double) later.get("projected_usd")).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(later.get("tokens")).isEqualTo(1500L);
    // screened and complete: nothing left
    Map<String, Object> done = rates.observe(DIR, status(50, 50, 0, 50, 0.01, true), 50, 90_000_000_000L);
    assertThat(done.get("eta_seconds")).isEqualTo(0L);
    assertThat((Double) done.get("projected_usd")).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void anUnpricedRunHasNoDollars() {
    Map<String, Object> r = new RunRates().observe(DIR, status(10, 0, 10, 5, 0, false), 10, 0);
    assertThat(r.get("usd")).isNull();
    assertThat(r.get("projected_usd")).isNull();
  }
}
