package dev.attrprompt.llm;

import java.util.Objects;

/**
 * An API key. It is shown nowhere: {@link #toString()} is redacted, and only the transport reads
 * the value, to put it in the {@code Authorization} header. Exceptions and outcomes never carry
 * request headers, and provider messages are scrubbed of the key before they are shown.
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

  /** Replaces every occurrence of the key in {@code text}; for messages that came from outside. */
  String scrub(String text) {
    return text.replace(value, "[redacted]");
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
