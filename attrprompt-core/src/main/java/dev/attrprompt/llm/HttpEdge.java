package dev.attrprompt.llm;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * The one HTTP edge to an OpenAI-compatible API, for chat, files, batches and embeddings alike:
 * request → policy → transport, as OkHttp layers it.
 *
 * <ul>
 *   <li>Transport ({@link #exchange}): one attempt. The base URL's query is kept, the key goes
 *       into {@code Authorization: Bearer} (unless a header carries the credentials), the extra
 *       headers are added, and the request timeout covers the body as well as the headers.
 *   <li>Policy ({@link #call}): transient faults (no connection, timeouts, 408, 409, 429 with its
 *       {@code Retry-After}, 5xx) are retried with full-jitter backoff; request errors, a refused
 *       key and refused access fail at once with an {@link EndpointError} that says what to fix.
 *       The engine brings its own policy (rate limits, adaptive concurrency, budget) and uses
 *       {@link #exchange} directly.
 * </ul>
 *
 * Nothing that leaves this class carries a secret: messages are scrubbed of the key, every header
 * value and the base URL's query.
 */
public final class HttpEdge implements AutoCloseable {
  /** Attempts of {@link #call}, the first included. */
  static final int CALL_ATTEMPTS = 5;

  /**
   * What to send: a method, a path under the base URL (it may carry its own query), a body, and
   * the longest one attempt may take when it is not the connection's request timeout.
   */
  public record Call(String method, String path, Optional<byte[]> body, String contentType,
      Optional<Duration> timeout) {
    public static Call get(String path) {
      return new Call("GET", path, Optional.empty(), "", Optional.empty());
    }

    public static Call postJson(String path, byte[] json) {
      return new Call("POST", path, Optional.of(json), "application/json", Optional.empty());
    }

    public static Call post(String path, byte[] body, String contentType) {
      return new Call("POST", path, Optional.of(body), contentType, Optional.empty());
    }

    /** This call with at least {@code floor} per attempt (uploads and downloads of large files). */
    public Call atLeast(Duration floor) {
      return new Call(method, path, body, contentType, Optional.of(floor));
    }
  }

  /** What came back. */
  public record Reply(int status, HttpHeaders headers, String body) {
    public boolean ok() {
      return status / 100 == 2;
    }
  }

  private final Connection connection;
  private final HttpClient client;
  private final RetryPolicy policy;

  private HttpEdge(Connection connection, RetryPolicy policy) {
    this.connection = connection;
    this.policy = policy;
    this.client = HttpClient.newBuilder()
        // h2c upgrade on plain http confuses some local servers; TLS negotiates HTTP/2 by ALPN
        .version("https".equals(connection.baseUrl().getScheme())
            ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .connectTimeout(connection.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** An edge with the default policy for {@link #call}: 5 attempts, backoff from 0.5 s to 30 s. */
  public static HttpEdge open(Connection connection) {
    return new HttpEdge(connection, new RetryPolicy(CALL_ATTEMPTS, Duration.ofMillis(500),
        Duration.ofSeconds(30), Duration.ofSeconds(60)));
  }

  /** An edge whose {@link #call} retries as {@code policy} says (tests use millisecond backoff). */
  static HttpEdge open(Connection connection, RetryPolicy policy) {
    return new HttpEdge(connection, policy);
  }

  public Connection connection() {
    return connection;
  }

  /**
   * One attempt, no policy. Throws {@link HttpTimeoutException} when no complete answer came
   * within the request timeout, and other {@link IOException}s when the connection failed; their
   * messages hold no secret.
   */
  Reply exchange(Call call) throws IOException, InterruptedException {
    return exchange(call, status -> { });
  }

  /**
   * As {@link #exchange(Call)}; {@code arrived} is told the status on the HTTP client's thread as
   * soon as the whole answer has arrived, before the calling thread runs again (which may take a
   * while on a busy machine). It must be quick and must not throw.
   */
  Reply exchange(Call call, IntConsumer arrived) throws IOException, InterruptedException {
    Duration timeout = call.timeout().filter(t -> t.compareTo(connection.requestTimeout()) > 0)
        .orElse(connection.requestTimeout());
    HttpRequest.Builder b = HttpRequest.newBuilder(connection.url(call.path()))
        .timeout(timeout)
        .header("Accept", "application/json");
    if (call.body().isPresent()) {
      b.header("Content-Type", call.contentType())
          .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body().get()));
    } else {
      b.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    connection.apiKey().ifPresent(k -> b.header("Authorization", "Bearer " + k.reveal()));
    for (Header h : connection.headers()) {
      b.header(h.name(), h.value().reveal());
    }
    CompletableFuture<HttpResponse<byte[]>> sent =
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    CompletableFuture<HttpResponse<byte[]>> f = sent.whenComplete((r, e) -> {
      if (r != null) {
        arrived.accept(r.statusCode());
      }
    });
    try {
      // HttpRequest.timeout stops at the headers; a body that stalls needs this outer deadline
      HttpResponse<byte[]> r = f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Reply(r.statusCode(), r.headers(), new String(r.body(), StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      sent.cancel(true); // the exchange itself, not just the stage that waits for it
      throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      sent.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "request failed" : cause.getClass().getSimpleName()
          + ": " + connection.redact(cause.getMessage()), null);
    }
  }

  /**
   * The call under the edge's policy: a 2xx reply, or an {@link EndpointError} whose message
   * starts "could not {@code what}" and says why and what to do.
   */
  public Reply call(Call call, String what) {
    for (int attempt = 1; ; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      String problem;
      int status = 0;
      try {
        Reply r = exchange(call);
        status = r.status();
        if (r.ok()) {
          return r;
        }
        Wire.ProviderError error = Wire.error(r.body());
        String says = connection.redact(error.message());
        if (status == 429 && ("insufficient_quota".equals(error.code())
            || "insufficient_quota".equals(error.type()))) {
          throw new EndpointError(status, "could not " + what + ": the provider at "
              + connection.publicEndpoint() + " reports insufficient_quota (no credit left): add"
              + " credit or raise the project's spending limit, then run the same command again");
        }
        if (!transientStatus(status)) {
          throw new EndpointError(status, "could not " + what + ": "
              + refusal(status, says, connection.publicEndpoint()));
        }
        problem = "HTTP " + status + " from " + connection.publicEndpoint()
            + (says.isEmpty() ? "" : ": " + says);
        retryAfter = RetryPolicy.retryAfter(r.headers(), Clock.systemUTC());
      } catch (IOException e) {
        problem = unreachable(e, connection);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EndpointError(0, "interrupted while trying to " + what
            + "; run the same command again to resume");
      }
      if (attempt >= policy.maxAttempts()) {
        throw new EndpointError(status, "could not " + what + " after " + attempt + " attempts: "
            + problem);
      }
      try {
        Thread.sleep(policy.delay(attempt, retryAfter, ThreadLocalRandom.current()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EndpointError(0, "interrupted while waiting to " + what
            + "; run the same command again to resume");
      }
    }
  }

  /** Retried: the same request may succeed later (as the official SDKs decide). */
  static boolean transientStatus(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /**
   * Why a non-transient status refused the request, one line: a refused key, refused access, or
   * a request error with the provider's (redacted) message.
   */
  static String refusal(int status, String says, String url) {
    String tail = says.isEmpty() ? "" : ": " + says;
    return switch (status) {
      case 401 -> "the API key was refused (HTTP 401 from " + url + "): check OPENAI_API_KEY /"
          + " --api-key-env, or the header that carries the key" + tail;
      case 403 -> "access was denied (HTTP 403 from " + url + "): check that the key's project may"
          + " use this model and endpoint" + tail;
      default -> "the endpoint refused the request as invalid (HTTP " + status + " from " + url + ")"
          + tail;
    };
  }

  /** Why no answer came, one line, naming the endpoint. */
  static String unreachable(IOException e, Connection connection) {
    String url = connection.publicEndpoint();
    if (e instanceof HttpConnectTimeoutException) {
      return "no connection to " + url + " within " + connection.connectTimeout().toSeconds()
          + " s; check the base URL and the network";
    }
    if (e instanceof HttpTimeoutException) {
      return "timeout: no complete answer from " + url + " within "
          + connection.requestTimeout().toMillis() + " ms";
    }
    if (refused(e)) {
      return "connection refused at " + url + "; is the server running?";
    }
    String what = e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
    return "connection to " + url + " failed: " + connection.redact(what);
  }

  /** Nothing listens at the address: no retry can help until someone starts the server. */
  static boolean refused(IOException e) {
    if (e instanceof HttpTimeoutException) { // a connect timeout wraps a ConnectException
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The server closed the connection before a single byte of the reply came: the JDK client says
   * "header parser received no bytes" or reports an end of stream. Servers (uvicorn, node) close
   * keep-alive connections idle for a few seconds, and a request sent on one just as it closes
   * fails this way; a new connection serves it at once, so no backoff is due. Not a refused
   * connection, not a timeout, and not a reset after part of a reply arrived.
   */
  static boolean closedBeforeReply(IOException e) {
    if (e instanceof HttpTimeoutException || refused(e)) {
      return false;
    }
    boolean closed = false;
    int depth = 0;
    for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      // part of a status line or of a body arrived: the server did answer, so back off as usual
      if (m.contains("parsing HTTP/1.1") || m.contains("bytes received")) {
        return false;
      }
      closed |= t instanceof EOFException || m.contains("header parser received no bytes")
          || m.contains("EOF reached while reading");
    }
    return closed;
  }

  URI url(String path) {
    return connection.url(path);
  }

  @Override
  public void close() {
    client.shutdownNow();
  }

  @Override
  public String toString() {
    return "HttpEdge[" + connection.publicEndpoint() + "]";
  }
}
