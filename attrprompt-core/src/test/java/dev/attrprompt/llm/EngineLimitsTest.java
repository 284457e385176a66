package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Limits come from the configuration or, when it is silent, from the server's headers. */
@Timeout(30)
class EngineLimitsTest {
  private final Scripted server = new Scripted();

  @AfterEach
  void close() {
    server.close();
  }

  private static MockResponse limited(String content) {
    return new MockResponse.Builder(Scripted.ok(content, 10, 5))
        .addHeader("x-ratelimit-limit-requests", "6000")
        .addHeader("x-ratelimit-limit-tokens", "900000")
        .addHeader("x-ratelimit-remaining-requests", "5999")
        .addHeader("x-ratelimit-remaining-tokens", "899000")
        .addHeader("x-ratelimit-reset-requests", "10ms")
        .addHeader("x-ratelimit-reset-tokens", "1m6.5s")
        .build();
  }

  @Test
  void limitsAreLearnedFromHeadersWhenNotConfigured() {
    server.enqueue(limited("a"));
    try (Engine engine = Engine.open(server.config().build())) {
      assertThat(engine.stats().requestsPerMinute()).isZero();
      engine.submit(Scripted.request("a")).join();
      Stats s = engine.stats();
      assertThat(s.requestsPerMinute()).isEqualTo(6000);
      assertThat(s.tokensPerMinute()).isEqualTo(900000);
      assertThat(s.server().requestsPerMinute()).isEqualTo(OptionalLong.of(6000));
      assertThat(s.server().remainingRequests()).isEqualTo(OptionalLong.of(5999));
      assertThat(s.server().remainingTokens()).isEqualTo(OptionalLong.of(899000));
      assertThat(s.server().resetRequests()).contains(Duration.ofMillis(10));
      assertThat(s.server().resetTokens()).contains(Duration.ofMillis(66_500));
    }
  }

  @Test
  void configuredLimitsWinOverHeaders() {
    server.enqueue(limited("a"));
    try (Engine engine = Engine.open(server.config().rpm(60_000).tpm(5_000_000).build())) {
      engine.submit(Scripted.request("a")).join();
      Stats s = engine.stats();
      assertThat(s.requestsPerMinute()).isEqualTo(60_000);
      assertThat(s.tokensPerMinute()).isEqualTo(5_000_000);
      assertThat(s.server().requestsPerMinute()).as("still reported").isEqualTo(OptionalLong.of(6000));
    }
  }

  @Test
  void withoutHeadersNothingIsLearned() {
    server.enqueue(Scripted.ok("a", 1, 1));
    try (Engine engine = Engine.open(server.config().build())) {
      engine.submit(Scripted.request("a")).join();
      Stats s = engine.stats();
      assertThat(s.requestsPerMinute()).isZero();
      assertThat(s.tokensPerMinute()).isZero();
      assertThat(s.server()).isEqualTo(Stats.ServerLimits.NONE);
    }
  }

  @Test
  void repeated429sFromOneWindowCutTheConcurrencyOnce() throws Exception {
    MockResponse slow429 = new MockResponse.Builder(Scripted.error(429, "requests",
        "rate_limit_exceeded", "slow down")).headersDelay(100, java.util.concurrent.TimeUnit.MILLISECONDS)
        .build();
    for (int i = 0; i < 8; i++) {
      server.enqueue(slow429);
    }
    for (int i = 0; i < 8; i++) {
      server.enqueue(Scripted.ok("ok", 1, 1));
    }
    try (Engine engine = Engine.open(server.config().concurrency(8).build())) {
      var futures = java.util.stream.IntStream.range(0, 8)
          .mapToObj(i -> engine.submit(Scripted.request("r" + i))).toList();
      futures.forEach(f -> assertThat(f.join()).isInstanceOf(Outcome.Completed.class));
      Stats s = engine.stats();
      assertThat(s.rateLimited()).isEqualTo(8);
      // the 8 requests that met a 429 may have been sent in one window (one cut to 4) or, if the
      // scheduler split them, in two (4, then 2); never one cut per 429
      assertThat(s.concurrencyLimit()).isBetween(2, 5);
    }
  }

  @Test
  void a429WhileTheHeadersShowRoomLeftDelaysOnlyItsRequest() throws Exception {
    MockResponse isolated = new MockResponse.Builder(Scripted.error(429, "requests", "rate_limit_exceeded",
        "try again")).addHeader("retry-after-ms", "50").addHeader("x-ratelimit-remaining-requests", "2900")
        .addHeader("x-ratelimit-remaining-tokens", "900000").build();
    MockResponse exhausted = new MockResponse.Builder(Scripted.error(429, "requests", "rate_limit_exceeded",
        "slow down")).addHeader("retry-after-ms", "50").addHeader("x-ratelimit-remaining-requests", "0")
        .addHeader("x-ratelimit-remaining-tokens", "900000").build();
    server.enqueue(isolated);
    server.enqueue(Scripted.ok("a", 1, 1));
    try (Engine engine = Engine.open(server.config().concurrency(8).build())) {
      assertThat(engine.submit(Scripted.request("a")).join()).isInstanceOf(Outcome.Completed.class);
      assertThat(engine.stats().rateLimited()).isEqualTo(1);
      assertThat(engine.stats().concurrencyLimit()).as("an isolated 429 is no sign of overload").isEqualTo(8);
    }
    server.enqueue(exhausted);
    server.enqueue(Scripted.ok("b", 1, 1));
    try (Engine engine = Engine.open(server.config().concurrency(8).build())) {
      assertThat(engine.submit(Scripted.request("b")).join()).isInstanceOf(Outcome.Completed.class);
      assertThat(engine.stats().concurrencyLimit()).as("an empty bucket halves the limit").isEqualTo(4);
    }
  }

  @Test
  void aRequestTurnedAwayKeepsItsPlaceInsteadOfQueueingBehindLaterOnes() throws Exception {
    // one request a second: "a" goes at once and "b" is paced to one second later. "a" meets a
    // 500 after 200 ms and retries a few milliseconds later on the reservation it kept. Had it
    // given the reservation back and queued again, it would have been sent with "b", at 1 s.
    server.enqueue(new MockResponse.Builder(Scripted.error(500, "server_error", "server_error", "boom"))
        .headersDelay(200, java.util.concurrent.TimeUnit.MILLISECONDS).build());
    server.enqueue(Scripted.ok("first", 1, 1), Scripted.ok("second", 1, 1));
    try (Engine engine = Engine.open(server.config().rpm(60).concurrency(2).build())) {
      long start = System.nanoTime();
      var a = engine.submit(Scripted.request("aaa"));
      Thread.sleep(50); // "a" reserves first
      var b = engine.submit(Scripted.request("bbb"));
      assertThat(a.join()).isInstanceOf(Outcome.Completed.class);
      long aMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(b.join()).isInstanceOf(Outcome.Completed.class);
      assertThat(aMillis).as("the retry did not wait for the next free slot at 1 s").isLessThan(700);
    }
    java.util.List<String> order = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      order.add(server.take().getBody().utf8().contains("aaa") ? "a" : "b");
    }
    assertThat(order).containsExactly("a", "a", "b");
  }
}
