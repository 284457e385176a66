package dev.attrprompt.cost;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;

/**
 * Counts tokens the way OpenAI's chat models do: o200k_base for the GPT-4o, GPT-4.1, GPT-5 and o
 * series, cl100k_base otherwise (GPT-3.5, GPT-4, and the usual choice for other models), plus
 * the chat format's per-message overhead.
 */
public final class TokenCounter {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  /** Tokens of a chat message's framing, and of the assistant reply's priming. */
  static final int PER_MESSAGE = 3;
  static final int REPLY_PRIMING = 3;

  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  public static TokenCounter forModel(String model) {
    return new TokenCounter(REGISTRY.getEncoding(encodingOf(model)));
  }

  static EncodingType encodingOf(String model) {
    String m = model.toLowerCase(java.util.Locale.ROOT);
    int slash = m.lastIndexOf('/');
    if (slash >= 0) {
      m = m.substring(slash + 1); // "openai/gpt-4o" on routers
    }
    boolean o200k = m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-4.5")
        || m.startsWith("gpt-5") || m.matches("o[1-9].*") || m.startsWith("chatgpt-4o");
    return o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE;
  }

  public String encodingName() {
    return encoding.getName();
  }

  public int count(String text) {
    return encoding.countTokensOrdinary(text);
  }

  /** Prompt tokens of a chat request with these user/system message contents. */
  public int chat(List<String> messages) {
    int total = REPLY_PRIMING;
    for (String m : messages) {
      total += PER_MESSAGE + count(m);
    }
    return total;
  }
}
