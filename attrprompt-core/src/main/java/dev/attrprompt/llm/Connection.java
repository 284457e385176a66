package dev.attrprompt.llm;

import dev.attrprompt.UserError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an OpenAI-compatible API: its base URL (a query such as Azure's
 * {@code ?api-version=2024-10-21} is kept on every request), the key sent as
 * {@code Authorization: Bearer}, extra headers, and timeouts. Every caller of the API (chat,
 * files, batches, embeddings) goes through an {@link HttpEdge} built from one of these.
 *
 * <p>Secrets (the key, every header value) are shown nowhere: {@link #toString()} redacts them,
 * {@link #publicEndpoint()} leaves out the query and user info, and {@link #redact(String)} scrubs
 * them from text that came from outside.
 *
 * @param baseUrl e.g. {@code https://api.openai.com/v1}, without a trailing slash
 * @param apiKey sent as {@code Authorization: Bearer KEY}, unless a header carries the credentials
 * @param headers extra headers, sent with every request
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout one attempt, from sending to the last byte of the body
 */
public record Connection(URI baseUrl, Optional<Secret> apiKey, List<Header> headers,
    Duration connectTimeout, Duration requestTimeout) {

  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  public static final String BASE_URL_ENV = "OPENAI_BASE_URL";
  public static final String API_KEY_ENV = "OPENAI_API_KEY";

  public Connection {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    headers = List.copyOf(headers);
    for (Duration d : new Duration[] {connectTimeout, requestTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }
  }

  /**
   * Resolves what the user gave: the base URL falls back to {@code $OPENAI_BASE_URL}, then to
   * OpenAI; the key to {@code $OPENAI_API_KEY}. OpenAI itself without any credentials is a
   * {@link UserError} that says how to give them.
   *
   * @param baseUrl the given base URL, or empty
   * @param apiKey the given key, or empty
   */
  public static Connection resolve(Map<String, String> env, Optional<String> baseUrl,
      Optional<Secret> apiKey, List<Header> headers, Duration connectTimeout,
      Duration requestTimeout) {
    String url = baseUrl.filter(u -> !u.isBlank())
        .or(() -> Optional.ofNullable(env.get(BASE_URL_ENV)).filter(u -> !u.isBlank()))
        .orElse(DEFAULT_BASE_URL).strip();
    URI uri = parse(url);
    Optional<Secret> key = apiKey;
    String envKey = env.get(API_KEY_ENV);
    if (key.isEmpty() && envKey != null && !envKey.isBlank()) {
      key = Optional.of(Secret.of(envKey));
    }
    List<Header> unique = new ArrayList<>();
    for (Header h : headers) {
      unique.removeIf(h::sameName); // the last one given wins, as on a command line
      unique.add(h);
    }
    boolean headerAuth = unique.stream().anyMatch(Header::authenticates);
    if (key.isEmpty() && !headerAuth && "api.openai.com".equals(uri.getHost())) {
      throw new UserError("no API key for " + uri.getHost() + ": set " + API_KEY_ENV
          + " or name the variable that holds it with --api-key-env");
    }
    return new Connection(uri, headerAuth ? Optional.empty() : key, unique, connectTimeout,
        requestTimeout);
  }

  /**
   * {@code scheme://host[:port]/path} of the base URL: what a manifest, a status page or a log
   * may show. The query (Azure's {@code api-version}, or a gateway's key) and user info are left
   * out, since either could hold a secret.
   */
  public String publicEndpoint() {
    return Redact.url(baseUrl);
  }

  /**
   * The URL of {@code path} (e.g. {@code /chat/completions}, {@code /batches?limit=100}) under the
   * base URL; the base URL's query comes first, then the path's own.
   */
  URI url(String path) {
    int q = path.indexOf('?');
    String own = q < 0 ? "" : path.substring(q + 1);
    String base = baseUrl.getRawQuery() == null ? "" : baseUrl.getRawQuery();
    String query = base.isEmpty() ? own : own.isEmpty() ? base : base + "&" + own;
    String rawPath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + rawPath
        + (q < 0 ? path : path.substring(0, q)) + (query.isEmpty() ? "" : "?" + query));
  }

  /** {@code text} with the key, every header value and the base URL's query scrubbed, on one bounded line. */
  public String redact(String text) {
    return Redact.text(text, secrets());
  }

  /** What must never be shown. */
  List<String> secrets() {
    List<String> s = new ArrayList<>();
    apiKey.ifPresent(k -> s.add(k.reveal()));
    headers.forEach(h -> s.add(h.value().reveal()));
    if (baseUrl.getRawQuery() != null) {
      s.add(baseUrl.getRawQuery());
    }
    if (baseUrl.getRawUserInfo() != null) {
      s.add(baseUrl.getRawUserInfo());
    }
    return s;
  }

  @Override
  public String toString() {
    return "Connection[" + publicEndpoint() + ", key " + (apiKey.isPresent() ? "set" : "none")
        + ", headers " + headers.stream().map(Header::name).toList() + "]";
  }

  private static URI parse(String text) {
    String url = text;
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null || uri.getRawFragment() != null) {
        throw new URISyntaxException(url, "not http(s)");
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (path.endsWith("/")) { // https://host/v1/?api-version=x
        path = path.replaceAll("/+$", "");
        uri = new URI(uri.getScheme() + "://" + uri.getRawAuthority() + path
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
      }
      return uri;
    } catch (URISyntaxException e) {
      // the text may hold a key (https://user:key@host, ?key=...): show only that it is wrong
      throw new UserError("the base URL is not an http(s) URL such as " + DEFAULT_BASE_URL
          + ": check --base-url / " + BASE_URL_ENV);
    }
  }
}
