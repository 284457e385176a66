package dev.attrprompt.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The policy every model request (chat, embeddings) passes, in the order a real endpoint
 * applies it: validation (400), quota (429 insufficient_quota), rate limits (429
 * rate_limit_exceeded), latency, then at most one injected fault, then the answer.
 */
final class ModelCalls {
  private static final Map<String, String> NO_HEADERS = Map.of();

  private final SimulatorConfig config;
  private final RateLimiter limiter;
  private final Dice dice;
  private final ChatService chat;
  private final Counters counters;
  private final AtomicLong quotaUsed = new AtomicLong();
  private final AtomicLong requestNumbers = new AtomicLong();

  ModelCalls(SimulatorConfig config, RateLimiter limiter, Dice dice, ChatService chat,
      Counters counters) {
    this.config = config;
    this.limiter = limiter;
    this.dice = dice;
    this.chat = chat;
    this.counters = counters;
  }

  Reply chat(byte[] body) {
    ChatRequest request = ChatRequest.parse(Json.parseObject(body), config.seed());
    return call(request.reservedTokens(), fault -> {
      ChatService.Result r = chat.complete(request, fault);
      counters.tokens(r.promptTokens(), r.completionTokens());
      return Reply.json(200, r.body(), r.outcome(), NO_HEADERS);
    });
  }

  Reply embeddings(byte[] body) {
    ObjectNode json = Json.parseObject(body);
    Embeddings.Result result = Embeddings.create(json); // validates, and tells the token cost
    return call(result.promptTokens(), fault -> {
      counters.tokens(result.promptTokens(), 0);
      return Reply.ok(result.body()); // truncation and refusal mean nothing for embeddings
    });
  }

  private Reply call(long cost, Function<Fault, Reply.Body> answer) {
    if (config.quota() > 0 && quotaUsed.get() >= config.quota()) {
      throw quotaExceeded(limiter.peek());
    }
    RateLimiter.Decision decision = limiter.acquire(cost);
    if (!decision.allowed()) {
      throw rateLimited(decision);
    }
    if (config.quota() > 0 && quotaUsed.incrementAndGet() > config.quota()) {
      throw quotaExceeded(decision.headers()); // lost a race for the last unit of quota
    }
    Dice.Draw draw = dice.draw(requestNumbers.incrementAndGet());
    if (draw.fault() == Fault.TIMEOUT) {
      return new Reply.Hang();
    }
    sleep(draw.latencyMillis());
    Map<String, String> headers = decision.headers();
    if (draw.fault() == Fault.RATE_LIMIT || draw.fault() == Fault.SERVER_ERROR || draw.fault() == Fault.UNAVAILABLE) {
      // These model failures in front of the limiter (a throttling proxy, an overloaded or failing
      // backend): the request served nothing and uses none of the minute's allowance.
      limiter.refund(cost);
      headers = limiter.peek();
    }
    return switch (draw.fault()) {
      case RESET -> new Reply.Reset();
      case UNAVAILABLE -> throw new ApiException(503, "The engine is currently overloaded, "
          + "please try again later.", "server_error", null, null, Outcome.UNAVAILABLE, headers);
      case SERVER_ERROR -> throw new ApiException(500, "The server had an error while "
          + "processing your request. Sorry about that!", "server_error", null, null,
          Outcome.SERVER_ERROR, headers);
      case RATE_LIMIT -> throw new ApiException(429, "Rate limit reached for requests "
          + "(simulated fault). Please try again in 1s.", "requests", null,
          "rate_limit_exceeded", Outcome.RATE_LIMITED, retryAfter(headers, 1000));
      case MALFORMED -> malformed(answer.apply(Fault.NONE), headers);
      case TRUNCATE, REFUSAL, OFF_LABEL, NONE -> withHeaders(answer.apply(draw.fault()), headers);
      case TIMEOUT -> throw new IllegalStateException("handled above");
    };
  }

  private static Reply.Body withHeaders(Reply.Body b, Map<String, String> headers) {
    return new Reply.Body(b.status(), b.contentType(), b.body(), b.outcome(), headers);
  }

  /** A 200 whose JSON stops half-way: what a proxy cutting the stream would deliver. */
  private static Reply.Body malformed(Reply.Body b, Map<String, String> headers) {
    byte[] cut = Arrays.copyOf(b.body(), Math.max(1, b.body().length / 2));
    return new Reply.Body(200, b.contentType(), cut, Outcome.MALFORMED, headers);
  }

  private ApiException rateLimited(RateLimiter.Decision d) {
    String type = d.limitType();
    long limit = type.equals("tokens") ? config.tpm() : config.rpm();
    String message = type.equals("tokens") && d.requested() > config.tpm()
        ? "Request too large for tokens per min (TPM): Limit " + limit + ", Requested "
            + d.requested() + ". The input or output tokens must be reduced in order to run "
            + "successfully."
        : "Rate limit reached for " + type + " per min (" + (type.equals("tokens") ? "TPM"
            : "RPM") + "): Limit " + limit + ". Please try again in "
            + Durations.format(d.waitMillis()) + ".";
    return new ApiException(429, message, type, null, "rate_limit_exceeded",
        Outcome.RATE_LIMITED, retryAfter(d.headers(), d.waitMillis()));
  }

  private static ApiException quotaExceeded(Map<String, String> headers) {
    return new ApiException(429, "You exceeded your current quota, please check your plan and "
        + "billing details. (This is the simulator's configured quota.)", "insufficient_quota",
        null, "insufficient_quota", Outcome.QUOTA, headers);
  }

  /** {@code retry-after} in whole seconds (rounded up), and the precise {@code retry-after-ms}. */
  private static Map<String, String> retryAfter(Map<String, String> headers, long millis) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("retry-after", Long.toString(Math.max(1, (millis + 999) / 1000)));
    h.put("retry-after-ms", Long.toString(Math.max(1, millis)));
    return h;
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopping: answer at once
    }
  }
}
