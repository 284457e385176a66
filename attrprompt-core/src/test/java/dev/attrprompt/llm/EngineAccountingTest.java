package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.cost.Price;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.cost.TokenCounter;
import dev.attrprompt.llm.Outcome.Completed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tokens and dollars add up across outcomes, retries and cache hits, under concurrency. */
@Timeout(30)
class EngineAccountingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Scripted server = new Scripted();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void perRequestCostsAndTotalsAgree() {
    // usage is a function of the seed; every 7th seed fails once with a 503 first
    Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
    server.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        long seed;
        try {
          seed = JSON.readTree(request.getBody().utf8()).path("seed").asLong();
        } catch (Exception e) {
          return Scripted.error(400, "invalid_request_error", "", "unreadable");
        }
        if (seed % 7 == 0 && failedOnce.add(seed)) {
          return Scripted.error(503, "server_error", "", "busy");
        }
        return Scripted.ok("s" + seed, 10 + seed, 2 * seed);
      }
    });
    Price price = new Price(1000, 2000);
    List<ChatRequest> requests = new ArrayList<>();
    IntStream.range(1, 41).forEach(i -> requests.add(ChatRequest.of("r" + i, "prompt " + i, 1, 1,
        500, i)));
    IntStream.range(1, 6).forEach(i -> requests.add(ChatRequest.of("again" + i, "prompt " + i, 1,
        1, 500, i))); // asked again: answered by the cache
    List<Outcome> outcomes = new ArrayList<>();

    Stats s;
    try (Engine engine = Engine.open(server.config().model("m").concurrency(8)
        .cache(dir.resolve("c.sqlite")).prices(PriceTable.withOverrides(Map.of("m", price))).build())) {
      s = engine.run(requests, outcomes::add).stats();
    }

    List<Completed> done = outcomes.stream().map(o -> (Completed) o).toList();
    List<Completed> paid = done.stream().filter(c -> !c.response().cached()).toList();
    long expectedPrompt = IntStream.range(1, 41).mapToLong(i -> 10 + i).sum();
    long expectedCompletion = IntStream.range(1, 41).mapToLong(i -> 2L * i).sum();
    assertThat(done).hasSize(45);
    assertThat(paid).hasSize(40);
    assertThat(s.completed()).isEqualTo(45);
    assertThat(s.ended()).isEqualTo(45);
    assertThat(s.cacheHits()).isEqualTo(5);
    assertThat(s.promptTokens()).isEqualTo(expectedPrompt);
    assertThat(s.completionTokens()).isEqualTo(expectedCompletion);
    assertThat(s.usd()).isEqualTo(price.usd(expectedPrompt, expectedCompletion), offset(1e-9));
    assertThat(done.stream().mapToDouble(Completed::usd).sum()).isEqualTo(s.usd(), offset(1e-9));
    for (Completed c : paid) {
      TokenUsage u = c.response().usage();
      assertThat(c.usd()).isEqualTo(price.usd(u.promptTokens(), u.completionTokens()), offset(1e-9));
    }
    long retried = IntStream.range(1, 41).filter(i -> i % 7 == 0).count();
    assertThat(s.retries()).isEqualTo(retried);
    assertThat(s.httpRequests()).isEqualTo(40 + retried);
    assertThat(done.stream().mapToInt(c -> c.attempts().size()).sum()).isEqualTo(40 + retried);
    assertThat(server.requests()).isEqualTo(40 + retried);
  }

  @Test
  void missingUsageIsEstimatedFromTheText() {
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"choices":[{"index":0,"message":{"role":"assistant","content":"four words of text"},\
        "finish_reason":"length"}]}""").build());
    try (Engine engine = Engine.open(server.config().model("local-llama").build())) {
      Completed c = (Completed) engine.submit(ChatRequest.of("a", "hello there", 1, 1, 50, 1)).join();
      TokenCounter counter = TokenCounter.forModel("local-llama");
      assertThat(c.response().usage()).isEqualTo(new TokenUsage(counter.chat(List.of("hello there")),
          counter.count("four words of text"), true));
      assertThat(c.response().finishReason()).isEqualTo("length");
      Stats s = engine.stats();
      assertThat(s.priced()).as("no price for a local model and no budget: nothing to charge")
          .isFalse();
      assertThat(s.usd()).isZero();
      assertThat(s.completionTokens()).isEqualTo(counter.count("four words of text"));
    }
  }
}
