package dev.attrprompt.llm;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.PriceTable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How the engine talks to an OpenAI-compatible endpoint. Build one with {@link #builder()}; base
 * URL and key fall back to {@code OPENAI_BASE_URL} and {@code OPENAI_API_KEY}, as the official
 * SDKs read them.
 *
 * @param headers extra headers sent with every request (values are secrets, see {@link Header})
 * @param rpm requests per minute; 0 = learn from {@code x-ratelimit-limit-requests}
 * @param tpm tokens per minute; 0 = learn from {@code x-ratelimit-limit-tokens}
 * @param concurrency the most requests in flight; 429s lower the live limit, successes raise it
 * @param maxAttempts HTTP attempts per request, the first included
 * @param requestTimeout one attempt, from sending to the last byte of the body
 * @param maxRetryAfter the longest server-requested wait honoured as is
 * @param budgetUsd a hard cap on what the engine spends, in US dollars
 * @param cache the response cache file; empty = no cache
 */
public record LlmConfig(URI baseUrl, Optional<Secret> apiKey, List<Header> headers, String model, int concurrency,
    long rpm, long tpm, int maxAttempts, Duration connectTimeout, Duration requestTimeout,
    Duration backoffBase, Duration backoffMax, Duration maxRetryAfter, OptionalDouble budgetUsd,
    Optional<Path> cache, PriceTable prices) {

  public static final String DEFAULT_BASE_URL = Connection.DEFAULT_BASE_URL;
  public static final String BASE_URL_ENV = Connection.BASE_URL_ENV;
  public static final String API_KEY_ENV = Connection.API_KEY_ENV;
  /** Requests in flight at most, unless set. */
  public static final int DEFAULT_CONCURRENCY = 32;
  /** Seconds one HTTP attempt may take, unless set. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 120;

  public LlmConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(model, "model");
    headers = List.copyOf(headers);
    Objects.requireNonNull(budgetUsd, "budgetUsd");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(prices, "prices");
    if (concurrency < 1 || maxAttempts < 1 || rpm < 0 || tpm < 0) {
      throw new IllegalArgumentException("concurrency and maxAttempts must be >= 1, rpm/tpm >= 0");
    }
    for (Duration d : new Duration[] {connectTimeout, requestTimeout, backoffBase, backoffMax,
        maxRetryAfter}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts and backoffs must be positive");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * This connection (base URL, key, limits, timeouts) used for one run: the run's model, the part
   * of its budget still unspent, its response cache and its prices.
   */
  public LlmConfig forRun(String runModel, OptionalDouble budgetLeftUsd, Path cacheFile, PriceTable runPrices) {
    return new LlmConfig(baseUrl, apiKey, headers, runModel, concurrency, rpm, tpm, maxAttempts, connectTimeout,
        requestTimeout, backoffBase, backoffMax, maxRetryAfter, budgetLeftUsd, Optional.of(cacheFile), runPrices);
  }


  /** How to reach the endpoint: base URL, credentials, headers, timeouts. */
  public Connection connection() {
    return new Connection(baseUrl, apiKey, headers, connectTimeout, requestTimeout);
  }

  /**
   * {@code scheme://host[:port]/path} of the base URL, for a manifest, a status page or a log:
   * never the query or user info, which could hold a secret.
   */
  public String publicEndpoint() {
    return connection().publicEndpoint();
  }

  /** The chat completions endpoint (with the base URL's query). */
  URI endpoint() {
    return connection().url("/chat/completions");
  }

  // The record's own toString would list every component; this one shows no secret by design.
  @Override
  public String toString() {
    return "LlmConfig[endpoint=" + publicEndpoint() + ", apiKey=" + apiKey + ", headers=" + headers
        + ", model=" + model + ", concurrency=" + concurrency
        + ", rpm=" + rpm + ", tpm=" + tpm + ", maxAttempts=" + maxAttempts + ", budgetUsd="
        + budgetUsd + ", cache=" + cache + "]";
  }

  /** Options with defaults; {@link #build()} resolves the environment fallbacks. */
  public static final class Builder {
    private Map<String, String> env = System.getenv();
    private String baseUrl;
    private Secret apiKey;
    private final List<Header> headers = new ArrayList<>();
    private String model;
    private int concurrency = DEFAULT_CONCURRENCY;
    private long rpm;
    private long tpm;
    private int maxAttempts = 8;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
    private Duration backoffBase = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(60);
    private Duration maxRetryAfter = Duration.ofMinutes(5);
    private OptionalDouble budgetUsd = OptionalDouble.empty();
    private Optional<Path> cache;
    private PriceTable prices = PriceTable.builtInTable();

    private Builder() {}

    /** The environment to read fallbacks from (tests pass their own); default System.getenv(). */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder apiKey(Secret apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** An extra header for every request; a later one of the same name replaces it. */
    public Builder header(Header header) {
      this.headers.add(header);
      return this;
    }

    public Builder headers(List<Header> headers) {
      this.headers.addAll(headers);
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder rpm(long rpm) {
      this.rpm = rpm;
      return this;
    }

    public Builder tpm(long tpm) {
      this.tpm = tpm;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    public Builder requestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    /** Full-jitter exponential backoff: attempt k waits uniformly in [0, min(max, base * 2^k)]. */
    public Builder backoff(Duration base, Duration max) {
      this.backoffBase = base;
      this.backoffMax = max;
      return this;
    }

    public Builder maxRetryAfter(Duration d) {
      this.maxRetryAfter = d;
      return this;
    }

    public Builder budgetUsd(double usd) {
      if (!(usd >= 0) || Double.isInfinite(usd)) {
        throw new UserError("the budget must be a non-negative number of US dollars, not " + usd);
      }
      this.budgetUsd = OptionalDouble.of(usd);
      return this;
    }

    /** The response cache file (created if missing); a run passes its own. */
    public Builder cache(Path file) {
      this.cache = Optional.of(file);
      return this;
    }

    /** Every request goes to the endpoint; nothing is remembered. */
    public Builder noCache() {
      this.cache = Optional.empty();
      return this;
    }

    public Builder prices(PriceTable prices) {
      this.prices = prices;
      return this;
    }

    public LlmConfig build() {
      if (model == null || model.isBlank()) {
        throw new UserError("no model given: name one, e.g. --model gpt-4o-mini");
      }
      Connection c = Connection.resolve(env, Optional.ofNullable(baseUrl),
          Optional.ofNullable(apiKey), headers, connectTimeout, requestTimeout);
      Optional<Path> file = cache != null ? cache : Optional.of(defaultCache(env));
      return new LlmConfig(c.baseUrl(), c.apiKey(), c.headers(), model.strip(), concurrency, rpm, tpm, maxAttempts,
          connectTimeout, requestTimeout, backoffBase, backoffMax, maxRetryAfter, budgetUsd, file,
          prices);
    }

    /** Shared across runs so that a prompt asked again elsewhere is not bought again. */
    private static Path defaultCache(Map<String, String> env) {
      String xdg = env.get("XDG_CACHE_HOME");
      Path root = xdg != null && !xdg.isBlank()
          ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
      return root.resolve("attrprompt").resolve("responses.sqlite");
    }
  }
}
