package dev.attrprompt.cli;

import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.run.BatchFiles;
import dev.attrprompt.run.Generator;
import dev.attrprompt.run.RunContext;
import dev.attrprompt.run.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "batch", mixinStandardHelpOptions = true,
    description = "OpenAI Batch API files for a run: write its pending requests, ingest the answers.",
    subcommands = {BatchCommand.Export.class, BatchCommand.Import.class})
final class BatchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Writes the run's pending requests as a Batch input file (custom_id = the stable",
          "request id). When every planned request is answered, plans the next top-up round first."})
  static final class Export implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder (made by 'attrprompt generate').")
    Path run;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The Batch input file (JSONL) to write.")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter w = spec.commandLine().getOut();
      try (RunStore store = RunStore.openExisting(run)) {
        RunContext context = RunContext.of(store);
        Optional<Generator.Result> done = new Generator(context.task(), context.spec(), store).plan();
        if (done.isPresent()) {
          w.println(run + ": nothing to ask: " + done.get().message());
          w.flush();
          return done.get().complete() ? 0 : Main.FAILURE;
        }
        long n = BatchFiles.writeInput(store, context.parameters(), out);
        w.printf("wrote %d requests to %s; upload it with purpose 'batch', then run 'attrprompt batch import %s OUTPUT'%n",
            n, out, run);
      }
      w.flush();
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Ingests a Batch output file (and its error file) as if the answers had come online,",
          "priced with the batch discount, then screens the run's answers."})
  static final class Import implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder.")
    Path run;

    @Parameters(index = "1", paramLabel = "FILE", description = "The Batch output file (JSONL).")
    Path file;

    @Option(names = "--errors", paramLabel = "FILE", description = "The Batch error file, if there is one.")
    Path errors;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter w = spec.commandLine().getOut();
      try (RunStore store = RunStore.openExisting(run)) {
        RunContext context = RunContext.of(store);
        PriceTable prices = PriceTable.withOverrides(context.task().prices());
        for (Path f : errors == null ? new Path[] {file} : new Path[] {file, errors}) {
          BatchFiles.Ingested in = BatchFiles.ingest(f, store, prices);
          w.printf("%s: %d answered, %d failed, %d already answered (skipped), %d unknown ids (skipped)%n",
              f, in.answered(), in.failed(), in.alreadyAnswered(), in.unknown());
        }
        var accepted = new Generator(context.task(), context.spec(), store).screen();
        w.println("accepted per label: " + accepted);
        w.println("next: 'attrprompt batch export " + run + " --out FILE' for what is still missing, or 'attrprompt status " + run + "'");
      }
      w.flush();
      return 0;
    }
  }
}
