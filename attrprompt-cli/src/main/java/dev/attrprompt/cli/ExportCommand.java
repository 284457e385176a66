package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.run.Exporter;
import dev.attrprompt.run.Run;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes a run's accepted samples, ordered by id, as JSONL or CSV, with a",
        "README.md dataset card (Hugging Face front matter and the run's provenance)."})
final class ExportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "The run folder.")
  Path run;

  @Option(names = "--format", paramLabel = "F", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "A new folder for the files.")
  Path out;

  @Option(names = "--split", paramLabel = "SPLITS", description = "e.g. train=0.9,validation=0.1 (default: one file).")
  String split;

  @Option(names = "--stratify", description = "Split each label in the same proportions.")
  boolean stratify;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Exporter.Format f = switch (format.toLowerCase(Locale.ROOT)) {
      case "jsonl" -> Exporter.Format.JSONL;
      case "csv" -> Exporter.Format.CSV;
      default -> throw new UserError("--format must be jsonl or csv, not '" + format + "'");
    };
    Exporter.Options options = new Exporter.Options(f, Exporter.parseSplit(split), stratify);
    PrintWriter w = spec.commandLine().getOut();
    try (Run r = Run.openReadOnly(run)) {
      List<Path> files = r.export(out, options);
      files.forEach(p -> w.println("wrote " + p));
    }
    w.flush();
    return 0;
  }
}
