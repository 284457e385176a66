package dev.attrprompt.sim;

import java.util.List;

/**
 * The simulator's token estimate: one token per four characters (OpenAI's rule of thumb for
 * English), plus three tokens per chat message and three for the reply's priming, as OpenAI
 * counts chat overhead. A real tokenizer would make the simulator depend on one; the estimate is
 * documented and stable, which is what limits and usage need.
 */
final class Tokens {
  /** What a request without max_tokens reserves against the TPM bucket. */
  static final int DEFAULT_MAX_TOKENS = 256;

  private Tokens() {}

  static long of(String text) {
    return (text.length() + 3) / 4;
  }

  static long ofMessages(List<ChatRequest.Message> messages) {
    long total = 3;
    for (ChatRequest.Message m : messages) {
      total += 3 + of(m.content());
    }
    return total;
  }
}
