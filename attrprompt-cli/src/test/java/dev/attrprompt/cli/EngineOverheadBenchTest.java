package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The overhead workload measures the engine and a bare client in one run and prints their ratio. */
class EngineOverheadBenchTest {
  @Test
  void theOverheadWorkloadPrintsBothRatesAndTheirRatio() throws Exception {
    CliTest.Result r = CliTest.run("bench", "engine", "--workload", "overhead", "--requests", "400",
        "--concurrency", "16", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode m = Json.MAPPER.readTree(r.out());
    assertThat(m.get("completed").asLong()).isEqualTo(400);
    assertThat(m.get("lost").asLong()).isZero();
    assertThat(m.get("http_requests").asLong()).as("the engine's requests only").isEqualTo(400);
    assertThat(m.get("baseline_failed").asLong()).isZero();
    assertThat(m.get("baseline_completed").asLong()).isEqualTo(400);
    assertThat(m.get("rounds").asInt()).isEqualTo(EngineBench.ROUNDS);
    assertThat(m.get("baseline_requests_per_second_by_round")).hasSize(EngineBench.ROUNDS);
    assertThat(m.get("requests_per_second_by_round")).hasSize(EngineBench.ROUNDS);
    double engine = m.get("requests_per_second").asDouble();
    double baseline = m.get("baseline_requests_per_second").asDouble();
    assertThat(baseline).isPositive();
    assertThat(m.get("overhead_ratio").asDouble()).isCloseTo(engine / baseline, org.assertj.core.data.Offset.offset(1e-9));
  }

  /**
   * With more connections than the JDK's server keeps idle (200), a bare client left open beside
   * the engine made the server cut the engine's connections after each answer: its next request
   * on one failed and waited out a backoff, which the ratio then counted against the engine.
   */
  @Test
  void theEngineLosesNoAttemptToConnectionsTheBareClientLeftOpen() throws Exception {
    CliTest.Result r = CliTest.run("bench", "engine", "--workload", "overhead", "--requests", "1600",
        "--concurrency", "150", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode m = Json.MAPPER.readTree(r.out());
    assertThat(m.get("completed").asLong()).isEqualTo(1600);
    assertThat(m.get("retries").asLong()).as("attempts the engine had to repeat").isZero();
    assertThat(m.get("baseline_failed").asLong()).isZero();
  }
}
