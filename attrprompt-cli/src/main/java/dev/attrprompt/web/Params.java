package dev.attrprompt.web;

import dev.attrprompt.UserError;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Request parameters read with one clear line for a person when one is missing or malformed. */
final class Params {
  private Params() {}

  /** Longest text a field may hold: far above any label or value, far below a memory problem. */
  static final int MAX_TEXT = 20_000;

  /** A query parameter that may be absent or blank. */
  static Optional<String> query(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).map(s -> checked(name, s)).filter(s -> !s.isBlank());
  }

  /** A form field that may be absent or blank. */
  static Optional<String> form(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).map(s -> checked(name, s)).filter(s -> !s.isBlank());
  }

  /** A form field that must be given. */
  static String requiredForm(Context ctx, String name, String what) {
    return form(ctx, name).orElseThrow(() -> new UserError("'" + name + "' is missing: give " + what));
  }

  /** Every value of a repeated form field, blank ones left out. */
  static List<String> forms(Context ctx, String name) {
    return ctx.formParams(name).stream().map(s -> checked(name, s)).filter(s -> !s.isBlank()).toList();
  }

  /** A whole number in [{@code min}, {@code max}] from the query, if given. */
  static OptionalInt queryInt(Context ctx, String name, int min, int max) {
    Optional<String> s = query(ctx, name);
    if (s.isEmpty()) {
      return OptionalInt.empty();
    }
    long v = parse(name, s.get(), min, max);
    return OptionalInt.of((int) v);
  }

  /** A whole number in [{@code min}, {@code max}] from the query, if given. */
  static OptionalLong queryLong(Context ctx, String name, long min, long max) {
    Optional<String> s = query(ctx, name);
    return s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(parse(name, s.get(), min, max));
  }

  /** The model a form names ({@code model}), or {@code otherwise}: a name, never a URL's worth of text or control characters. */
  static String model(Context ctx, String otherwise) {
    String model = form(ctx, "model").map(String::strip).orElse(otherwise);
    if (model.length() > 200 || model.chars().anyMatch(Character::isISOControl)) {
      throw new UserError("'model' must be a model name, e.g. gpt-4o-mini");
    }
    return model;
  }

  private static long parse(String name, String text, long min, long max) {
    long v;
    try {
      v = Long.parseLong(text.strip().replace(",", "").replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UserError("'" + name + "' must be a whole number, not '" + shorten(text) + "'");
    }
    if (v < min || v > max) {
      throw new UserError("'" + name + "' must be between " + min + " and " + max + ", not " + v);
    }
    return v;
  }

  private static String checked(String name, String s) {
    if (s.length() > MAX_TEXT) {
      throw new UserError("'" + name + "' is longer than " + MAX_TEXT + " characters");
    }
    return s;
  }

  /** {@code s} cut to a length that fits a one-line message. */
  static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 60 ? one : one.substring(0, 57) + "...";
  }
}
