package dev.attrprompt.eval.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Rounding and formatting of measures for reports. */
final class Numbers {
  private Numbers() {}

  /** {@code v} rounded to 6 decimals (JSON). */
  static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
  }

  /** The rounded value, or null (JSON null) when undefined. */
  static Double round(OptionalDouble v) {
    return v.isPresent() ? round(v.getAsDouble()) : null;
  }

  /** A map in the order given: {@code ordered("a", 1, "b", 2)} (Map.of's order changes per run). */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String fixed(OptionalDouble v, int decimals) {
    return v.isPresent() ? fixed(v.getAsDouble(), decimals) : "-";
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
