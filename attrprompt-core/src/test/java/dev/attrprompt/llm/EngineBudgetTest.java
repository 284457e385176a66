package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.Price;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.cost.TokenCounter;
import dev.attrprompt.llm.Outcome.Completed;
import dev.attrprompt.llm.Outcome.StopReason;
import dev.attrprompt.llm.Outcome.Stopped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The budget cap holds under concurrency, and the run stops cleanly when the next will not fit. */
@Timeout(30)
class EngineBudgetTest {
  private static final String MODEL = "test-model";
  /** $1 per thousand input tokens, $2 per thousand output tokens: easy sums. */
  private static final Price PRICE = new Price(1000, 2000);

  private final Scripted server = new Scripted();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void spendingNeverPassesTheCapAndStopsOnlyWhenTheNextRequestCannotFit() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    server.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Thread.sleep(5); // overlap the requests
        inFlight.decrementAndGet();
        return Scripted.ok("text", 10, 50); // $0.01 + $0.10
      }
    });
    double cap = 1.0;
    List<ChatRequest> requests = IntStream.range(0, 60)
        .mapToObj(i -> Scripted.request("r" + i)).toList();
    long prompt = TokenCounter.forModel(MODEL).chat(List.of(requests.get(0).messages().get(0).content()));
    List<Outcome> outcomes = new ArrayList<>();

    try (Engine engine = Engine.open(server.config().model(MODEL).concurrency(8).budgetUsd(cap)
        .prices(PriceTable.withOverrides(Map.of(MODEL, PRICE))).build())) {
      RunEnd end = engine.run(requests, outcomes::add);
      assertThat(end.halt()).hasValueSatisfying(h -> {
        assertThat(h.reason()).isEqualTo(StopReason.BUDGET);
        assertThat(h.message()).contains("budget of $1.0000");
      });
      Stats s = engine.stats();
      long completed = outcomes.stream().filter(o -> o instanceof Completed).count();
      double spent = outcomes.stream().mapToDouble(o -> o instanceof Completed c ? c.usd() : 0).sum();

      // every request either ended with an outcome or was never started after the stop
      assertThat(outcomes.size() + end.unsent()).isEqualTo(60);
      assertThat(s.usd()).isLessThanOrEqualTo(cap).isEqualTo(spent, within(1e-9));
      assertThat(s.usd()).isEqualTo(completed * 0.11, within(1e-9));
      // worst case of one request: its prompt with headroom plus max_tokens
      double worst = PRICE.usd(prompt + prompt / 20 + 8, 100);
      assertThat(s.usd()).as("it stopped only when even an idle engine could not fit one more")
          .isGreaterThan(cap - worst);
      assertThat(s.usdReserved()).isZero();
      assertThat(completed + s.stopped()).isEqualTo(60);
      assertThat(outcomes.stream().filter(o -> o instanceof Stopped st
          && st.reason() == StopReason.BUDGET)).hasSize((int) (60 - completed));
      assertThat(server.requests()).as("nothing was sent that could not be paid for")
          .isEqualTo((int) completed);
      assertThat(mostInFlight.get()).as("the requests did overlap").isGreaterThan(1);
    }
  }

  @Test
  void aBudgetTooSmallForOneRequestSendsNothing() throws InterruptedException {
    server.enqueue(Scripted.ok("never", 1, 1));
    try (Engine engine = Engine.open(server.config().model(MODEL).budgetUsd(0.01)
        .prices(PriceTable.withOverrides(Map.of(MODEL, PRICE))).build())) {
      Outcome o = engine.submit(Scripted.request("a")).join();
      assertThat(o).isInstanceOfSatisfying(Stopped.class,
          s -> assertThat(s.reason()).isEqualTo(StopReason.BUDGET));
      assertThat(engine.stats().usd()).isZero();
    }
    assertThat(server.server.takeRequest(50, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aBudgetNeedsThePriceOfTheModel() {
    assertThatThrownBy(() -> Engine.open(server.config().model("my-local-model").budgetUsd(5).build()))
        .isInstanceOf(UserError.class).hasMessageContaining("no price known for model 'my-local-model'");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
