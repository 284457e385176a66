package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.llm.Outcome.Completed;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Nothing paid for is bought twice: hits make no HTTP request and cost nothing. */
@Timeout(30)
class EngineCacheTest {
  private final Scripted server = new Scripted();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    server.close();
  }

  private Path file() {
    return dir.resolve("cache.sqlite");
  }

  @Test
  void aSecondIdenticalRequestIsAnsweredFromTheCacheForFree() {
    server.enqueue(Scripted.ok("bought once", 20, 30), Scripted.ok("bought twice", 20, 30));
    try (Engine engine = Engine.open(server.config().cache(file()).build())) {
      Completed first = (Completed) engine.submit(Scripted.request("a")).join();
      ChatRequest same = new ChatRequest("another id", Scripted.request("a").messages(), 1.0, 1.0,
          100, Scripted.request("a").seed(), 0);
      Completed second = (Completed) engine.submit(same).join();

      assertThat(first.response().cached()).isFalse();
      assertThat(first.usd()).isEqualTo((20 * 0.15 + 30 * 0.60) / 1e6, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(second.requestId()).isEqualTo("another id");
      assertThat(second.response().cached()).isTrue();
      assertThat(second.response().content()).isEqualTo("bought once");
      assertThat(second.response().usage()).isEqualTo(first.response().usage());
      assertThat(second.usd()).isZero();
      assertThat(second.attempts()).isEmpty();
      Stats s = engine.stats();
      assertThat(s.cacheHits()).isEqualTo(1);
      assertThat(s.httpRequests()).isEqualTo(1);
      assertThat(s.usd()).isEqualTo(first.usd(), org.assertj.core.data.Offset.offset(1e-12));
      assertThat(s.promptTokens()).isEqualTo(20);
    }
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void theAnswerIsCommittedBeforeItIsReturnedAndSurvivesAnotherEngineAndUrl() throws Exception {
    server.enqueue(Scripted.ok("kept", 20, 30));
    try (Engine engine = Engine.open(server.config().cache(file()).build())) {
      Completed c = (Completed) engine.submit(Scripted.request("a")).join();
      // read with a connection of our own while the engine is still open
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file());
          ResultSet rs = db.createStatement().executeQuery(
              "SELECT body, prompt_tokens, completion_tokens FROM responses")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(c.response().body());
        assertThat(rs.getLong(2)).isEqualTo(20);
        assertThat(rs.getLong(3)).isEqualTo(30);
        assertThat(rs.next()).isFalse();
      }
    }
    // the key does not depend on the base URL: a proxy in front of the same model is the same
    try (Scripted other = new Scripted();
        Engine engine = Engine.open(other.config().cache(file()).build())) {
      Completed again = (Completed) engine.submit(Scripted.request("a")).join();
      assertThat(again.response().cached()).isTrue();
      assertThat(again.response().content()).isEqualTo("kept");
      assertThat(other.requests()).isZero();
    }
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void anotherChoiceIndexOrSeedIsAnotherAnswer() {
    server.enqueue(Scripted.ok("one", 1, 1), Scripted.ok("two", 1, 1), Scripted.ok("three", 1, 1));
    ChatRequest base = Scripted.request("a");
    try (Engine engine = Engine.open(server.config().cache(file()).build())) {
      engine.submit(base).join();
      Completed choice1 = (Completed) engine.submit(new ChatRequest("b", base.messages(), 1.0, 1.0,
          100, base.seed(), 1)).join();
      Completed seed2 = (Completed) engine.submit(new ChatRequest("c", base.messages(), 1.0, 1.0,
          100, java.util.OptionalLong.of(2), 0)).join();
      assertThat(choice1.response().content()).isEqualTo("two");
      assertThat(seed2.response().content()).isEqualTo("three");
      assertThat(engine.stats().cacheHits()).isZero();
    }
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void identicalRequestsInFlightTogetherAreBoughtOnce() {
    server.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return Scripted.ok("shared", 10, 10);
      }
    });
    ChatRequest r = Scripted.request("same");
    List<CompletableFuture<Outcome>> futures = new ArrayList<>();
    try (Engine engine = Engine.open(server.config().concurrency(8).cache(file()).build())) {
      IntStream.range(0, 20).forEach(i -> futures.add(engine.submit(
          new ChatRequest("id" + i, r.messages(), 1.0, 1.0, 100, r.seed(), 0))));
      List<Completed> done = futures.stream().map(f -> (Completed) f.join()).toList();
      assertThat(done).extracting(c -> c.response().content()).containsOnly("shared");
      assertThat(done.stream().filter(c -> !c.response().cached()).count()).isEqualTo(1);
      assertThat(engine.stats().cacheHits()).isEqualTo(19);
    }
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void withoutTheCacheEveryRequestIsSent() {
    server.enqueue(Scripted.ok("one", 1, 1), Scripted.ok("two", 1, 1));
    try (Engine engine = Engine.open(server.config().build())) {
      engine.submit(Scripted.request("a")).join();
      Completed again = (Completed) engine.submit(Scripted.request("a")).join();
      assertThat(again.response().cached()).isFalse();
      assertThat(again.response().content()).isEqualTo("two");
    }
    assertThat(server.requests()).isEqualTo(2);
  }
}
