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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs attrprompt on its bundled example task with embedded defaults: shows the",
        "attribute set, previews SimPrompt and AttrPrompt prompts and prices both runs."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--per-class", paramLabel = "N", description = "Samples per label to price (default: the example's 200).")
  Integer perClass;

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
      out.println("This step plans and prices a run; it calls no LLM.");
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
      if (copyTo != null) {
        BundledExamples.extract(BundledExamples.DEFAULT, copyTo);
        out.println("The example task is now in " + copyTo + "; edit it and run the commands below on it.");
      }
      out.println("Next:");
      out.println("  attrprompt prompts TASK --method attrprompt --per-class 3   preview prompts of any task");
      out.println("  attrprompt estimate TASK --method simprompt --per-class 1000 --model gpt-4.1-mini");
      out.println("  attrprompt init my-task --from-attrprompt PATH/TO/AttrPrompt/datasets/agnews");
      out.println("  attrprompt init my-task --labels positive,negative --domain \"movie review\"");
      out.flush();
      return 0;
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
