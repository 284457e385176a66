package dev.attrprompt.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP client for in-process tests against a {@link WebServer}; it follows no redirect. */
final class Http {
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  Http(URI base) {
    this.base = base;
  }

  /** GET {@code pathAndQuery} (raw: sent as written). */
  HttpResponse<String> get(String pathAndQuery, String... headers) {
    return send(request(pathAndQuery, headers).GET().build());
  }

  /** POST a form body to {@code pathAndQuery}. */
  HttpResponse<String> postForm(String pathAndQuery, String form, String... headers) {
    return send(request(pathAndQuery, headers).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  /** Any method with an empty body. */
  HttpResponse<String> method(String method, String pathAndQuery, String... headers) {
    return send(request(pathAndQuery, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpRequest.Builder request(String pathAndQuery, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + pathAndQuery))
        .timeout(Duration.ofSeconds(30));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest r) {
    try {
      return client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code s} percent-encoded for a query value. */
  static String q(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
