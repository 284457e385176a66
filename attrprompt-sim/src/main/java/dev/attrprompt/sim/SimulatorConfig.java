package dev.attrprompt.sim;

/**
 * How a {@link Simulator} behaves: where it listens, its limits, its latency and the faults it
 * injects. Every option of {@code attrprompt simulate} is one field here.
 *
 * <p>Zero means "off" for {@code rpm}, {@code tpm} and {@code quota}. Latency is fixed at
 * {@code latencyMedianMs} when {@code latencyP99Ms} is zero or equal to the median, and log-normal
 * with that median and 99th percentile otherwise. Fault rates are probabilities per request in
 * [0, 1]. An empty {@code key} accepts any non-empty bearer token; otherwise exactly {@code key}.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the port to bind; 0 picks a free one
 * @param rpm requests per minute (token bucket of one minute's capacity); 0 = unlimited
 * @param tpm tokens per minute (estimated from each request); 0 = unlimited
 * @param latencyMedianMs the median (or fixed) latency of model endpoints, in milliseconds
 * @param latencyP99Ms the 99th percentile latency; 0 = fixed latency
 * @param fault429 rate of injected 429 rate_limit_exceeded answers
 * @param fault500 rate of 500 server errors
 * @param fault503 rate of 503 "overloaded" answers
 * @param faultTimeout rate of requests that hang for {@code hangMs} (past any client timeout)
 * @param faultReset rate of connections closed without any HTTP answer
 * @param faultMalformed rate of 200 answers whose JSON body is cut in half
 * @param faultTruncate rate of completions cut short with {@code finish_reason: "length"}
 * @param faultRefusal rate of completions that refuse
 * @param faultOffLabel rate of texts written about a different label than the one asked for
 * @param judgeError rate of answers to "which of these labels fits this text?" prompts that
 *     name a wrong option (the others name the label the simulated text was written about)
 * @param quota model requests served before every later one gets 429 insufficient_quota; 0 = off
 * @param key the API key to require; empty = any non-empty bearer token
 * @param seed seeds fault and latency draws, and the content of requests that carry no seed
 * @param batchDelayMs how long a batch takes from creation to completion
 * @param hangMs how long a "timeout" fault hangs (or until the simulator closes)
 * @param apiVersion as Azure OpenAI: every API request must carry {@code ?api-version=} this
 *     value, else 404 "Resource not found"; empty = no query needed
 * @param requiredHeaders headers every API request must carry with exactly these values (as a
 *     gateway or OpenAI's {@code OpenAI-Organization} check), else 401; names are case-insensitive
 */
