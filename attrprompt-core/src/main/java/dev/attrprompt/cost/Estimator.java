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
    double usd = price.usd(in, out);
    return new Estimate(model, counter.encodingName(), requests.sum(), in, out, length.isPresent(),
        price, usd, usd * (1 - PriceTable.BATCH_DISCOUNT));
  }

  /** The middle of the requested word range in tokens, capped by max_tokens. */
  static long expectedOutput(PlannedRequest r, Optional<Dimension> length, int maxTokens) {
    if (length.isEmpty()) {
      return maxTokens;
    }
    int words = Integer.parseInt(r.attributes().get(length.get().name()).strip())
        + Kind.LENGTH_SPAN / 2;
    return Math.min(maxTokens, (long) Math.ceil(words * TOKENS_PER_WORD));
  }
}
