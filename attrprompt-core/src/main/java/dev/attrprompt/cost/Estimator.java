package dev.attrprompt.cost;

import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Kind;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.plan.Seeds;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * Prices a plan: renders its prompts, counts their tokens, and expects output from their length.
 * A label of up to {@link #EXACT_UP_TO} items has every prompt counted. A larger label has
 * {@link #SAMPLE} of its items, drawn with a fixed seed, counted and scaled up: each item is a
 * pure function of its index, so a uniform sample of indices is a uniform sample of its prompts,
 * and the estimate states its 95% margin. Time and memory do not grow with the plan's size.
 */
public final class Estimator {
  /** English prose runs at about 4 tokens per 3 words in OpenAI's encodings. */
  static final double TOKENS_PER_WORD = 4.0 / 3.0;
  /** Labels with at most this many items are counted whole. */
  static final int EXACT_UP_TO = 10_000;
  /** Items counted of each larger label. */
  static final int SAMPLE = 10_000;

  /**
   * The words a reply is expected to hold when its prompt asks for no length (SimPrompt, or a
   * task without a length dimension): chat models asked for "a news article about ..." answer
   * with a few hundred words. An assumption, stated with every estimate, not a measurement;
   * {@code max_tokens} caps it and is reported beside it as the bound.
   */
  public static final int UNCONSTRAINED_WORDS = 300;

  private Estimator() {}

  /**
   * What {@code attrprompt estimate} prices: {@code plan} for {@code model} (default: the task's
   * {@code generation.model}) at the task's {@code max_tokens}, with the built-in prices under the
   * task's {@code prices} and a prices file's over both.
   *
   * @throws dev.attrprompt.UserError when no price is known for the model, or the file is wrong
   */
  public static Estimate estimate(Plan plan, Optional<String> model, Optional<Path> pricesFile) {
    Task task = plan.task();
    PriceTable table = pricesFile.isEmpty()
        ? PriceTable.withOverrides(task.prices())
        : PriceTable.withOverrides(task.prices(), PriceReader.file(pricesFile.get()));
    return estimate(plan, model.orElse(task.generation().model()), task.generation().maxTokens(), table);
  }

  public static Estimate estimate(Plan plan, String model, int maxTokens, PriceTable prices) {
    return estimate(plan, model, maxTokens, prices, EXACT_UP_TO, SAMPLE);
  }

  static Estimate estimate(Plan plan, String model, int maxTokens, PriceTable prices, int exactUpTo,
      int sample) {
    Price price = prices.require(model);
    TokenCounter counter = TokenCounter.forModel(model);
    Optional<Dimension> length = plan.options().method() == Method.ATTRPROMPT
        ? plan.task().attributes().enabled().stream().filter(d -> d.kind() == Kind.LENGTH).findFirst()
        : Optional.empty();
    long perClass = plan.options().perClass();
    boolean exact = perClass <= exactUpTo;
    double input = 0;
    double output = 0;
    double inputVariance = 0;
    double outputVariance = 0;
    for (Label label : plan.task().labels()) {
      long count = exact ? perClass : sample;
      Moments in = new Moments();
      Moments out = new Moments();
      LongStream.range(0, count).parallel().mapToObj(j -> plan.item(label, exact ? j : sampleIndex(plan, label, j)))
          .forEach(r -> {
            long tokens = counter.chat(List.of(r.prompt()));
            long expected = expectedOutput(r, length, maxTokens);
            synchronized (in) {
              in.add(tokens);
              out.add(expected);
            }
          });
      double scale = (double) perClass / count;
      input += in.sum * scale;
      output += out.sum * scale;
      if (!exact) {
        // the variance of N times a mean of n draws (with replacement) is N^2 s^2 / n
        inputVariance += perClass * (double) perClass * in.variance() / count;
        outputVariance += perClass * (double) perClass * out.variance() / count;
      }
    }
    long in = Math.round(input);
    long out = Math.round(output);
    Estimate.Basis basis = exact ? new Estimate.Basis.Exact()
        : new Estimate.Basis.Sampled(sample, (long) Math.ceil(1.96 * Math.sqrt(inputVariance)),
            (long) Math.ceil(1.96 * Math.sqrt(outputVariance)));
    double usd = price.usd(in, out);
    long bound = plan.size() * maxTokens;
    return new Estimate(model, counter.encodingName(), plan.size(), in, out, length.isPresent(), basis,
        bound, price, usd, usd * (1 - PriceTable.BATCH_DISCOUNT), price.usd(in, bound));
  }

  /** The index of the {@code j}-th sampled item of {@code label}: uniform over all its items. */
  static long sampleIndex(Plan plan, Label label, long j) {
    return Math.floorMod(Seeds.of(plan.options().seed(), "estimate-sample", label.name(), j),
        (long) plan.options().perClass());
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

  /** A running sum and sum of squares. */
  private static final class Moments {
    long n;
    double sum;
    double squares;

    void add(long x) {
      n++;
      sum += x;
      squares += (double) x * x;
    }

    /** The sample variance (0 for fewer than two values). */
    double variance() {
      if (n < 2) {
        return 0;
      }
      double mean = sum / n;
      return Math.max(0, (squares - n * mean * mean) / (n - 1));
    }
  }
}
