package dev.attrprompt.llm;

import java.net.URI;
import java.util.List;

/** Makes outside text safe to show: no key, no header value, no URL credentials, one bounded line. */
final class Redact {
  private static final int MAX = 300;
  /**
   * Shorter values are not scrubbed: a header such as {@code X-Retries: 1} is no secret, and
   * replacing every "1" would garble the message (real keys and tokens are far longer).
   */
  private static final int SHORTEST_SECRET = 4;

  private Redact() {}

  /** scheme://host[:port]/path: user info and query (where keys hide) are left out. */
  static String url(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** Provider or exception text: every secret scrubbed, whitespace collapsed, cut to a readable length. */
  static String text(String text, List<String> secrets) {
    String t = text == null ? "" : text;
    for (String s : secrets) {
      if (s.length() >= SHORTEST_SECRET) {
        t = t.replace(s, "[redacted]");
      }
    }
    t = t.replaceAll("\\s+", " ").strip();
    return t.length() > MAX ? t.substring(0, MAX) + "..." : t;
  }
}
