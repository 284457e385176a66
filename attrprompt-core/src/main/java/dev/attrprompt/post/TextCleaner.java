package dev.attrprompt.post;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a model's answer into the sample text: drops chatty preambles ("Sure! Here is a news
 * article about …:") and sign-offs ("I hope this helps!"), unwraps a whole-text quotation and
 * normalises white space to single spaces. Punctuation and non-ASCII text are kept as they are.
 */
public final class TextCleaner {
  private TextCleaner() {}

  private static final Pattern WHITE = Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u2028\\u2029\\u3000]+");

  /** A first line (or sentence ending in a colon) that only announces the text. */
  private static final Pattern PREAMBLE = Pattern.compile(
      "(?is)^\\s*(?:(?:sure|certainly|of course|absolutely|okay|ok|great)[!,.]?\\s*)?"
          + "(?:here(?:'s| is| are)|below is|this is)\\b[^\\n]{0,200}?(?::|\\.\\s*\\n|\\n)\\s*");
  private static final Pattern BARE_ACK = Pattern.compile(
      "(?is)^\\s*(?:sure|certainly|of course|absolutely)[!.]\\s+");
  private static final Pattern TITLE_LINE = Pattern.compile(
      "(?i)^\\s*(?:\\*\\*|#+\\s*)?(?:title|headline|subject)\\s*:[^\\n]*\\n+");

  private static final List<Pattern> SIGN_OFFS = List.of(
      Pattern.compile("(?is)\\s*(?:\\n|(?<=[.!?]))\\s*(?:i hope (?:this|that|you)|let me know|feel free to|"
          + "if you (?:need|want|would like|have)|would you like|is there anything else)[^\\n]*$"),
      Pattern.compile("(?is)\\s*\\n\\s*(?:note|word count)\\s*:[^\\n]*$"));

  public static String clean(String raw) {
    String text = raw.replace("\r\n", "\n").replace('\r', '\n').strip();
    text = PREAMBLE.matcher(text).replaceFirst("");
    text = BARE_ACK.matcher(text).replaceFirst("");
    text = TITLE_LINE.matcher(text).replaceFirst("");
    for (int i = 0; i < 2; i++) {
      for (Pattern signOff : SIGN_OFFS) {
        text = signOff.matcher(text).replaceFirst("");
      }
    }
    text = WHITE.matcher(text).replaceAll(" ").strip();
    return unquote(text);
  }

  private static String unquote(String text) {
    if (text.length() > 2) {
      char first = text.charAt(0);
      char last = text.charAt(text.length() - 1);
      boolean wrapped = (first == '"' && last == '"') || (first == '“' && last == '”');
      String inner = text.substring(1, text.length() - 1);
      if (wrapped && inner.indexOf(first) < 0 && inner.indexOf(last) < 0) {
        return inner.strip();
      }
    }
    return text;
  }

  /** Words as people count them: runs of non-space characters. */
  public static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : WHITE.split(t).length;
  }
}
