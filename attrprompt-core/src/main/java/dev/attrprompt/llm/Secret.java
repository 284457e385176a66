package dev.attrprompt.llm;

import java.util.Objects;

/**
 * An API key or a header value. It is shown nowhere: {@link #toString()} is redacted, and only
 * the {@link HttpEdge} reads the value, to put it in a request header. Exceptions and outcomes
 * never carry request headers, and provider messages are scrubbed of every secret before they are
 * shown ({@link Connection#redact}).
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a key; surrounding whitespace (a pasted newline) is dropped. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    String v = value.strip();
    if (v.isEmpty()) {
      throw new IllegalArgumentException("an API key cannot be empty");
    }
    return new Secret(v);
  }

  String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
