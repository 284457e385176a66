package dev.attrprompt.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP edge: one POST, its status, headers and body, or an exception. No policy here. The key
 * goes into the {@code Authorization} header and nowhere else; nothing thrown from here mentions
 * a header.
 */
final class Transport implements AutoCloseable {
  private final HttpClient client;
  private final URI endpoint;
  private final Optional<Secret> key;
  private final Duration timeout;

  /** What came back. */
  record Reply(int status, HttpHeaders headers, String body) {}

  Transport(URI endpoint, Optional<Secret> key, Duration connectTimeout, Duration timeout) {
    this.endpoint = endpoint;
    this.key = key;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        // h2c upgrade on plain http confuses some local servers; TLS negotiates HTTP/2 by ALPN
        .version("https".equals(endpoint.getScheme())
            ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  Reply post(byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    key.ifPresent(k -> b.header("Authorization", "Bearer " + k.reveal()));
    CompletableFuture<HttpResponse<String>> f =
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    try {
      // HttpRequest.timeout stops at the headers; a body that stalls needs this outer deadline
      HttpResponse<String> r = f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "request failed" : cause.getClass().getSimpleName()
          + ": " + cause.getMessage(), null);
    }
  }

  @Override
  public void close() {
    client.shutdownNow();
  }
}
