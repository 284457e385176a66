package dev.attrprompt.cli;

import dev.attrprompt.run.RunStore;
import dev.attrprompt.run.RunStore.Status;
import dev.attrprompt.run.Usage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Shows a run's progress per label and in total: planned, accepted, rejected by",
        "reason, failed, requests, tokens and dollars. The counts always add up."})
final class StatusCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "The run folder.")
  Path run;

  @Option(names = "--json", description = "One JSON object.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (RunStore store = RunStore.openExisting(run)) {
      Map<String, Map<Status, Integer>> counts = store.counts();
      Map<String, Map<String, Integer>> reasons = store.rejections();
      Usage usage = store.usage();
      Map<String, Object> labels = new LinkedHashMap<>();
      long requests = 0;
      long accepted = 0;
      long rejected = 0;
      long failed = 0;
      long pending = 0;
      for (Map.Entry<String, Map<Status, Integer>> e : counts.entrySet()) {
        Map<Status, Integer> c = e.getValue();
        int a = c.getOrDefault(Status.ACCEPTED, 0);
        int r = c.getOrDefault(Status.REJECTED, 0);
        int f = c.getOrDefault(Status.FAILED, 0);
        int p = c.getOrDefault(Status.PLANNED, 0) + c.getOrDefault(Status.ANSWERED, 0);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("planned", a + r + f + p);
        row.put("accepted", a);
        row.put("rejected", r);
        row.put("rejected_by_reason", reasons.getOrDefault(e.getKey(), Map.of()));
        row.put("failed", f);
        row.put("pending", p);
        labels.put(e.getKey(), row);
        requests += a + r + f + p;
        accepted += a;
        rejected += r;
        failed += f;
        pending += p;
      }
      Map<String, Object> totals = new LinkedHashMap<>();
      totals.put("requests", requests);
      totals.put("accepted", accepted);
      totals.put("rejected", rejected);
      totals.put("failed", failed);
      totals.put("pending", pending);
      totals.put("responses", usage.responses());
      totals.put("cached", usage.cached());
      totals.put("input_tokens", usage.promptTokens());
      totals.put("output_tokens", usage.completionTokens());
      totals.put("usd", Math.round(usage.usd() * 1e6) / 1e6);
      totals.put("simulated", usage.simulated());
      if (json) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("labels", labels);
        all.put("totals", totals);
        out.println(Json.pretty(all));
      } else {
        out.printf("%-28s %8s %8s %8s %8s %8s%n", "label", "planned", "accepted", "rejected", "failed", "pending");
        labels.forEach((label, row) -> {
          @SuppressWarnings("unchecked") Map<String, Object> r = (Map<String, Object>) row;
          out.printf("%-28s %8s %8s %8s %8s %8s  %s%n", label, r.get("planned"), r.get("accepted"), r.get("rejected"),
              r.get("failed"), r.get("pending"), ((Map<?, ?>) r.get("rejected_by_reason")).isEmpty() ? "" : r.get("rejected_by_reason"));
        });
        out.printf(Locale.ROOT, "%-28s %8d %8d %8d %8d %8d%n", "total", requests, accepted, rejected, failed, pending);
        out.printf(Locale.ROOT, "%,d responses (%,d cached), %,d input and %,d output tokens, $%.4f%s%n",
            usage.responses(), usage.cached(), usage.promptTokens(), usage.completionTokens(), usage.usd(),
            usage.simulated() ? " (simulated responses)" : "");
      }
    }
    out.flush();
    return 0;
  }
}
