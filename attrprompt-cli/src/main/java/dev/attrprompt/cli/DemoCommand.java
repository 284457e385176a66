package dev.attrprompt.cli;

import java.util.Optional;

import dev.attrprompt.eval.report.Analyzer;

import dev.attrprompt.eval.classify.ClassifierKind;

import dev.attrprompt.eval.html.HtmlReport;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.Estimate;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.discover.Discovery;
import dev.attrprompt.discover.ProposedDimension;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Secret;
import dev.attrprompt.run.Exporter;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunConfig;
import dev.attrprompt.run.RunResult;
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
        Estimate e = dev.attrprompt.cost.Estimator.estimate(plan, Optional.empty(), Optional.empty());
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
      out.println();
      out.println("Watch, resume and export these runs in a browser (and start new ones there), on this machine only:");
      out.println("  attrprompt serve " + shellWord(runs.toString()) + "   (then open http://127.0.0.1:"
          + ServeCommand.DEFAULT_PORT + "/)");
      out.flush();
      return 0;
    } finally {
      dev.attrprompt.FileTrees.deleteQuietly(dir);
    }
  }

  /** {@code s} as one shell word (quoted when it holds anything but plain path characters). */
  static String shellWord(String s) {
    return s.matches("[A-Za-z0-9._/@%+=:,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
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
      Task t = Task.load(task);
      for (Method method : List.of(Method.SIMPROMPT, Method.ATTRPROMPT)) {
        Path run = runs.resolve(method.id());
        RunConfig runConfig = RunConfig.builder(t).method(method).perClass(generatePerClass)
            .endpoint(sim.baseUrl()).toolVersion(Main.version()).build();
        LlmConfig llm = LlmConfig.builder().env(Map.of()).baseUrl(sim.baseUrl().toString())
            .apiKey(Secret.of("demo-key-for-the-simulator")).model(runConfig.generation().model()).build();
        if (complete(run, generatePerClass)) {
          // the simulator listens on a new port each time, and a run resumes only at its own endpoint
          try (Run r = Run.open(run)) {
            out.printf("%s: already generated%n", run);
            StatusCommand.print(out, r.status());
          }
          out.println("already exported to " + run.resolve("export"));
          out.println();
          continue;
        }
        try (Run r = Run.create(run, t, runConfig)) {
          RunResult result;
          try (ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), System.console() != null,
              (long) generatePerClass * t.labels().size())) {
            r.onEvent(progress);
            result = r.generate(llm);
          }
          if (!result.complete()) {
            throw new IllegalStateException("the demo's " + method.id() + " run did not complete: " + result.message());
          }
          out.printf("%s: %s%n", run, result.message());
          StatusCommand.print(out, r.status());
          Path export = run.resolve("export");
          if (Files.exists(export)) {
            out.println("already exported to " + export);
          } else {
            r.export(export, new Exporter.Options(Exporter.Format.JSONL, Map.of(), false))
                .forEach(p -> out.println("wrote " + p));
          }
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
      AnalyzeCommand.print(out, runs.resolve(method));
      out.println();
    }
  }

  /** Whether {@code run} is a finished demo run with its export. */
  private static boolean complete(Path run, int perClass) {
    if (!Run.isRun(run) || !Files.isDirectory(run.resolve("export"))) {
      return false;
    }
    try (Run r = Run.open(run)) {
      return r.manifest().plan().perClass() == perClass
          && r.status().labels().values().stream().allMatch(l -> l.counts().accepted() == perClass);
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
    Task blank = Task.load(dir);
    LlmConfig llm = LlmConfig.builder().env(Map.of()).baseUrl(sim.baseUrl().toString())
        .apiKey(Secret.of("demo-key-for-the-simulator")).model(blank.generation().model()).concurrency(16)
        .cache(dir.resolve("discovery").resolve("cache.sqlite")).build();
    Discovery.Result r;
    try (Engine engine = Engine.open(llm)) {
      r = new Discovery(blank, engine, llm.model(),
          new Discovery.Options(List.of("subtopic", "tone", "length"), false, 6, 5, 5, 8)).run();
    }
    for (ProposedDimension d : r.proposed()) {
      out.printf("  %-24s %-11s %s%n", d.name(), d.scope().yamlName(), d.keep() ? "kept" : "-");
    }
    r.removedByFilter().forEach((label, n) -> out.printf("  filtering removed %d values of %s%n", n, label));
    out.printf("%d requests sent; attribute set written to %s%n", r.requests(), blank.attributesDir());
    out.println();
  }

  /** The two runs compared on one HTML page; the page says their texts are simulated (the runs record it). */
  private void writeReport(PrintWriter out) {
    Path page = runs.resolve("report.html");
    out.println("The two runs side by side, with plots, in one HTML page that opens from disk:");
    ReportCommand.write(out, new HtmlReport.Inputs(List.of(runs.resolve("simprompt"), runs.resolve("attrprompt")),
            Optional.empty(), Optional.empty()), Optional.of("attrprompt demo: SimPrompt vs AttrPrompt (simulated text)"),
        50, List.of(ClassifierKind.TFIDF_LR), Optional.empty(), "tfidf", Analyzer.Options.DEFAULT_NEAR_DUPLICATE, Analyzer.Options.DEFAULT_SEED, page);
    out.println("Open " + page.toAbsolutePath() + " in a browser.");
    out.println();
  }


}
