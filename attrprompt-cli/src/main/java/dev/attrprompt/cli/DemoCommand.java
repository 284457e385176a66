package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.Estimate;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs attrprompt on its bundled example task with embedded defaults: shows the",
        "attribute set, previews and prices SimPrompt and AttrPrompt runs, then generates both",
        "against the built-in simulator (simulated text), shows their status and exports them."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--per-class", paramLabel = "N", description = "Samples per label to price (default: the example's 200).")
  Integer perClass;

  @Option(names = "--generate-per-class", paramLabel = "K", defaultValue = "20",
      description = "Samples per label to generate with the simulator (default: ${DEFAULT-VALUE}).")
  int generatePerClass;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "attrprompt-demo",
      description = "Folder for the demo's runs and exports; running the demo again resumes them (default: ${DEFAULT-VALUE}).")
  Path runs;

  @Option(names = "--copy-to", paramLabel = "DIR", description = "Also write the example task to DIR, to edit and reuse it.")
  Path copyTo;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (copyTo != null && Files.exists(copyTo)) {
      throw UserError.in(copyTo, "already exists; choose a new folder for --copy-to");
    }
    Path dir = Files.createTempDirectory("attrprompt-demo-");
    try {
      Task task = Task.load(BundledExamples.extract(BundledExamples.DEFAULT, dir.resolve("task")));
      out.printf("attrprompt demo: the bundled example task '%s' (%s)%n", task.name(),
          task.description().orElse(task.domain()));
      out.println("First it plans and prices a run, then it generates one against the built-in simulator.");
      out.println();
      InitCommand.summary(out, task);
      out.println();

      int n = perClass != null ? perClass : task.generation().perClass();
      long seed = task.generation().seed();
      Plan attr = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, n, seed, SamplingMode.UNIFORM));
      Plan sim = Plan.of(task, new PlanOptions(Method.SIMPROMPT, n, seed, SamplingMode.UNIFORM));
      out.println("Two AttrPrompt prompts (each request samples one value per dimension):");
      out.println();
      List<PlannedRequest> preview = attr.preview(1);
      preview.stream().limit(2).forEach(r -> PromptsCommand.preview(out, r, task));
      out.println("The SimPrompt baseline sends one prompt per label, many times:");
      out.println();
      PromptsCommand.preview(out, sim.item(task.labels().get(0), 0), task);

      for (Plan plan : List.of(sim, attr)) {
        Estimate e = EstimateCommand.estimate(task, plan, null, null);
        EstimateCommand.print(out, task, plan, e);
        out.println();
      }
      generateWithSimulator(out, dir.resolve("task"));
      writeReport(out);
      if (copyTo != null) {
        BundledExamples.extract(BundledExamples.DEFAULT, copyTo);
        out.println("The example task is now in " + copyTo + "; edit it and run the commands below on it.");
      }
      out.println("To use a real model, point generate at an OpenAI-compatible endpoint, e.g.:");
      out.println("  OPENAI_API_KEY=... attrprompt generate TASK --method attrprompt --per-class 200 --out my-run --budget-usd 2");
      out.println("  attrprompt generate TASK --per-class 200 --out my-run --base-url http://127.0.0.1:11434/v1   (Ollama)");
      out.println();
      out.println("Next:");
      out.println("  attrprompt prompts TASK --method attrprompt --per-class 3   preview prompts of any task");
      out.println("  attrprompt estimate TASK --method simprompt --per-class 1000 --model gpt-4.1-mini");
      out.println("  attrprompt init my-task --from-attrprompt PATH/TO/AttrPrompt/datasets/agnews");
      out.println("  attrprompt init my-task --labels positive,negative --domain \"movie review\"");
      out.flush();
      return 0;
    } finally {
      dev.attrprompt.FileTrees.deleteQuietly(dir);
    }
  }

  /** Generates, reports and exports both methods against an in-process simulator. */
  private void generateWithSimulator(PrintWriter out, Path task) throws IOException {
    out.println("Generating " + generatePerClass + " samples per label with each method against the built-in");
    out.println("simulator. ITS TEXTS ARE SIMULATED: they exercise the pipeline (limits, retries, refusals,");
    out.println("screening, resume, export) and are not training data.");
    out.println();
    SimulatorConfig config = SimulatorConfig.builder().port(0).seed(1).latencyMedianMs(5).latencyP99Ms(40)
        .fault429(0.03).fault500(0.01).faultRefusal(0.02).faultTruncate(0.02).build();
    try (Simulator sim = Simulator.start(config)) {
      for (String method : List.of("simprompt", "attrprompt")) {
        Path run = runs.resolve(method);
        GenerateCommand generate = new GenerateCommand();
        generate.env = Map.of("OPENAI_API_KEY", "demo-key-for-the-simulator");
        int code = sub(generate, out, task.toString(), "--method", method, "--per-class",
            String.valueOf(generatePerClass), "--out", run.toString(), "--base-url", sim.baseUrl().toString());
        if (code != 0) {
          throw new IllegalStateException("the demo's " + method + " run did not complete (exit " + code + ")");
        }
        sub(new StatusCommand(), out, run.toString());
        Path export = run.resolve("export");
        if (Files.exists(export)) {
          out.println("already exported to " + export);
        } else {
          sub(new ExportCommand(), out, run.toString(), "--out", export.toString());
        }
        out.println();
      }
      discover(out, sim, runs.resolve("discovered-task"));
      out.printf("The simulator answered %,d requests in all (a repeated demo resumes its runs and asks nothing).%n%n",
          sim.stats().requests());
    }
    out.println("Diversity and bias of the two runs (of simulated text: the figures show the measures at work,");
    out.println("not how a real model's data would score):");
    out.println();
    for (String method : List.of("simprompt", "attrprompt")) {
      sub(new AnalyzeCommand(), out, runs.resolve(method).toString());
      out.println();
    }
  }

  /** Attribute discovery for a blank task with the example's labels, a person's choice given by --keep. */
  private void discover(PrintWriter out, Simulator sim, Path dir) {
    out.println("Attribute discovery for a blank task with the same labels (dimensions, values, similar classes,");
    out.println("class-dependent filtering), keeping subtopic, tone and length as a person might:");
    if (!Files.exists(dir)) {
      dev.attrprompt.task.TaskInit.blank(dir, List.of("billing", "account access", "bug report", "feature request",
          "cancellation"), "customer support message", java.util.Optional.empty());
    }
    AttributesCommand.Discover discover = new AttributesCommand.Discover();
    discover.env = Map.of("OPENAI_API_KEY", "demo-key-for-the-simulator");
    int code = sub(discover, out, dir.toString(), "--base-url", sim.baseUrl().toString(), "--keep",
        "subtopic,tone,length", "--values", "6");
    if (code != 0) {
      throw new IllegalStateException("the demo's discovery did not complete (exit " + code + ")");
    }
    out.println();
  }

  /** The two runs compared on one HTML page; the page says their texts are simulated (the runs record it). */
  private void writeReport(PrintWriter out) {
    Path page = runs.resolve("report.html");
    out.println("The two runs side by side, with plots, in one HTML page that opens from disk:");
    int code = sub(new ReportCommand(), out, runs.resolve("simprompt").toString(), runs.resolve("attrprompt").toString(),
        "--title", "attrprompt demo: SimPrompt vs AttrPrompt (simulated text)", "--out", page.toString());
    if (code != 0) {
      throw new IllegalStateException("the demo's report was not written (exit " + code + ")");
    }
    out.println("Open " + page.toAbsolutePath() + " in a browser.");
    out.println();
  }

  private int sub(Object command, PrintWriter out, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(out);
    cli.setErr(spec.commandLine().getErr());
    cli.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
    return cli.execute(args);
  }


}
