package dev.attrprompt.llm;

import dev.attrprompt.cost.Price;
import dev.attrprompt.llm.Outcome.StopReason;
import dev.attrprompt.llm.Outcome.Stopped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The request engine: sends chat requests to an OpenAI-compatible endpoint within the configured
 * (or learned) rate limits and an adaptive concurrency limit, retries transient faults, fails fast
 * on request errors, answers repeated requests from a content-addressed cache, accounts tokens and
 * dollars, and never spends past the budget cap.
 *
 * <pre>{@code
 * try (Engine engine = Engine.open(LlmConfig.builder().model("gpt-4o-mini").cache(file).build())) {
 *   RunEnd end = engine.run(requests, outcome -> store.record(outcome));
 * }
 * }</pre>
 *
 * Every submitted request ends as exactly one {@link Outcome}. After a stop (budget, quota, a
 * refused key or model, {@link #stop()}) no further request is sent; requests already on the wire
 * finish and are kept, those waiting for a permit end as {@link Outcome.Stopped}, and
 * {@link #run} starts no more.
 */
public final class Engine implements AutoCloseable {
  private final LlmConfig config;
  private final HttpEdge edge;
  private final Optional<ResponseCache> cache;
  private final RequestRunner runner;
  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("attrprompt-llm-", 0).factory());
  private final AtomicLong pending = new AtomicLong();
  private volatile boolean closed;

  private Engine(LlmConfig config, Optional<Price> price) {
    this.config = config;
    this.cache = config.cache().map(ResponseCache::open);
    this.edge = HttpEdge.open(config.connection());
    this.runner = new RequestRunner(config, edge, cache, price);
  }

  /**
   * Opens an engine (and its cache file). A budget needs the model's price: without one this
   * throws a {@link dev.attrprompt.UserError} that says how to add it.
   */
  public static Engine open(LlmConfig config) {
    Optional<Price> price = config.budgetUsd().isPresent()
        ? Optional.of(config.prices().require(config.model()))
        : config.prices().find(config.model());
    return new Engine(config, price);
  }

  public LlmConfig config() {
    return config;
  }

  /** Starts a request; the future always completes normally, with its outcome. */
  public CompletableFuture<Outcome> submit(ChatRequest request) {
    if (closed) {
      return CompletableFuture.completedFuture(closedOutcome(request));
    }
    pending.incrementAndGet();
    try {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return runner.execute(request);
        } finally {
          pending.decrementAndGet();
        }
      }, threads);
    } catch (RejectedExecutionException e) { // closed meanwhile
      pending.decrementAndGet();
      return CompletableFuture.completedFuture(closedOutcome(request));
    }
  }

  /**
   * Runs {@code requests} and hands each outcome to {@code onOutcome} on the calling thread, one at
   * a time, as they end (not in order). Returns when every started request has ended. Once the run
   * stops (budget, quota, a refused key/model/URL, {@link #stop()}, an interrupt) no further
   * request is started: the result says why and how many were left unsent, so stopping a run of a
   * million requests takes as long as the requests already on the wire, not a pass over the rest.
   */
  public RunEnd run(List<ChatRequest> requests, Consumer<Outcome> onOutcome) {
    return runInBatches(requests, batch -> batch.forEach(onOutcome));
  }

  /**
   * As {@link #run}, but hands over together the outcomes that have ended by the time the calling
   * thread looks, so that a caller can store them in one transaction instead of one each.
   */
  public RunEnd runInBatches(List<ChatRequest> requests, Consumer<List<Outcome>> onOutcomes) {
    // a window, not all at once: a plan of 100,000 requests should not be 100,000 threads
    Semaphore window = new Semaphore(Math.max(64, config.concurrency() * 4));
    LinkedBlockingQueue<Outcome> done = new LinkedBlockingQueue<>();
    long started = 0;
    long delivered = 0;
    boolean interrupted = false;
    for (ChatRequest r : requests) {
      while (!window.tryAcquire() && !runner.stop.isSet()) {
        Outcome o = take(done);
        if (o == null) {
          interrupted = true;
          runner.stop(StopReason.CANCELLED, "the run was interrupted");
          continue;
        }
        delivered += deliver(o, done, onOutcomes);
      }
      if (runner.stop.isSet()) {
        break;
      }
      started++;
      submit(r).thenAccept(o -> {
        done.add(o);
        window.release();
      });
      Outcome o = done.poll();
      if (o != null) {
        delivered += deliver(o, done, onOutcomes);
      }
    }
    while (delivered < started) {
      Outcome o = take(done);
      if (o == null) {
        interrupted = true;
        runner.stop(StopReason.CANCELLED, "the run was interrupted");
        continue;
      }
      delivered += deliver(o, done, onOutcomes);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Optional<RunEnd.Halt> halt = runner.stop.get().map(s -> new RunEnd.Halt(s.reason(), s.message()));
    return new RunEnd(stats(), halt, requests.size() - started);
  }

  /** Hands over {@code first} and whatever else has ended meanwhile; returns how many. */
  private static int deliver(Outcome first, LinkedBlockingQueue<Outcome> done, Consumer<List<Outcome>> onOutcomes) {
    List<Outcome> batch = new java.util.ArrayList<>();
    batch.add(first);
    done.drainTo(batch);
    onOutcomes.accept(batch);
    return batch.size();
  }

  private static Outcome take(LinkedBlockingQueue<Outcome> done) {
    try {
      return done.take();
    } catch (InterruptedException e) {
      return null; // the caller stops the run, then keeps collecting: nothing may be lost
    }
  }

  /**
   * The answer the response cache holds for {@code request}, as {@link #submit} would hand it out
   * (free, {@code cached}); empty when it holds none or the engine has no cache. Asks nothing.
   */
  public Optional<Outcome.Completed> cached(ChatRequest request) {
    if (cache.isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<ResponseCache.Entry> e = cache.get().get(CacheKey.of(config.model(), request));
      if (e.isEmpty()) {
        return Optional.empty();
      }
      TokenUsage usage = new TokenUsage(e.get().promptTokens(), e.get().completionTokens(), false);
      ChatResponse response = Wire.response(e.get().body(), java.util.Map.of(), true, content -> usage);
      runner.cacheHits.increment();
      return Optional.of(new Outcome.Completed(request.id(), response, 0, List.of()));
    } catch (Wire.Malformed unreadable) {
      return Optional.empty();
    } catch (java.sql.SQLException e) {
      throw new dev.attrprompt.WorkFailure("cannot read the response cache: " + e.getMessage(), e);
    }
  }

  /**
   * Keeps an answer to {@code request} that was bought outside the engine (a line of a Batch API
   * output file) in the response cache, so that asking it again online or in a later batch costs
   * nothing; returns once it is committed. Without a cache, does nothing.
   */
  public void remember(ChatRequest request, ChatResponse response) {
    if (cache.isEmpty()) {
      return;
    }
    try {
      cache.get().put(CacheKey.of(config.model(), request), config.model(), response.body(), response.usage());
    } catch (java.sql.SQLException e) {
      throw new dev.attrprompt.WorkFailure("cannot write the response cache: " + e.getMessage(), e);
    }
  }

  /** Stops the run: nothing more is sent; waiting requests end as {@link Outcome.Stopped}. */
  public void stop() {
    runner.stop(StopReason.CANCELLED, "the run was stopped");
  }

  public Stats stats() {
    return new Stats(runner.completed.sum(), runner.failed.sum(), runner.stopped.sum(),
        runner.cacheHits.sum(), runner.httpRequests.sum(), runner.retries.sum(),
        runner.rateLimited.sum(), runner.promptTokens.sum(), runner.completionTokens.sum(),
        runner.budget.spent() / 1e9, runner.budget.reserved() / 1e9, runner.price().isPresent(),
        runner.gate.limit(), runner.gate.inFlight(), runner.limits.requestsPerMinute(),
        runner.limits.tokensPerMinute(), runner.limits.learned(),
        runner.stop.get().map(StopSignal.Stop::reason));
  }

  /**
   * Stops what is still pending (those requests end as {@link Outcome.Stopped}), waits for every
   * request thread to finish, then closes the cache (after its last commit) and the HTTP client.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pending.get() > 0) {
      runner.stop(StopReason.CANCELLED, "the engine was closed");
    }
    threads.close();
    cache.ifPresent(ResponseCache::close);
    edge.close();
  }

  private Stopped closedOutcome(ChatRequest r) {
    runner.stopped.increment();
    return new Stopped(r.id(), StopReason.CANCELLED, "the engine is closed", List.of());
  }

  @Override
  public String toString() {
    return "Engine[" + config.publicEndpoint() + ", " + config.model() + "]";
  }
}
