package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.PriceReader;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.llm.BatchJobs;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.post.Screening;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunConfig;
import dev.attrprompt.run.RunEvent;
import dev.attrprompt.run.RunResult;
import dev.attrprompt.UserError;
import dev.attrprompt.task.Task;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generates a labeled dataset with an OpenAI-compatible endpoint: exactly N accepted",
        "samples per label, stored in RUN (SQLite). Running it again on RUN resumes where it stopped;",
        "a resume must use the run's options (only --rescreen and --raise-budget change a run)."})
final class GenerateCommand implements Callable<Integer> {
  @Mixin TaskOptions options;

  @Option(names = "--per-class", paramLabel = "N", description = "Accepted samples per label (default: the task's generation.per_class).")
  Integer perClass;

  @Option(names = "--out", paramLabel = "RUN", required = true, description = "The run folder (created, or resumed).")
  Path run;

  @Option(names = "--model", paramLabel = "M", description = "Model (default: the task's generation.model).")
  String model;

  @Mixin EndpointOptions endpoint;

  @Option(names = "--budget-usd", paramLabel = "B", description = {"The run's total spending cap, over every invocation;",
      "in-flight requests reserve their worst case. Recorded in the run."})
  Double budgetUsd;

  @Option(names = "--raise-budget", description = "Allow --budget-usd above the run's recorded budget.")
  boolean raiseBudget;

  @Option(names = "--fidelity", paramLabel = "J", defaultValue = "none",
      description = {"Label fidelity as a screening rule: classifier (cross-fitted on the run's answers, offline, free)",
          "or llm (the run's model is asked which label fits each answer; its cost counts against the run's budget);",
          "answers judged off-label are rejected as off_label and topped up (default: ${DEFAULT-VALUE})."})
  String fidelity;

  @Option(names = "--rescreen", description = {"Allow other screening rules (--min-words, --max-words, --near-duplicate, --fidelity)",
      "than the run's: the change is recorded, answers are screened again, only the new shortfall is bought."})
  boolean rescreen;

  @Option(names = "--rpm", paramLabel = "R", defaultValue = "0", description = "Requests per minute (default: learned from the provider's headers).")
  long rpm;

  @Option(names = "--tpm", paramLabel = "T", defaultValue = "0", description = "Tokens per minute (default: learned from the provider's headers).")
  long tpm;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = Defaults.CONCURRENCY, description = "Most requests in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--max-rounds", paramLabel = "K", defaultValue = Defaults.MAX_ROUNDS, description = "Top-up rounds for rejected samples (default: ${DEFAULT-VALUE}).")
  int maxRounds;

  @Option(names = "--min-words", paramLabel = "W", defaultValue = Defaults.MIN_WORDS, description = "Reject shorter texts (default: ${DEFAULT-VALUE}).")
  int minWords;

  @Option(names = "--max-words", paramLabel = "W", defaultValue = Defaults.MAX_WORDS, description = "Reject longer texts (default: ${DEFAULT-VALUE}).")
  int maxWords;

  @Option(names = "--near-duplicate", paramLabel = "J", defaultValue = Defaults.NEAR_DUPLICATE, description = "Jaccard threshold for near-duplicates; above 1 turns it off (default: ${DEFAULT-VALUE}).")
  double nearDuplicate;

  @Option(names = "--batch", description = "Send the requests through the OpenAI Batch API (half price, answers within 24 h).")
  boolean batch;

  @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = Defaults.POLL_SECONDS, description = "How often to poll a batch (default: ${DEFAULT-VALUE}).")
  long pollSeconds;

  @Option(names = "--plan-only", description = "Create or update RUN's plan without calling any endpoint (for 'attrprompt batch export').")
  boolean planOnly;

  @Option(names = "--prices", paramLabel = "FILE", description = "YAML file with 'prices: {model: {input, output}}'.")
  Path prices;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The environment the key and base URL are read from (tests give their own). */
  Map<String, String> env = System.getenv();

  /** What one Batch input file may hold; tests lower it to see the requests split over several batches. */
  BatchJobs.FileLimits batchLimits = BatchJobs.FileLimits.OPENAI;

  @Override
  public Integer call() {
    if (pollSeconds < 1) {
      throw new UserError("--poll-seconds must be 1 or more, not " + pollSeconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Task task = options.load();
    PlanOptions plan = options.plan(task, perClass);
    PriceTable table = prices == null ? PriceTable.withOverrides(task.prices())
        : PriceTable.withOverrides(task.prices(), PriceReader.file(prices));
    String chosenModel = model != null ? model : task.generation().model();
    RunConfig.Builder config = RunConfig.builder(task).plan(plan)
        .rules(new Screening.Rules(minWords, maxWords, nearDuplicate, Screening.Fidelity.parse(fidelity))).maxRounds(maxRounds).model(chosenModel)
        .prices(table).rescreen(rescreen).raiseBudget(raiseBudget).toolVersion(Main.version());
    if (budgetUsd != null) {
      config.budgetUsd(budgetUsd);
    }
    LlmConfig llm = null;
    if (!planOnly) {
      llm = endpoint.llm(env, chosenModel).concurrency(concurrency).rpm(rpm).tpm(tpm).prices(table).build();
      config.endpoint(llm.baseUrl());
    }
    try (Run r = Run.create(run, task, config.build())) {
      r.warnings().forEach(w -> err.println("warning: " + w));
      err.flush();
      if (planOnly) {
        RunResult result = r.plan();
        out.printf("%s: %s%n", run, result.ending() instanceof RunResult.Ending.Planned
            ? result.message() + "; write them with 'attrprompt batch export " + run + " --out FILE'"
            : result.message());
        out.flush();
        return 0;
      }
      long target = (long) plan.perClass() * task.labels().size();
      try (SignalStop signals = new SignalStop(err, r::stop)) {
        RunResult result;
        if (batch) {
          r.onEvent(e -> {
            if (e instanceof RunEvent.BatchNote note) {
              err.println("[batch] " + note.line());
              err.flush();
            }
          });
          result = r.generateWithBatches(llm, Duration.ofSeconds(pollSeconds), batchLimits);
        } else {
          try (ProgressReporter progress = new ProgressReporter(err, System.console() != null, target)) {
            r.onEvent(progress);
            result = r.generate(llm);
          }
        }
        return report(out, result, signals);
      }
    }
  }

  private int report(PrintWriter out, RunResult result, SignalStop signals) {
    if (signals.exitCode().isPresent()) {
      out.printf("%s: stopped by %s; %d answers were kept this time (%d in all)%n", run, signals.name(),
          result.kept(), result.status().usage().responses());
      out.println("resume with: " + resumeCommand());
      out.flush();
      return signals.exitCode().getAsInt();
    }
    out.printf("%s: %s%n", run, result.message());
    out.println("accepted per label: " + result.accepted());
    if (result.ending() instanceof RunResult.Ending.Stopped s && s.cause() == RunResult.Cause.STOPPED) {
      out.println("resume with: " + resumeCommand());
    }
    out.println("see 'attrprompt status " + run + "', then 'attrprompt export " + run + " --out DIR'");
    out.flush();
    return result.complete() ? 0 : Main.FAILURE;
  }

  /** The command line that started this run, quoted for a POSIX shell. */
  private String resumeCommand() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    StringBuilder b = new StringBuilder("attrprompt");
    if (args.isEmpty() || !"generate".equals(args.get(0))) {
      b.append(" generate");
    }
    for (String a : args) {
      b.append(' ').append(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return b.toString();
  }
}
