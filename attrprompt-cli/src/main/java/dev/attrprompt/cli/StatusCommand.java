package dev.attrprompt.cli;

import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Shows a run's progress per label and in total: planned, accepted, rejected by",
        "reason, failed by cause, pending; requests, tokens, dollars and the budget. The counts add up."})
final class StatusCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "The run folder.")
  Path run;

  @Option(names = "--json", description = "One JSON object.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RunStatus s;
    try (Run r = Run.openReadOnly(run)) {
      s = r.status();
    }
    List<String> batches = s.batchesInFlight();
    if (json) {
      out.println(Json.pretty(s.toMap()));
    } else {
      print(out, s);
      if (!batches.isEmpty()) {
        out.printf("%d batch%s in flight (%s); 'attrprompt generate ... --batch' again polls %s%n", batches.size(),
            batches.size() == 1 ? "" : "es", String.join(", ", batches), batches.size() == 1 ? "it" : "them");
      }
    }
    out.flush();
    return 0;
  }

  /** The status as a table with failure causes, usage, budget and warnings. */
  static void print(PrintWriter out, RunStatus s) {
    out.printf("%-28s %8s %8s %8s %8s %8s%n", "label", "planned", "accepted", "rejected", "failed", "pending");
    s.labels().forEach((label, l) -> {
      RunStatus.Counts c = l.counts();
      out.printf(Locale.ROOT, "%-28s %8d %8d %8d %8d %8d  %s%n", label, c.planned(), c.accepted(), c.rejected(),
          c.failed(), c.pending(), l.rejectedByReason().isEmpty() ? "" : new java.util.TreeMap<>(l.rejectedByReason()));
    });
    RunStatus.Counts t = s.totals();
    out.printf(Locale.ROOT, "%-28s %8d %8d %8d %8d %8d%n", "total", t.planned(), t.accepted(), t.rejected(),
        t.failed(), t.pending());
    if (t.failed() > 0) {
      out.println("failed by cause:");
      s.failedByCause().forEach((cause, n) -> out.printf(Locale.ROOT, "  %,d  %s%n", n, cause));
      s.labels().forEach((label, l) -> {
        if (!l.failedByCause().isEmpty()) {
          out.printf("  %s: %s%n", label, l.failedByCause());
        }
      });
    }
    var u = s.usage();
    out.printf(Locale.ROOT, "%,d responses (%,d cached), %,d input and %,d output tokens, %s%s%s%n",
        u.responses(), u.cached(), u.promptTokens(), u.completionTokens(),
        s.price().isPresent() ? String.format(Locale.ROOT, "$%.4f", u.usd()) : "dollars unknown",
        s.budgetUsd().isPresent() ? String.format(Locale.ROOT, " of a $%.4f budget", s.budgetUsd().getAsDouble()) : "",
        u.simulated() ? " (simulated responses)" : "");
    if (!s.fidelity().judge().equals("none")) {
      out.printf("label fidelity is a screening rule here (--fidelity %s): answers judged off their label are "
          + "rejected as off_label%n", s.fidelity().judge());
    }
    var judge = s.fidelity().llm();
    if (judge.responses() > 0) {
      out.printf(Locale.ROOT, "the LLM label-fidelity judge asked %,d questions (%,d cached): %,d input and %,d "
          + "output tokens, $%.4f (included above)%n", judge.responses(), judge.cached(), judge.promptTokens(),
          judge.completionTokens(), judge.usd());
    }
    s.warnings().forEach(w -> out.println("warning: " + w));
  }
}
