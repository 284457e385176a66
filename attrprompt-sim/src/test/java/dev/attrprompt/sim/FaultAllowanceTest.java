package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Injected 429/500/503 serve nothing and so use none of the minute's allowance; other faults do. */
class FaultAllowanceTest {

  private static long remaining(HttpResponse<String> r) {
    return Long.parseLong(r.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
  }

  @Test
  void injectedServerErrorsGiveTheirRequestBack() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().key(Wire.KEY).port(0).rpm(100).fault500(1.0).build())) {
      Wire wire = new Wire(sim);
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r = wire.post("/chat/completions", Wire.chatBody("Write a short note.", i));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(remaining(r)).isGreaterThanOrEqualTo(99);
      }
    }
  }

  @Test
  void servedFaultsUseTheAllowance() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().key(Wire.KEY).port(0).rpm(100).faultRefusal(1.0).build())) {
      Wire wire = new Wire(sim);
      HttpResponse<String> last = null;
      for (int i = 0; i < 5; i++) {
        last = wire.post("/chat/completions", Wire.chatBody("Write a short note.", i));
        assertThat(last.statusCode()).isEqualTo(200);
      }
      assertThat(remaining(last)).isLessThanOrEqualTo(96);
    }
  }
}
