package dev.attrprompt.llm;

import dev.attrprompt.UserError;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An extra HTTP header sent with every request to the endpoint: {@code api-key} for Azure OpenAI,
 * {@code OpenAI-Organization}, {@code OpenAI-Project}, a gateway's own headers. Its value is a
 * {@link Secret}: it is written into the request and nowhere else, and every message that came
 * from outside is scrubbed of it.
 *
 * @param name the header name, as given
 * @param value the value; shown nowhere
 */
public record Header(String name, Secret value) {
  /** RFC 9110 token characters. */
  private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** Set by the HTTP client itself; java.net.http refuses them too. */
  private static final Set<String> RESERVED = Set.of("connection", "content-length", "expect",
      "host", "upgrade", "content-type", "accept");
  /** Headers that carry the credentials: when one is given, no bearer key is added. */
  private static final Set<String> AUTH = Set.of("authorization", "api-key", "x-api-key");
  private static final String ENV = "env:";

  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!NAME.matcher(name).matches()) {
      throw new UserError("'" + name + "' is not a valid HTTP header name: use letters, digits and '-'"
          + " as in OpenAI-Organization");
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new UserError("the header " + name + " is set by attrprompt itself and cannot be given"
          + " with --header or in an endpoint file");
    }
  }

  /**
   * Reads {@code NAME=VALUE}; a value {@code env:VAR} is read from the environment variable
   * {@code VAR}, so that a secret need not be written on the command line or in a file.
   */
  public static Header parse(String spec, Map<String, String> env) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      // the spec may be a secret pasted without its name: do not repeat it
      throw new UserError("a header is NAME=VALUE (e.g. --header OpenAI-Project=proj_123 or"
          + " --header api-key=env:AZURE_OPENAI_API_KEY); one was given without '='");
    }
    return of(spec.substring(0, eq).strip(), spec.substring(eq + 1), env);
  }

  /** A header named {@code name} whose value is {@code value}, or the variable it names with {@code env:VAR}. */
  public static Header of(String name, String value, Map<String, String> env) {
    String v = value.strip();
    if (v.startsWith(ENV)) {
      String variable = v.substring(ENV.length()).strip();
      String read = env.get(variable);
      if (read == null || read.isBlank()) {
        throw new UserError("the header " + name + " takes its value from $" + variable
            + ", which is not set: export it, or give the value itself");
      }
      v = read;
    }
    if (v.isBlank()) {
      throw new UserError("the header " + name + " has no value: give NAME=VALUE or NAME=env:VAR");
    }
    if (v.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
      throw new UserError("the value of the header " + name + " holds a line break; give it on one line");
    }
    return new Header(name, Secret.of(v));
  }

  /** Whether this header carries the credentials, so that the bearer key is left out. */
  boolean authenticates() {
    return AUTH.contains(name.toLowerCase(Locale.ROOT));
  }

  boolean sameName(Header other) {
    return name.equalsIgnoreCase(other.name);
  }
}