public record SimulatorConfig(
    String host,
    int port,
    int rpm,
    long tpm,
    long latencyMedianMs,
    long latencyP99Ms,
    double fault429,
    double fault500,
    double fault503,
    double faultTimeout,
    double faultReset,
    double faultMalformed,
    double faultTruncate,
    double faultRefusal,
    double faultOffLabel,
    double judgeError,
    long quota,
    String key,
    long seed,
    long batchDelayMs,
    long hangMs,
    String apiVersion,
    java.util.Map<String, String> requiredHeaders) {

  /** A hang lasts ten minutes unless configured: longer than any sane client timeout. */
  public static final long DEFAULT_HANG_MS = 600_000;

  public SimulatorConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535, but is " + port);
    }
    requireNonNegative("rpm", rpm);
    requireNonNegative("tpm", tpm);
    requireNonNegative("latencyMedianMs", latencyMedianMs);
    requireNonNegative("latencyP99Ms", latencyP99Ms);
    if (latencyP99Ms != 0 && latencyP99Ms < latencyMedianMs) {
      throw new IllegalArgumentException("latencyP99Ms (" + latencyP99Ms
          + ") must be 0 or at least latencyMedianMs (" + latencyMedianMs + ")");
    }
    requireRate("fault429", fault429);
    requireRate("fault500", fault500);
    requireRate("fault503", fault503);
    requireRate("faultTimeout", faultTimeout);
    requireRate("faultReset", faultReset);
    requireRate("faultMalformed", faultMalformed);
    requireRate("faultTruncate", faultTruncate);
    requireRate("faultRefusal", faultRefusal);
    requireRate("faultOffLabel", faultOffLabel);
    requireRate("judgeError", judgeError);
    requireNonNegative("quota", quota);
    requireNonNegative("batchDelayMs", batchDelayMs);
    requireNonNegative("hangMs", hangMs);
    key = key == null ? "" : key;
    apiVersion = apiVersion == null ? "" : apiVersion;
    requiredHeaders = requiredHeaders == null ? java.util.Map.of() : java.util.Map.copyOf(requiredHeaders);
  }

  /** Loopback, an ephemeral port, no limits, no latency, no faults, any key, seed 0. */
  public static SimulatorConfig defaults() {
    return builder().build();
  }

  /** A builder holding the {@linkplain #defaults() defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration, to change a few fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** True when the log-normal latency model applies. */
  boolean variableLatency() {
    return latencyP99Ms > latencyMedianMs;
  }

  // The record's own toString would print the key and header values; neither reaches a log line.
  @Override
  public String toString() {
    return "SimulatorConfig[host=" + host + ", port=" + port + ", rpm=" + rpm + ", tpm=" + tpm
        + ", latencyMedianMs=" + latencyMedianMs + ", latencyP99Ms=" + latencyP99Ms
        + ", fault429=" + fault429 + ", fault500=" + fault500 + ", fault503=" + fault503
        + ", faultTimeout=" + faultTimeout + ", faultReset=" + faultReset
        + ", faultMalformed=" + faultMalformed + ", faultTruncate=" + faultTruncate
        + ", faultRefusal=" + faultRefusal + ", faultOffLabel=" + faultOffLabel + ", judgeError=" + judgeError + ", quota=" + quota
        + ", key=" + (key.isEmpty() ? "(any)" : "(set)") + ", seed=" + seed
        + ", batchDelayMs=" + batchDelayMs + ", hangMs=" + hangMs
        + ", apiVersion=" + (apiVersion.isEmpty() ? "(none)" : apiVersion)
        + ", requiredHeaders=" + new java.util.TreeSet<>(requiredHeaders.keySet()) + "]";
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, but is " + value);
    }
  }

  private static void requireRate(String name, double rate) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException(name + " must be a probability in [0, 1], but is "
          + rate);
    }
  }

  /** Builds a {@link SimulatorConfig}; every setter returns this builder. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private int rpm;
    private long tpm;
    private long latencyMedianMs;
    private long latencyP99Ms;
    private double fault429;
    private double fault500;
    private double fault503;
    private double faultTimeout;
    private double faultReset;
    private double faultMalformed;
    private double faultTruncate;
    private double faultRefusal;
    private double faultOffLabel;
    private double judgeError;
    private long quota;
    private String key = "";
    private long seed;
    private long batchDelayMs;
    private long hangMs = DEFAULT_HANG_MS;
    private String apiVersion = "";
    private java.util.Map<String, String> requiredHeaders = new java.util.LinkedHashMap<>();

    private Builder() {}

    private Builder(SimulatorConfig c) {
      host = c.host;
      port = c.port;
      rpm = c.rpm;
      tpm = c.tpm;
      latencyMedianMs = c.latencyMedianMs;
      latencyP99Ms = c.latencyP99Ms;
      fault429 = c.fault429;
      fault500 = c.fault500;
      fault503 = c.fault503;
      faultTimeout = c.faultTimeout;
      faultReset = c.faultReset;
      faultMalformed = c.faultMalformed;
      faultTruncate = c.faultTruncate;
      faultRefusal = c.faultRefusal;
      faultOffLabel = c.faultOffLabel;
      judgeError = c.judgeError;
      quota = c.quota;
      key = c.key;
      seed = c.seed;
      batchDelayMs = c.batchDelayMs;
      hangMs = c.hangMs;
      apiVersion = c.apiVersion;
      requiredHeaders = new java.util.LinkedHashMap<>(c.requiredHeaders);
    }

    public Builder host(String v) { host = v; return this; }
    public Builder port(int v) { port = v; return this; }
    public Builder rpm(int v) { rpm = v; return this; }
    public Builder tpm(long v) { tpm = v; return this; }
    public Builder latencyMedianMs(long v) { latencyMedianMs = v; return this; }
    public Builder latencyP99Ms(long v) { latencyP99Ms = v; return this; }
    public Builder fault429(double v) { fault429 = v; return this; }
    public Builder fault500(double v) { fault500 = v; return this; }
    public Builder fault503(double v) { fault503 = v; return this; }
    public Builder faultTimeout(double v) { faultTimeout = v; return this; }
    public Builder faultReset(double v) { faultReset = v; return this; }
    public Builder faultMalformed(double v) { faultMalformed = v; return this; }
    public Builder faultTruncate(double v) { faultTruncate = v; return this; }
    public Builder faultRefusal(double v) { faultRefusal = v; return this; }
    public Builder faultOffLabel(double v) { faultOffLabel = v; return this; }
    public Builder judgeError(double v) { judgeError = v; return this; }
    public Builder quota(long v) { quota = v; return this; }
    public Builder key(String v) { key = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder batchDelayMs(long v) { batchDelayMs = v; return this; }
    public Builder hangMs(long v) { hangMs = v; return this; }
    public Builder apiVersion(String v) { apiVersion = v; return this; }
    /** Requires header {@code name} with exactly {@code value} on every API request. */
    public Builder requireHeader(String name, String value) {
      requiredHeaders.put(name, value);
      return this;
    }

    /** The configuration; throws {@link IllegalArgumentException} naming a bad field. */
    public SimulatorConfig build() {
      return new SimulatorConfig(host, port, rpm, tpm, latencyMedianMs, latencyP99Ms, fault429,
          fault500, fault503, faultTimeout, faultReset, faultMalformed, faultTruncate,
          faultRefusal, faultOffLabel, judgeError, quota, key, seed, batchDelayMs, hangMs, apiVersion, requiredHeaders);
    }
  }
}
