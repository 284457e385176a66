package dev.attrprompt.llm;

import java.net.URI;
import java.util.Optional;

/** Makes outside text safe to show: no key, no URL credentials, one bounded line. */
final class Redact {
  private static final int MAX = 300;

  private Redact() {}

  /** scheme://host[:port]/path: user info and query (where keys hide) are left out. */
  static String url(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** Provider or exception text: key scrubbed, whitespace collapsed, cut to a readable length. */
  static String text(String text, Optional<Secret> key) {
    String t = text == null ? "" : text;
    if (key.isPresent()) {
      t = key.get().scrub(t);
    }
    t = t.replaceAll("\\s+", " ").strip();
    return t.length() > MAX ? t.substring(0, MAX) + "..." : t;
  }
}
