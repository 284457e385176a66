package dev.attrprompt.cli;

import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.task.Task;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prompts", mixinStandardHelpOptions = true,
    description = {"Shows the prompts a plan would send: K per label, without calling any LLM.",
        "With --json, one JSON object per request: id, label, labels, attributes, prompt."})
final class PromptsCommand implements Callable<Integer> {
  @Mixin TaskOptions options;

  @Option(names = "--per-class", paramLabel = "K", required = true, description = "Requests per label.")
  int perClass;

  @Option(names = "--json", description = "JSON Lines, one object per request.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Task task = options.load();
    Plan plan = Plan.of(task, options.plan(task, perClass));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      plan.requests().forEach(r -> out.println(Json.line(jsonOf(r, task))));
    } else {
      out.printf("%s: %s plan, %d labels x %d = %d requests, seed %d, mode %s%n%n",
          task.name(), plan.options().method().id(), task.labels().size(), perClass, plan.size(),
          plan.options().seed(), plan.options().mode().id());
      plan.requests().forEach(r -> preview(out, r, task));
    }
    out.flush();
    return 0;
  }

  static Map<String, Object> jsonOf(PlannedRequest r, Task task) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("label", r.label());
    if (task.multiLabel()) {
      m.put("labels", r.labels());
    }
    m.put("attributes", r.attributes());
    m.put("seed", r.seed());
    m.put("prompt", r.prompt());
    return m;
  }

  static void preview(PrintWriter out, PlannedRequest r, Task task) {
    String labels = task.multiLabel() ? "  labels: " + String.join(", ", r.labels()) : "";
    out.printf("=== %s  (label: %s%s, seed %d)%n", r.id(), r.label(), labels, r.seed());
    r.attributes().forEach((k, v) -> out.printf("    %-14s %s%n", k + ":", v));
    out.println();
    r.prompt().lines().forEach(l -> out.println("  | " + l));
    out.println();
  }
}
