package dev.attrprompt.sim;

import java.math.BigDecimal;

/**
 * OpenAI's duration format for {@code x-ratelimit-reset-*} headers, which is Go's
 * {@code time.Duration} string at millisecond precision: {@code 20ms}, {@code 1s},
 * {@code 1.5s}, {@code 6m0s}, {@code 1h0m0s}.
 */
final class Durations {
  private Durations() {}

  static String format(long millis) {
    if (millis <= 0) {
      return "0s";
    }
    if (millis < 1000) {
      return millis + "ms";
    }
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    long secondsMillis = millis % 60_000;
    String seconds = BigDecimal.valueOf(secondsMillis, 3).stripTrailingZeros().toPlainString();
    StringBuilder out = new StringBuilder();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(seconds).append('s').toString();
  }
}
