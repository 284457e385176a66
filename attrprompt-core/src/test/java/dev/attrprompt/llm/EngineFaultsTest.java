package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.llm.Attempt.Result;
import dev.attrprompt.llm.Outcome.Completed;
import dev.attrprompt.llm.Outcome.Failed;
import dev.attrprompt.llm.Outcome.FailureKind;
import dev.attrprompt.llm.Outcome.StopReason;
import dev.attrprompt.llm.Outcome.Stopped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each fault ends as a retry, a clear failure or a clean stop; none is lost. */
@Timeout(30)
class EngineFaultsTest {
  private final Scripted server = new Scripted();

  @AfterEach
  void close() {
    server.close();
  }

  private Outcome one(LlmConfig config, ChatRequest r) {
    try (Engine engine = Engine.open(config)) {
      return engine.submit(r).join();
    }
  }

  private static List<Result> results(Outcome o) {
    return o.attempts().stream().map(Attempt::result).toList();
  }

  @Test
  void rateLimitedWithRetryAfterWaitsAsToldThenSucceeds() {
    server.enqueue(new MockResponse.Builder(Scripted.error(429, "requests", "rate_limit_exceeded",
            "Rate limit reached")).addHeader("retry-after-ms", "300").build(),
        Scripted.ok("fine", 12, 5));
    // backoff is at most 5 ms here, so a wait of 300 ms or more can only be the server's
    try (Engine engine = Engine.open(server.config().concurrency(8).build())) {
      long t0 = System.nanoTime();
      Outcome o = engine.submit(Scripted.request("a")).join();
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

      assertThat(o).isInstanceOf(Completed.class);
      assertThat(((Completed) o).response().content()).isEqualTo("fine");
      assertThat(results(o)).containsExactly(Result.RATE_LIMITED, Result.OK);
      assertThat(o.attempts().get(0).status()).isEqualTo(429);
      assertThat(waited).isGreaterThanOrEqualTo(290);
      Stats s = engine.stats();
      assertThat(s.rateLimited()).isEqualTo(1);
      assertThat(s.retries()).isEqualTo(1);
      assertThat(s.httpRequests()).isEqualTo(2);
      assertThat(s.concurrencyLimit()).as("AIMD halves 8 on a 429, +1/4 after one success")
          .isEqualTo(4);
    }
    assertThat(server.requests()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void serverErrorsAreRetried(int status) {
    server.enqueue(Scripted.error(status, "server_error", "", "The server had an error"),
        Scripted.error(503, "server_error", "", "overloaded"), Scripted.ok("done", 10, 3));

    Outcome o = one(server.config().build(), Scripted.request("a"));

    assertThat(o).isInstanceOf(Completed.class);
    assertThat(results(o)).containsExactly(Result.SERVER_ERROR, Result.SERVER_ERROR, Result.OK);
    assertThat(o.attempts()).extracting(Attempt::status).containsExactly(status, 503, 200);
    assertThat(o.attempts().get(0).error()).contains("HTTP " + status)
        .contains("The server had an error");
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void headersThatNeverComeTimeOutThenTheRetrySucceeds() {
    server.enqueue(new MockResponse.Builder(Scripted.ok("late", 1, 1))
            .headersDelay(5, TimeUnit.SECONDS).build(),
        Scripted.ok("on time", 10, 3));

    Outcome o = one(server.config().requestTimeout(Duration.ofMillis(300)).build(),
        Scripted.request("a"));

    assertThat(o).isInstanceOf(Completed.class);
    assertThat(((Completed) o).response().content()).isEqualTo("on time");
    assertThat(results(o)).containsExactly(Result.TIMEOUT, Result.OK);
    assertThat(o.attempts().get(0).status()).isZero();
  }

  @Test
  void aBodyThatStallsAfterTheHeadersAlsoTimesOut() {
    // HttpRequest.timeout() stops counting at the headers; the engine's own deadline covers this
    server.enqueue(new MockResponse.Builder(Scripted.ok("late", 1, 1))
            .bodyDelay(5, TimeUnit.SECONDS).build(),
        Scripted.ok("on time", 10, 3));

    Outcome o = one(server.config().requestTimeout(Duration.ofMillis(300)).build(),
        Scripted.request("a"));

    assertThat(results(o)).containsExactly(Result.TIMEOUT, Result.OK);
  }

  @Test
  void aConnectionDroppedAtStartIsRetried() {
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket())
        .build(), Scripted.ok("after reconnect", 10, 3));

    Outcome o = one(server.config().build(), Scripted.request("a"));

    assertThat(o).isInstanceOf(Completed.class);
    assertThat(results(o)).containsExactly(Result.CONNECTION, Result.OK);
    assertThat(o.attempts().get(0).error()).startsWith("connection to http://127.0.0.1:");
  }

  @Test
  void aConnectionDroppedDuringTheBodyIsRetried() {
    server.enqueue(new MockResponse.Builder(Scripted.ok("x".repeat(5000), 10, 3))
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build(),
        Scripted.ok("whole", 10, 3));

    Outcome o = one(server.config().build(), Scripted.request("a"));

    assertThat(o).isInstanceOf(Completed.class);
    assertThat(((Completed) o).response().content()).isEqualTo("whole");
    assertThat(results(o)).containsExactly(Result.CONNECTION, Result.OK);
  }

  @Test
  void malformedBodiesAreRetried() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"choices\": [{\"mess").build(),
        new MockResponse.Builder().code(200).body("<html>Bad gateway</html>").build(),
        new MockResponse.Builder().code(200).body("{\"object\": \"chat.completion\"}").build(),
        Scripted.ok("parsed", 10, 3));

    Outcome o = one(server.config().build(), Scripted.request("a"));

    assertThat(o).isInstanceOf(Completed.class);
    assertThat(results(o)).containsExactly(Result.MALFORMED, Result.MALFORMED, Result.MALFORMED,
        Result.OK);
  }

  @Test
  void retriesExhaustedFailWithTheAttemptCountAndTheLastError() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(Scripted.error(503, "server_error", "", "overloaded"));
    }
    server.enqueue(Scripted.ok("never asked for", 1, 1));

    Outcome o = one(server.config().maxAttempts(3).build(), Scripted.request("a"));

    assertThat(o).isInstanceOfSatisfying(Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.RETRIES_EXHAUSTED);
      assertThat(f.message()).contains("3 attempts").contains("HTTP 503").contains("overloaded");
    });
    assertThat(o.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3);
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void unauthorizedFailsAtOnceSaysWhatToFixAndStopsTheRun() {
    server.enqueue(Scripted.error(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided"), Scripted.ok("never", 1, 1));
    try (Engine engine = Engine.open(server.config().concurrency(1).build())) {
      Outcome first = engine.submit(Scripted.request("a")).join();
      Outcome second = engine.submit(Scripted.request("b")).join();

      assertThat(first).isInstanceOfSatisfying(Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(f.message()).contains("the API key was refused")
            .contains("check OPENAI_API_KEY / --api-key-env");
      });
      assertThat(first.attempts()).hasSize(1);
      assertThat(second).isInstanceOfSatisfying(Stopped.class,
          s -> assertThat(s.reason()).isEqualTo(StopReason.REFUSED));
      assertThat(engine.stats().stopReason()).contains(StopReason.REFUSED);
    }
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void notFoundNamesTheModelAndTheUrl() {
    server.enqueue(Scripted.error(404, "invalid_request_error", "model_not_found",
        "The model `gpt-4o-mini` does not exist"));

    Outcome o = one(server.config().build(), Scripted.request("a"));

    assertThat(o).isInstanceOfSatisfying(Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.NOT_FOUND);
      assertThat(f.message()).contains("model 'gpt-4o-mini'").contains(server.endpoint())
          .contains("--base-url");
    });
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void forbiddenFailsAtOnce() {
    server.enqueue(Scripted.error(403, "invalid_request_error", "unsupported_country_region",
        "Country, region, or territory not supported"));

    Outcome o = one(server.config().build(), Scripted.request("a"));

    assertThat(o).isInstanceOfSatisfying(Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.FORBIDDEN);
      assertThat(f.message()).contains("HTTP 403").contains("territory not supported");
    });
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void badRequestShowsTheProvidersMessageAndTheRunGoesOn() {
    server.enqueue(Scripted.error(400, "invalid_request_error", "context_length_exceeded",
        "This model's maximum context length is 128000 tokens."), Scripted.ok("next", 10, 3));
    try (Engine engine = Engine.open(server.config().concurrency(1).build())) {
      Outcome bad = engine.submit(Scripted.request("a")).join();
      Outcome next = engine.submit(Scripted.request("b")).join();

      assertThat(bad).isInstanceOfSatisfying(Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.BAD_REQUEST);
        assertThat(f.message()).contains("HTTP 400")
            .contains("maximum context length is 128000 tokens");
      });
      assertThat(bad.attempts()).hasSize(1);
      assertThat(next).isInstanceOf(Completed.class);
      assertThat(engine.stats().stopReason()).isEmpty();
    }
    assertThat(server.requests()).isEqualTo(2);
  }

  /** Repeated: a stop set after the permit went back once let one more request out. */
  @RepeatedTest(10)
  void insufficientQuotaStopsTheRunAndSendsNothingMore() {
    server.enqueue(Scripted.error(429, "insufficient_quota", "insufficient_quota",
        "You exceeded your current quota"));
    for (int i = 0; i < 30; i++) {
      server.enqueue(Scripted.ok("would cost money", 10, 3));
    }
    List<ChatRequest> requests = IntStream.range(0, 20)
        .mapToObj(i -> Scripted.request("r" + i)).toList();
    List<Outcome> outcomes = new ArrayList<>();

    try (Engine engine = Engine.open(server.config().concurrency(1).build())) {
      RunEnd end = engine.run(requests, outcomes::add);
      assertThat(end.halt()).hasValueSatisfying(h -> {
        assertThat(h.reason()).isEqualTo(StopReason.QUOTA);
        assertThat(h.message()).contains("insufficient_quota").contains("resume");
      });
      assertThat(end.unsent()).isZero();
      assertThat(engine.stats().stopped()).isEqualTo(20);
    }
    assertThat(outcomes).hasSize(20).allSatisfy(o -> assertThat(o)
        .isInstanceOfSatisfying(Stopped.class, s -> assertThat(s.reason()).isEqualTo(StopReason.QUOTA)));
    assertThat(outcomes).extracting(Outcome::requestId).containsExactlyInAnyOrderElementsOf(
        requests.stream().map(ChatRequest::id).toList());
    assertThat(outcomes.stream().mapToInt(o -> o.attempts().size()).sum()).isEqualTo(1);
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void stopEndsWaitingRequestsAsStoppedAndCloseAfterwardsIsClean() throws Exception {
    server.enqueue(Scripted.error(503, "server_error", "", "down"));
    try (Engine engine = Engine.open(server.config()
        .backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)).build())) {
      var future = engine.submit(Scripted.request("a"));
      server.take(); // the first attempt went out; the request now sleeps in its backoff
      engine.stop();
      Outcome o = future.join();
      assertThat(o).isInstanceOfSatisfying(Stopped.class,
          s -> assertThat(s.reason()).isEqualTo(StopReason.CANCELLED));
      assertThat(results(o)).containsExactly(Result.SERVER_ERROR);
      assertThat(engine.submit(Scripted.request("b")).join()).isInstanceOf(Stopped.class);
    }
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void aRefusedKeyStopsTheRunAfterItsFirstAnswerWhateverTheConcurrency() {
    server.enqueue(Scripted.error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided"));
    for (int i = 0; i < 30; i++) {
      server.enqueue(Scripted.ok("would cost money", 10, 3));
    }
    List<ChatRequest> requests = IntStream.range(0, 20).mapToObj(i -> Scripted.request("k" + i)).toList();
    List<Outcome> outcomes = new ArrayList<>();
    try (Engine engine = Engine.open(server.config().concurrency(8).build())) {
      RunEnd end = engine.run(requests, outcomes::add);
      assertThat(end.halt()).hasValueSatisfying(h -> {
        assertThat(h.reason()).isEqualTo(StopReason.REFUSED);
        assertThat(h.message()).contains("the API key was refused (HTTP 401");
      });
      assertThat(outcomes.size() + end.unsent()).as("every request either ended or was never started").isEqualTo(20);
    }
    assertThat(server.requests()).as("only the first request went out").isEqualTo(1);
    assertThat(outcomes).filteredOn(o -> o instanceof Failed).hasSize(1);
  }

  @Test
  void anUnprocessableRequestIsNamedAsARequestErrorAndTriedOnce() {
    server.enqueue(Scripted.error(422, "invalid_request_error", "", "Input should be a valid number"),
        Scripted.ok("never", 1, 1));

    Outcome o = one(server.config().build(), Scripted.request("a"));

    assertThat(o).isInstanceOfSatisfying(Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.BAD_REQUEST);
      assertThat(f.message()).isEqualTo("the endpoint refused the request as invalid (HTTP 422 from "
          + server.endpoint() + "): Input should be a valid number");
    });
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void nothingListeningAtTheBaseUrlStopsTheRunAndSaysSo() {
    LlmConfig config = server.config().baseUrl("http://127.0.0.1:1/v1").maxAttempts(8).concurrency(4).build();
    List<ChatRequest> requests = IntStream.range(0, 10).mapToObj(i -> Scripted.request("c" + i)).toList();
    List<Outcome> outcomes = new ArrayList<>();
    try (Engine engine = Engine.open(config)) {
      RunEnd end = engine.run(requests, outcomes::add);
      assertThat(end.halt()).hasValueSatisfying(h -> {
        assertThat(h.reason()).isEqualTo(StopReason.REFUSED);
        assertThat(h.message()).startsWith("connection refused at http://127.0.0.1:1/v1; is the server running?");
      });
    }
    assertThat(outcomes).filteredOn(o -> o instanceof Failed).singleElement().satisfies(f -> {
      assertThat(((Failed) f).message()).contains("connection refused at http://127.0.0.1:1/v1");
      assertThat(f.attempts()).as("a few quick tries, not all eight").hasSize(RequestRunner.REFUSED_ATTEMPTS)
          .allSatisfy(a -> assertThat(a.result()).isEqualTo(Result.CONNECTION));
    });
    assertThat(outcomes).filteredOn(o -> o instanceof Stopped).hasSize(9)
        .allSatisfy(o -> assertThat(o.attempts()).isEmpty());
  }
}
