package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The concurrency limit holds at the server: a request's place is given back when its answer has
 * arrived (on the HTTP client's thread) and never given back twice.
 */
class EngineConcurrencyTest {
  private final Scripted server = new Scripted();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void theServerNeverSeesMoreRequestsAtOnceThanTheLimit() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    server.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Thread.sleep(3);
        inFlight.decrementAndGet();
        // every fifth answer is a 500 (its retry keeps its place), the rest succeed
        return served.incrementAndGet() % 5 == 0
            ? Scripted.error(500, "server_error", "", "try again") : Scripted.ok("text", 10, 20);
      }
    });
    List<ChatRequest> requests = IntStream.range(0, 120).mapToObj(i -> Scripted.request("r" + i)).toList();
    List<Outcome> outcomes = new ArrayList<>();
    try (Engine engine = Engine.open(server.config().concurrency(4).build())) {
      engine.run(requests, outcomes::add);
      Stats s = engine.stats();
      assertThat(outcomes).hasSize(120).allMatch(o -> o instanceof Outcome.Completed);
      assertThat(most.get()).as("at most the limit at once, and they did overlap").isBetween(2, 4);
      assertThat(s.inFlight()).as("every place came back, once").isZero();
      assertThat(s.concurrencyLimit()).isEqualTo(4);
      assertThat(s.retries()).isPositive();
    }
  }
}
