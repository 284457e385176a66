package dev.attrprompt.cost;

import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Kind;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlannedRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** Prices a plan: renders every prompt, counts its tokens, and expects output from its length. */
public final class Estimator {
  /** English prose runs at about 4 tokens per 3 words in OpenAI's encodings. */
  static final double TOKENS_PER_WORD = 4.0 / 3.0;

  /**
   * The words a reply is expected to hold when its prompt asks for no length (SimPrompt, or a
   * task without a length dimension): chat models asked for "a news article about ..." answer
   * with a few hundred words. An assumption, stated with every estimate, not a measurement;
   * {@code max_tokens} caps it and is reported beside it as the bound.
   */
  public static final int UNCONSTRAINED_WORDS = 300;

  private Estimator() {}

  public static Estimate estimate(Plan plan, String model, int maxTokens, PriceTable prices) {
    Price price = prices.require(model);
    TokenCounter counter = TokenCounter.forModel(model);
    Optional<Dimension> length = plan.options().method() == Method.ATTRPROMPT
        ? plan.task().attributes().enabled().stream().filter(d -> d.kind() == Kind.LENGTH).findFirst()
        : Optional.empty();
    LongAdder input = new LongAdder();
    LongAdder output = new LongAdder();
    LongAdder requests = new LongAdder();
    plan.requests().parallel().forEach(r -> {
      requests.increment();
      input.add(counter.chat(List.of(r.prompt())));
      output.add(expectedOutput(r, length, maxTokens));
    });
    long in = input.sum();
    long out = output.sum();
    long bound = requests.sum() * maxTokens;
    double usd = price.usd(in, out);
    return new Estimate(model, counter.encodingName(), requests.sum(), in, out, length.isPresent(),
        bound, price, usd, usd * (1 - PriceTable.BATCH_DISCOUNT), price.usd(in, bound));
  }

  /**
   * The expected reply in tokens, capped by max_tokens: the middle of the requested word range,
   * or {@link #UNCONSTRAINED_WORDS} when the prompt asks for no length.
   */
  static long expectedOutput(PlannedRequest r, Optional<Dimension> length, int maxTokens) {
    int words = length.isEmpty() ? UNCONSTRAINED_WORDS
        : Integer.parseInt(r.attributes().get(length.get().name()).strip()) + Kind.LENGTH_SPAN / 2;
    return Math.min(maxTokens, (long) Math.ceil(words * TOKENS_PER_WORD));
  }
}
