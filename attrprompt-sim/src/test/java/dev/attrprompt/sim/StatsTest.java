package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** /sim/stats counts every request exactly once, by outcome, and the tokens served. */
class StatsTest {

  @Test
  void countsAddUp() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().key(Wire.KEY).quota(4)
        .faultRefusal(0.5).seed(3).build())) {
      Wire wire = new Wire(sim);
      long promptTokens = 0;
      long completionTokens = 0;
      int refused = 0;
      for (int i = 0; i < 6; i++) { // 4 served (some refused), then 2 over quota
        var r = wire.post("/chat/completions", Wire.chatBody("Write one note about \"x\".", i));
        if (r.statusCode() == 200) {
          JsonNode usage = Wire.json(r.body()).get("usage");
          promptTokens += usage.get("prompt_tokens").asLong();
          completionTokens += usage.get("completion_tokens").asLong();
          refused += Wire.json(r.body()).at("/choices/0/message/content").asText()
              .startsWith("I'm sorry") ? 1 : 0;
        }
      }
      wire.post("/chat/completions", "not json");                    // bad_request
      wire.get("/nope");                                             // not_found
      wire.send(java.net.http.HttpRequest.newBuilder(sim.baseUrl().resolve("/v1/models"))
          .GET().build());                                           // unauthorized
      wire.get("/models");                                           // ok

      JsonNode stats = wire.stats();
      assertThat(stats.get("requests").asLong()).isEqualTo(10);
      assertThat(refused).isBetween(1, 3); // at rate 0.5, seed 3 refuses some but not all
      assertThat(stats.get("refusal").asLong()).isEqualTo(refused);
      assertThat(stats.get("ok").asLong()).isEqualTo(4 - refused + 1);
      assertThat(stats.get("quota").asLong()).isEqualTo(2);
      assertThat(stats.get("bad_request").asLong()).isEqualTo(1);
      assertThat(stats.get("not_found").asLong()).isEqualTo(1);
      assertThat(stats.get("unauthorized").asLong()).isEqualTo(1);
      long sum = 0;
      for (Outcome o : Outcome.values()) {
        sum += stats.get(o.wireName()).asLong();
      }
      assertThat(sum).isEqualTo(10);
      assertThat(stats.get("prompt_tokens").asLong()).isEqualTo(promptTokens);
      assertThat(stats.get("completion_tokens").asLong()).isEqualTo(completionTokens);
      assertThat(Api.statsJson(sim.stats()).toString()).isEqualTo(stats.toString());
      assertThat(sim.stats().outcomeTotal()).isEqualTo(sim.stats().requests());
    }
  }
}
