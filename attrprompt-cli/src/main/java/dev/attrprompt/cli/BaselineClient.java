package dev.attrprompt.cli;

import dev.attrprompt.plan.PlannedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor the engine is measured against: a bare {@code java.net.http} client that sends the
 * same requests with the same concurrency and reads each answer's text, with no engine (limits,
 * retries, cache, accounting) and no store. The engine's rate divided by this one's is its
 * overhead ratio; the same run measures both, so the machine cancels out.
 *
 * <p>Each {@link #run} opens its own client and closes it at the end, as the engine does with
 * its connection: a client kept open between rounds would leave its idle connections with the
 * server while the engine runs, and the JDK's server closes every connection that goes idle
 * beyond 200 ({@code sun.net.httpserver.maxIdleConnections}), so the engine's would be cut
 * after each answer and its next request on them would fail.
 */
final class BaselineClient {
  record Result(long completed, long failed, double seconds) {
    double perSecond() {
      return completed / seconds;
    }
  }

  private final URI base;
  private final String model;
  private final int maxTokens;
  private final int concurrency;

  BaselineClient(URI base, String model, int maxTokens, int concurrency) {
    this.base = base;
    this.model = model;
    this.maxTokens = maxTokens;
    this.concurrency = concurrency;
  }

  /** Sends every request once, at most {@code concurrency} in flight; no retries. */
  Result run(List<PlannedRequest> requests) throws InterruptedException {
    try (HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // as the engine speaks to an http:// endpoint
        .connectTimeout(Duration.ofSeconds(10)).build()) {
      return run(http, requests);
    }
  }

  private Result run(HttpClient http, List<PlannedRequest> requests) throws InterruptedException {
    Semaphore slots = new Semaphore(concurrency);
    AtomicLong completed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    for (PlannedRequest r : requests) {
      slots.acquire();
      CompletableFuture<HttpResponse<String>> sent =
          http.sendAsync(request(r), HttpResponse.BodyHandlers.ofString());
      sent.whenComplete((response, error) -> {
        if (error == null && ReferenceClient.ok(response)) {
          completed.incrementAndGet();
        } else {
          failed.incrementAndGet();
        }
        slots.release();
      });
    }
    slots.acquire(concurrency); // every request has ended
    return new Result(completed.get(), failed.get(), (System.nanoTime() - start) / 1e9);
  }

  private HttpRequest request(PlannedRequest r) {
    return ReferenceClient.chatRequest(base, model, maxTokens, r, "baseline");
  }
}
