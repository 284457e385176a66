package dev.attrprompt.post;

import java.util.regex.Pattern;

/** Recognises answers in which the model declines instead of writing the text. */
public final class Refusals {
  private Refusals() {}

  private static final Pattern REFUSAL = Pattern.compile(
      "(?is)^.{0,80}?(?:i(?:'m| am) sorry,? but (?:i|as)|i (?:can(?:'|no)t|cannot|won't|am unable to|'m unable to|"
          + "am not able to) (?:help|assist|comply|fulfil|fulfill|create|write|generate|provide|produce)|"
          + "as an ai(?: language model)?,? i (?:can(?:'|no)t|cannot|am unable|don't)|"
          + "i must (?:decline|refuse)|unfortunately,? i (?:can(?:'|no)t|cannot))");

  /** Whether the start of {@code text} declines the request. */
  public static boolean isRefusal(String text) {
    return REFUSAL.matcher(text).find();
  }
}
