package dev.attrprompt.eval.html;

/**
 * Escaping of untrusted text (LLM output, labels, attribute values, file names) for the three
 * places it lands in a report: HTML text, double-quoted HTML attributes, and JSON inside a
 * {@code <script>} block.
 */
public final class Escape {
  private Escape() {}

  /** Text for HTML element content or a double-quoted attribute value. */
  public static String html(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        case '\0' -> "\uFFFD";
        default -> null;
      };
      if (r != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  /** A value for a double-quoted HTML attribute. */
  public static String attribute(String s) {
    return html(s);
  }

  /**
   * JSON text made safe to place between {@code <script>} and {@code </script>}: every {@code <},
   * {@code >} and {@code &} (which can only occur inside JSON strings) becomes a \\u escape, so no
   * {@code </script>} or {@code <!--} can end or alter the block, and U+2028 and U+2029 are escaped
   * for older JavaScript parsers. {@code JSON.parse} of the result gives the same value.
   */
  public static String scriptJson(String json) {
    StringBuilder b = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> b.append("\\u003c");
        case '>' -> b.append("\\u003e");
        case '&' -> b.append("\\u0026");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
