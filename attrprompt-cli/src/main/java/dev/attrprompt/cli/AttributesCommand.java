package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Scope;
import dev.attrprompt.attributes.Value;
import dev.attrprompt.discover.Discovery;
import dev.attrprompt.discover.ProposedDimension;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "attributes", mixinStandardHelpOptions = true,
    description = "A task's attribute set: discover it with an LLM and a person in the loop, or show it.",
    subcommands = {AttributesCommand.Discover.class, ReviewCommand.class, AttributesCommand.Show.class})
final class AttributesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "discover", mixinStandardHelpOptions = true,
      description = {"Asks the LLM for attribute dimensions (a person keeps some: --keep, --yes, or by editing",
          "discovery/dimensions.yaml and running again), their values (per label where they depend on it),",
          "each label's similar classes, and filters values that fit a similar class too (CAF).",
          "Every answer is cached: a second run makes no request it made before."})
  static final class Discover implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TASK", description = "The task directory.")
    Path task;
    @Option(names = "--model", paramLabel = "M", description = "Model (default: the task's generation.model).")
    String model;
    @CommandLine.Mixin EndpointOptions endpoint;
    @Option(names = "--keep", paramLabel = "d1,d2", split = ",", description = "Dimensions to keep (snake_case names).")
    List<String> keep = new ArrayList<>();
    @Option(names = "--yes", description = "Keep every proposed dimension.")
    boolean yes;
    @Option(names = "--values", paramLabel = "N", defaultValue = Defaults.DISCOVER_VALUES, description = "Values per dimension (per label for dependent ones) (default: ${DEFAULT-VALUE}).")
    int values;
    @Option(names = "--similar", paramLabel = "K", defaultValue = Defaults.DISCOVER_SIMILAR, description = "Similar classes per label (default: ${DEFAULT-VALUE}).")
    int similar;
    @Option(names = "--max-reject", paramLabel = "R", defaultValue = Defaults.DISCOVER_MAX_REJECT, description = "Most values filtering removes per label (default: ${DEFAULT-VALUE}).")
    int maxReject;
    @Option(names = "--proposals", paramLabel = "N", defaultValue = Defaults.DISCOVER_PROPOSALS, description = "Dimensions to ask for (default: ${DEFAULT-VALUE}).")
    int proposals;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** The environment the key and base URL are read from (tests give their own). */
    Map<String, String> env = System.getenv();

    /** Where a person's choice of dimensions is read on a terminal (tests give their own); null: none. */
    java.io.BufferedReader terminal = System.console() == null ? null
        : new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));

    @Override
    public Integer call() {
      if (values < 1 || similar < 1 || maxReject < 0 || proposals < 1) {
        throw new UserError("--values, --similar and --proposals must be at least 1, --max-reject at least 0");
      }
      Task t = Task.load(task);
      String chosen = model != null ? model : t.generation().model();
      LlmConfig config = Discovery.config(t, endpoint.llm(env, chosen));
      PrintWriter out = spec.commandLine().getOut();
      Discovery.Result r;
      try (Engine engine = Engine.open(config)) {
        r = new Discovery(t, engine, chosen, new Discovery.Options(keep, yes, values, similar, maxReject, proposals)).run();
        if (r.needsReview() && terminal != null) {
          List<String> chosenKeep = ask(out, r.proposed(), terminal);
          if (!chosenKeep.isEmpty()) {
            r = new Discovery(t, engine, chosen, new Discovery.Options(chosenKeep, false, values, similar, maxReject,
                proposals)).run(); // the proposals come from the cache: nothing is asked twice
          }
        }
      }
      out.println("proposed dimensions:");
      for (ProposedDimension d : r.proposed()) {
        out.printf("  %-24s %-11s %s%n", d.name(), d.scope().yamlName(), d.keep() ? "kept" : "-");
      }
      r.drops().forEach((what, n) -> out.printf("  dropped %d: %s%n", n, what));
      out.printf("%d requests sent (cached answers are not asked again); record: %s%n", r.requests(), r.recordFile());
      if (r.needsReview()) {
        out.println("no dimension is kept yet: set 'keep: true' in " + r.proposalFile()
            + " (or pass --keep d1,d2 or --yes), then run the same command again");
        out.flush();
        return 0;
      }
      r.removedByFilter().forEach((label, n) -> out.printf("  filtering removed %d values of %s%n", n, label));
      out.println("attribute set written to " + t.attributesDir() + "; see it with 'attrprompt attributes show " + task + "'");
      out.flush();
      return 0;
    }
  }

  /** Asks a person on the terminal which proposed dimensions to keep (names or numbers). */
  static List<String> ask(PrintWriter out, List<ProposedDimension> proposed, java.io.BufferedReader in) {
    out.println("Proposed dimensions:");
    for (int i = 0; i < proposed.size(); i++) {
      out.printf("  %d. %s (%s)%n", i + 1, proposed.get(i).name(), proposed.get(i).scope().yamlName());
    }
    out.print("Keep which? Numbers or names, separated by commas (empty: none for now): ");
    out.flush();
    String line;
    try {
      line = in.readLine();
    } catch (java.io.IOException e) {
      return List.of();
    }
    List<String> keep = new ArrayList<>();
    for (String part : (line == null ? "" : line).split(",")) {
      String p = part.strip();
      if (p.matches("\\d+") && Integer.parseInt(p) >= 1 && Integer.parseInt(p) <= proposed.size()) {
        keep.add(proposed.get(Integer.parseInt(p) - 1).name());
      } else if (!p.isEmpty() && proposed.stream().anyMatch(d -> d.name().equals(p))) {
        keep.add(p);
      } else if (!p.isEmpty()) {
        out.println("  (ignored '" + p + "': no such dimension)");
      }
    }
    return keep;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a task's attribute set.")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TASK", description = "The task directory.")
    Path task;
    @Option(names = "--json", description = "One JSON object: labels, dimensions, similar.")
    boolean json;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Task t = Task.load(task);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", t.labels().stream().map(Label::name).toList());
        List<Map<String, Object>> dims = new ArrayList<>();
        for (Dimension d : t.attributes().dimensions()) {
          Map<String, Object> dm = new LinkedHashMap<>();
          dm.put("name", d.name());
          dm.put("scope", d.scope().yamlName());
          if (d.scope() == Scope.INDEPENDENT) {
            dm.put("values", d.values().stream().map(Value::text).toList());
          } else {
            Map<String, List<String>> byLabel = new LinkedHashMap<>();
            d.byLabel().forEach((l, vs) -> byLabel.put(l, vs.stream().map(Value::text).toList()));
            dm.put("values", byLabel);
          }
          dm.put("enabled", d.enabled());
          dims.add(dm);
        }
        m.put("dimensions", dims);
        m.put("similar", t.attributes().similar());
        out.println(Json.pretty(m));
      } else {
        InitCommand.summary(out, t);
        for (Dimension d : t.attributes().dimensions()) {
          out.printf("%n%s (%s%s)%n", d.name(), d.scope().yamlName(), d.enabled() ? "" : ", disabled");
          if (d.scope() == Scope.INDEPENDENT) {
            d.values().forEach(v -> out.printf("  - %s   [%s]%n", v.text(), v.provenance().describe()));
          } else {
            d.byLabel().forEach((l, vs) -> {
              out.printf("  %s:%n", l);
              vs.forEach(v -> out.printf("    - %s   [%s]%n", v.text(), v.provenance().describe()));
            });
          }
        }
        if (!t.attributes().similar().isEmpty()) {
          out.println();
          out.println("similar classes:");
          t.attributes().similar().forEach((l, s) -> out.printf("  %s: %s%n", l, String.join(", ", s)));
        }
      }
      out.flush();
      return 0;
    }
  }
}
