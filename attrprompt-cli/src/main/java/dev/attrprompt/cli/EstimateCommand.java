package dev.attrprompt.cli;

import dev.attrprompt.cost.Estimate;
import dev.attrprompt.cost.Estimator;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.task.Task;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "estimate", mixinStandardHelpOptions = true,
    description = {"Prices a run before it is made: requests, input tokens (counted with the",
        "model's tokenizer), expected output tokens and US dollars, online and with the Batch API."})
final class EstimateCommand implements Callable<Integer> {
  @Mixin TaskOptions options;

  @Option(names = "--per-class", paramLabel = "N", description = "Samples per label (default: the task's generation.per_class).")
  Integer perClass;

  @Option(names = "--model", paramLabel = "MODEL", description = "Model to price (default: the task's generation.model).")
  String model;

  @Option(names = "--prices", paramLabel = "FILE", description = "YAML file with 'prices: {model: {input, output}}' in USD per 1M tokens.")
  Path prices;

  @Option(names = "--json", description = "One JSON object.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Task task = options.load();
    Plan plan = Plan.of(task, options.plan(task, perClass));
    Estimate e = Estimator.estimate(plan, Optional.ofNullable(model), Optional.ofNullable(prices));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.pretty(jsonOf(e, plan)));
    } else {
      print(out, task, plan, e);
    }
    out.flush();
    return 0;
  }

  static Map<String, Object> jsonOf(Estimate e, Plan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", plan.task().name());
    m.put("method", plan.options().method().id());
    m.put("per_class", plan.options().perClass());
    m.put("model", e.model());
    m.put("encoding", e.encoding());
    m.put("requests", e.requests());
    m.put("input_tokens", e.inputTokens());
    m.put("output_tokens", e.outputTokens());
    m.put("output_tokens_basis", basis(e));
    m.put("output_tokens_bound", e.outputTokensBound());
    switch (e.basis()) {
      case Estimate.Basis.Exact x -> m.put("counted", "every prompt");
      case Estimate.Basis.Sampled s -> {
        m.put("counted", "sample");
        m.put("sampled_per_label", s.perLabel());
        m.put("input_tokens_margin_95", s.inputMargin());
        m.put("output_tokens_margin_95", s.outputMargin());
      }
    }
    m.put("usd_per_million_input", e.price().inputPerMillion());
    m.put("usd_per_million_output", e.price().outputPerMillion());
    m.put("usd", round(e.usd()));
    m.put("usd_batch", round(e.usdBatch()));
    m.put("usd_bound", round(e.usdBound()));
    m.put("prices_as_of", PriceTable.AS_OF);
    return m;
  }

  static void print(PrintWriter out, Task task, Plan plan, Estimate e) {
    out.printf(Locale.ROOT, "%s, %s, %,d per label x %d labels%n", task.name(),
        plan.options().method().id(), plan.options().perClass(), task.labels().size());
    out.printf(Locale.ROOT, "  model          %s (tokenizer %s; $%.2f / $%.2f per 1M input / output tokens; built-in prices are list prices of %s)%n",
        e.model(), e.encoding(), e.price().inputPerMillion(), e.price().outputPerMillion(), PriceTable.AS_OF);
    out.printf(Locale.ROOT, "  requests       %,d%n", e.requests());
    String inMargin = "";
    String outMargin = "";
    if (e.basis() instanceof Estimate.Basis.Sampled s) {
      inMargin = String.format(Locale.ROOT, " ± %,d (95%%; from %,d sampled prompts per label)", s.inputMargin(), s.perLabel());
      outMargin = e.outputFromLength() ? String.format(Locale.ROOT, " ± %,d", s.outputMargin()) : "";
    }
    out.printf(Locale.ROOT, "  input tokens   %,d%s%n", e.inputTokens(), inMargin);
    out.printf(Locale.ROOT, "  output tokens  %,d%s expected (%s); at most %,d (max_tokens per request)%n",
        e.outputTokens(), outMargin, basis(e), e.outputTokensBound());
    out.printf(Locale.ROOT, "  cost           $%,.4f online, $%,.4f with the Batch API (expected); at most $%,.4f online%n",
        e.usd(), e.usdBatch(), e.usdBound());
  }

  /** Where the expected output length came from, said the same way in text and JSON. */
  static String basis(Estimate e) {
    return e.outputBasis();
  }

  private static double round(double usd) {
    return Math.round(usd * 1_000_000.0) / 1_000_000.0;
  }
}
