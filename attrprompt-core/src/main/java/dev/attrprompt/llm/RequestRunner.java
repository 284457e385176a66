package dev.attrprompt.llm;

import dev.attrprompt.cost.Price;
import dev.attrprompt.cost.TokenCounter;
import dev.attrprompt.llm.Attempt.Result;
import dev.attrprompt.llm.Faults.Step;
import dev.attrprompt.llm.Outcome.Completed;
import dev.attrprompt.llm.Outcome.Failed;
import dev.attrprompt.llm.Outcome.FailureKind;
import dev.attrprompt.llm.Outcome.StopReason;
import dev.attrprompt.llm.Outcome.Stopped;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One request from submission to outcome: cache, budget reservation, concurrency permit, pacing,
 * attempts with retries, commit, accounting. Runs on its own virtual thread, so waiting is just
 * blocking. Every path returns an outcome; nothing escapes as an exception.
 */
final class RequestRunner {
  /** Attempts at an address where nothing listens before the run stops, if nothing ever answered. */
  static final int REFUSED_ATTEMPTS = 3;

  final LongAdder completed = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder stopped = new LongAdder();
  final LongAdder cacheHits = new LongAdder();
  final LongAdder httpRequests = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder rateLimited = new LongAdder();
  final LongAdder promptTokens = new LongAdder();
  final LongAdder completionTokens = new LongAdder();

  private final LlmConfig config;
  private final HttpEdge edge;
  private final Connection connection;
  private final FirstAnswer first = new FirstAnswer();
  private final Faults faults;
  private final Optional<ResponseCache> cache;
  private final Optional<Price> price;
  private final TokenCounter counter;
  private final RetryPolicy retry;
  final RateLimits limits;
  final AdaptiveLimit gate;
  final Budget budget;
  final StopSignal stop = new StopSignal();
  /** Identical requests in flight wait for the first instead of buying the same answer twice. */
  private final Map<String, CompletableFuture<Void>> buying = new ConcurrentHashMap<>();

  RequestRunner(LlmConfig config, HttpEdge edge, Optional<ResponseCache> cache,
      Optional<Price> price) {
    this.config = config;
    this.edge = edge;
    this.connection = edge.connection();
    this.cache = cache;
    this.price = price;
    this.faults = new Faults(config.model(), Redact.url(config.endpoint()), connection);
    this.counter = TokenCounter.forModel(config.model());
    this.retry = new RetryPolicy(config.maxAttempts(), config.backoffBase(), config.backoffMax(),
        config.maxRetryAfter());
    this.limits = new RateLimits(config.rpm(), config.tpm());
    this.gate = new AdaptiveLimit(config.concurrency());
    this.budget = new Budget(config.budgetUsd().isPresent()
        ? (long) Math.floor(config.budgetUsd().getAsDouble() * 1e9) : Long.MAX_VALUE);
  }

  Outcome execute(ChatRequest r) {
    Outcome o;
    try {
      o = route(r);
    } catch (InterruptedException e) {
      stop(StopReason.CANCELLED, "the run was interrupted");
      Thread.currentThread().interrupt();
      o = stopped(r, List.of());
    } catch (SQLException e) {
      o = new Failed(r.id(), FailureKind.STORAGE, connection.redact(e.getMessage()),
          List.of());
    } catch (RuntimeException | Error e) {
      o = new Failed(r.id(), FailureKind.INTERNAL, "internal error (a bug): "
          + connection.redact(e.toString()), List.of());
    }
    switch (o) {
      case Completed c -> completed.increment();
      case Failed f -> failed.increment();
      case Stopped s -> stopped.increment();
    }
    return o;
  }

  /** Sets the run's stop (the first reason wins) and wakes every waiting request to see it. */
  void stop(StopReason reason, String message) {
    if (stop.set(reason, message)) {
      gate.wakeAll();
      budget.wakeAll();
      first.wakeAll();
    }
  }

