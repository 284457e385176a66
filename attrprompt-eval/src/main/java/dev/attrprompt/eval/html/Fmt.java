package dev.attrprompt.eval.html;

import java.util.Locale;
import java.util.OptionalDouble;

/** Number formatting for the page (the embedded JSON keeps the full values). */
final class Fmt {
  private Fmt() {}

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String fixed(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–";
  }

  static String fixed(OptionalDouble v, int decimals) {
    return v.isPresent() ? fixed(v.getAsDouble(), decimals) : "–";
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** Dollars; below a cent with two significant digits, so a sample's fraction of a cent is not shown as $0.0000. */
  static String usd(double v) {
    if (v > 0 && v < 0.01) {
      int decimals = Math.max(4, 1 - (int) Math.floor(Math.log10(v)));
      return String.format(Locale.ROOT, "$%." + decimals + "f", v);
    }
    return String.format(Locale.ROOT, v >= 100 ? "$%,.0f" : v >= 1 ? "$%,.2f" : "$%.4f", v);
  }

  static String signed(double v, int decimals) {
    return String.format(Locale.ROOT, "%+." + decimals + "f", v);
  }

  /** A share rounded to one decimal of a percent, for chart data. */
  static double pct(double share) {
    return Math.round(share * 1000) / 10.0;
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