  private Outcome route(ChatRequest r) throws InterruptedException, SQLException {
    if (stop.isSet()) {
      return stopped(r, List.of());
    }
    if (cache.isEmpty()) {
      return buy(r, Optional.empty());
    }
    String key = CacheKey.of(config.model(), r);
    while (true) {
      CompletableFuture<Void> mine = new CompletableFuture<>();
      CompletableFuture<Void> twin = buying.putIfAbsent(key, mine);
      if (twin == null) {
        try {
          Optional<Outcome> hit = lookup(r, key);
          return hit.isPresent() ? hit.get() : buy(r, Optional.of(key));
        } finally {
          buying.remove(key, mine);
          mine.complete(null);
        }
      }
      try {
        twin.get(); // then look again: a hit if the twin bought it, else this one buys
      } catch (ExecutionException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  private Optional<Outcome> lookup(ChatRequest r, String key) throws SQLException {
    Optional<ResponseCache.Entry> e = cache.orElseThrow().get(key);
    if (e.isEmpty()) {
      return Optional.empty();
    }
    TokenUsage usage = new TokenUsage(e.get().promptTokens(), e.get().completionTokens(), false);
    try {
      ChatResponse response = Wire.response(e.get().body(), Map.of(), true, content -> usage);
      cacheHits.increment();
      return Optional.of(new Completed(r.id(), response, 0, List.of()));
    } catch (Wire.Malformed unreadable) {
      return Optional.empty(); // only paid, well-formed bodies are stored; buy it again if not
    }
  }

  private Outcome buy(ChatRequest r, Optional<String> key)
      throws InterruptedException, SQLException {
    long prompt = counter.chat(r.messages().stream().map(Message::content).toList());
    // headroom so that a provider counting a little differently cannot push a request past its
    // reservation, and so past the budget cap
    long promptBound = prompt + prompt / 20 + 8;
    long tokens = promptBound + r.maxTokens();
    long worst = price.map(p -> Budget.nanos(p.usd(promptBound, r.maxTokens()))).orElse(0L);
    if (!budget.reserve(worst, stop::isSet)) {
      stop(StopReason.BUDGET, String.format(java.util.Locale.ROOT, "the budget of $%.4f is "
          + "reached ($%.4f spent; the next request could cost up to $%.6f)", budget.cap() / 1e9,
          budget.spent() / 1e9, worst / 1e9));
      return stopped(r, List.of());
    }
    long cost = 0;
    HttpEdge.Call call = HttpEdge.Call.postJson("/chat/completions", Wire.request(config.model(), r));
    List<Attempt> attempts = new ArrayList<>(1);
    // A request the server turned away without serving it (a 5xx, an isolated 429) keeps its
    // place while it waits to retry: its concurrency permit and its share of the rate limits.
    // Otherwise its retry would queue again behind every request reserved since.
    long permit = -1;
    boolean placeKept = false;
    FirstAnswer.Role role = FirstAnswer.Role.STOPPED;
    // one retry at once per request when a reused keep-alive connection turned out closed
    boolean quickRetryUsed = false;
    try {
      role = first.enter(stop::isSet);
      if (role == FirstAnswer.Role.STOPPED) {
        return stopped(r, attempts);
      }
      for (int n = 1; ; n++) {
        if (!placeKept) {
          permit = gate.acquire(stop::isSet);
          if (permit < 0) {
            return stopped(r, attempts);
          }
        }
        if (stop.sleep(placeKept ? limits.pauseLeft() : limits.acquire(tokens))) {
          gate.release(permit, AdaptiveLimit.Signal.NEUTRAL);
          limits.correct(tokens);
          limits.refundRequest();
          return stopped(r, attempts);
        }
        placeKept = false;
        httpRequests.increment();
        long t0 = System.nanoTime();
        int status = 0;
        Step step;
        boolean refused = false;
        boolean closedBeforeReply = false;
        // a successful answer gives its concurrency place back the moment it has arrived, on the
        // HTTP client's thread: this thread may wait a while to run again on a busy machine, and
        // the place would sit unused meanwhile. Whoever flips the flag first gives it back.
        AtomicBoolean placeFreed = new AtomicBoolean();
        try {
          HttpEdge.Reply reply = edge.exchange(call, s -> {
            if (s / 100 == 2 && placeFreed.compareAndSet(false, true)) {
              gate.free();
            }
          });
          status = reply.status();
          limits.observe(reply.headers());
          step = faults.reply(reply, content -> new TokenUsage(prompt, counter.count(content), true));
        } catch (IOException e) {
          step = faults.exception(e);
          refused = HttpEdge.refused(e);
          closedBeforeReply = HttpEdge.closedBeforeReply(e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // stop before the permit goes back, or a waiting request could take it and still send
        if (step instanceof Step.Quota q) {
          stop(StopReason.QUOTA, q.message());
        } else if (step instanceof Step.Fail f && f.stopsRun()) {
          stop(StopReason.REFUSED, f.message());
        }
        if (status > 0) {
          first.answered(); // after the stop, so that no waiting request goes out past it
        }
        // the server closed an idle connection under this request before a byte of reply: a new
        // connection serves it now, so it goes again at once and keeps its place meanwhile
        boolean quickRetry = step instanceof Step.Retry && closedBeforeReply && !quickRetryUsed;
        boolean keepPlace = step instanceof Step.Retry rt
            && (servedNothing(rt, tokens) || quickRetry) && n < retry.maxAttempts()
            && !stop.isSet();
        if (!keepPlace) {
          AdaptiveLimit.Signal signal = step instanceof Step.Ok ? AdaptiveLimit.Signal.SUCCESS
              : step instanceof Step.Retry rt && rt.result() == Result.RATE_LIMITED && rt.exhausted(tokens)
                  ? AdaptiveLimit.Signal.OVERLOAD : AdaptiveLimit.Signal.NEUTRAL;
          if (placeFreed.compareAndSet(false, true)) {
            gate.release(permit, signal);
          } else {
            gate.judge(permit, signal);
          }
        }
        switch (step) {
          case Step.Ok ok -> {
            attempts.add(new Attempt(n, status, Result.OK, "", ms));
            TokenUsage u = ok.response().usage();
            limits.correct(tokens - u.total());
            cost = price.map(p -> Budget.nanos(p.usd(u.promptTokens(), u.completionTokens())))
                .orElse(0L);
            promptTokens.add(u.promptTokens());
            completionTokens.add(u.completionTokens());
            if (key.isPresent()) {
              try {
                cache.orElseThrow().put(key.get(), config.model(), ok.response().body(), u);
              } catch (SQLException e) {
                // paid but not safely kept: stop rather than buy more that could be lost too
                String msg = connection.redact(e.getMessage());
                stop(StopReason.STORAGE, msg);
                return new Failed(r.id(), FailureKind.STORAGE, msg, attempts);
              }
            }
            return new Completed(r.id(), ok.response(), cost / 1e9, attempts);
          }
          case Step.Retry rt -> {
            attempts.add(new Attempt(n, status, rt.result(), rt.error(), ms));
            if (!keepPlace) {
              limits.correct(tokens); // the server turned it away: it used none of the minute's tokens
              if (servedNothing(rt, tokens)) {
                // if the provider did count it, its x-ratelimit-remaining headers clamp our
                // bucket back down on the next answer
                limits.refundRequest();
              }
            }
            if (rt.result() == Result.RATE_LIMITED) {
              rateLimited.increment();
              // An empty bucket holds everyone back; a 429 while the headers show room left
              // (an isolated refusal) only delays this request.
              if (rt.exhausted(tokens)) {
                rt.retryAfter().ifPresent(limits::pause);
              }
            }
            // Nothing has ever answered and nothing listens there: a few quick tries cover a
            // server that is just starting; then every other request would only wait the same.
            boolean nobodyHome = refused && !first.hasAnswered() && n >= REFUSED_ATTEMPTS;
            if (n >= retry.maxAttempts() || nobodyHome) {
              if (refused && !first.hasAnswered()) {
                stop(StopReason.REFUSED, rt.error() + " Start it or fix --base-url, then run the "
                    + "same command again to resume");
              }
              return new Failed(r.id(), FailureKind.RETRIES_EXHAUSTED, "gave up after " + n
                  + " attempts; the last: " + rt.error(), attempts);
            }
            retries.increment();
            long pause = quickRetry ? 0
                : retry.delay(n, rt.retryAfter(), ThreadLocalRandom.current()).toNanos();
            quickRetryUsed |= quickRetry;
            if (stop.sleep(pause)) {
              if (keepPlace) {
                gate.release(permit, AdaptiveLimit.Signal.NEUTRAL);
                limits.correct(tokens);
                limits.refundRequest();
              }
              return stopped(r, attempts);
            }
            placeKept = keepPlace;
          }
          case Step.Fail f -> {
            attempts.add(new Attempt(n, status, f.result(), f.message(), ms));
            return new Failed(r.id(), f.kind(), f.message(), attempts);
          }
          case Step.Quota q -> {
            attempts.add(new Attempt(n, status, Result.QUOTA, q.message(), ms));
            return stopped(r, attempts);
          }
        }
      }
    } finally {
      if (role == FirstAnswer.Role.PROBE && !first.hasAnswered()) {
        first.leave();
      }
      budget.settle(worst, cost);
    }
  }

  /** A 5xx, or a 429 while the limits still show room: the server served nothing. */
  private static boolean servedNothing(Step.Retry rt, long tokens) {
    return rt.result() == Result.SERVER_ERROR || (rt.result() == Result.RATE_LIMITED && !rt.exhausted(tokens));
  }

  private Stopped stopped(ChatRequest r, List<Attempt> attempts) {
    StopSignal.Stop s = stop.get().orElse(new StopSignal.Stop(StopReason.CANCELLED, "stopped"));
    return new Stopped(r.id(), s.reason(), s.message(), attempts);
  }

  Optional<Price> price() {
    return price;
  }
}
