package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.run.PersonVerdict;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.SampleDetail;
import dev.attrprompt.run.SampleQuery;
import dev.attrprompt.run.SampleRow;
import dev.attrprompt.run.SampleVerdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "samples", mixinStandardHelpOptions = true,
    description = {"Lists a run's samples with their verdicts, filtered by label, attribute value, verdict,",
        "rejection reason and text; shows one with its prompt and raw answer; and records a person's",
        "verdict: reject an accepted sample with a reason, or restore it.",
        "",
        "A sample a person rejects counts as rejected with the reason 'person: REASON' in status,",
        "is left out of every export at once, and resuming the run buys only the shortfall. Restoring",
        "screens the stored answers again: the sample is accepted again and, if a top-up has filled",
        "its label meanwhile, the label's last accepted sample becomes over_quota (kept, not",
        "exported). Model text is printed with control characters replaced."})
final class SamplesCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "The run folder.")
  Path run;

  @Option(names = "--label", paramLabel = "L", description = "Only samples of label L.")
  String label;

  @Option(names = "--value", paramLabel = "DIM=VALUE", description = "Only samples with this attribute value (repeatable: all must hold).")
  List<String> values = List.of();

  @Option(names = "--verdict", paramLabel = "V", description = "accepted, rejected (by screening), person-rejected, failed or pending.")
  String verdict;

  @Option(names = "--reason", paramLabel = "R", description = "Only samples rejected for reason R (as status shows it); with --reject, the reason to record.")
  String reason;

  @Option(names = "--search", paramLabel = "Q", description = "Only samples whose text contains Q (ASCII case ignored).")
  String search;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Samples per page, 1 to 500 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Samples to skip (default: ${DEFAULT-VALUE}).")
  int offset;

  @Option(names = "--show", paramLabel = "ID", description = "One sample whole: attributes, verdict, the prompt and the raw answer.")
  String show;

  @Option(names = "--reject", paramLabel = "ID", description = "A person rejects the accepted sample ID (needs --reason).")
  String reject;

  @Option(names = "--restore", paramLabel = "ID", description = "Takes back a person's rejection of sample ID.")
  String restore;

  @Option(names = "--json", description = "JSON instead of text.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Whether the run's answers came from the simulator: its texts say so. */
  private boolean simulated;

  @Override
  public Integer call() {
    long actions = java.util.stream.Stream.of(show, reject, restore).filter(a -> a != null).count();
    if (actions > 1) {
      throw new UserError("give one of --show, --reject and --restore at a time");
    }
    if (reject != null && (reason == null || reason.isBlank())) {
      throw new UserError("--reject needs --reason R, the reason a person rejects the sample for (one line)");
    }
    PrintWriter out = spec.commandLine().getOut();
    // a person's verdict writes the run; every other use only reads it (and changes nothing in its folder)
    try (Run r = reject != null || restore != null ? Run.open(run) : Run.openReadOnly(run)) {
      simulated = r.status().usage().simulated();
      if (show != null) {
        show(out, r.sample(show).orElseThrow(() -> noSample(show)));
      } else if (reject != null) {
        PersonVerdict v = r.rejectByPerson(reject, reason);
        verdict(out, r, v, "rejected " + v.id() + " (" + v.statusReason().orElse("") + "); resuming the run buys only "
            + "the shortfall");
      } else if (restore != null) {
        PersonVerdict v = r.restore(restore);
        verdict(out, r, v, "restored " + v.id() + ": now " + r.sample(v.id()).map(d -> d.row().verdict().id()
            + d.row().reason().map(x -> " (" + x + ")").orElse("")).orElse("unknown"));
      } else {
        list(out, r.samples(filter()));
      }
    }
    out.flush();
    return 0;
  }

  private SampleQuery.Filter filter() {
    SampleQuery.Filter f = new SampleQuery.Filter(Optional.ofNullable(label), Map.of(),
        Optional.ofNullable(verdict).map(SampleVerdict::parse), Optional.ofNullable(reason), Optional.ofNullable(search),
        limit, offset);
    for (String v : values) {
      f = f.withAttribute(v);
    }
    return f;
  }

  private UserError noSample(String id) {
    return UserError.in(run, "no sample '" + terminal(id) + "' in this run; list them with 'attrprompt samples " + run + "'");
  }

  private void list(PrintWriter out, SampleQuery.Page page) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("total", page.total());
      m.put("limit", page.filter().limit());
      m.put("offset", page.filter().offset());
      m.put("samples", page.rows().stream().map(SampleRow::toMap).toList());
      out.println(Json.pretty(m));
      return;
    }
    out.printf("%-18s %-15s %-14s %-22s %s%n", "id", "verdict", "label", "reason", "text");
    for (SampleRow row : page.rows()) {
      out.printf("%-18s %-15s %-14s %-22s %s%n", terminal(row.id()), row.verdict().id(), cut(row.label(), 14),
          cut(row.reason().or(row::error).orElse(""), 22), cut(row.text().orElse(""), 72));
    }
    long from = page.rows().isEmpty() ? 0 : page.filter().offset() + 1;
    out.printf(Locale.ROOT, "%,d-%,d of %,d%s%s%n", from, page.filter().offset() + page.rows().size(), page.total(),
        page.hasMore() ? "; next page: --offset " + (page.filter().offset() + page.rows().size()) : "",
        simulated ? " (simulated responses)" : "");
  }

  private void show(PrintWriter out, SampleDetail d) {
    if (json) {
      out.println(Json.pretty(d.toMap()));
      return;
    }
    SampleRow row = d.row();
    out.println("id:         " + terminal(row.id()));
    out.println("label:      " + terminal(String.join(", ", row.labels())));
    out.println("attributes: " + terminal(row.attributes().toString()));
    out.println("verdict:    " + row.verdict().id() + row.reason().map(r -> " (" + terminal(r) + ")").orElse("")
        + row.error().map(e -> " (" + terminal(e) + ")").orElse(""));
    out.println("round:      " + row.round());
    if (simulated) {
      out.println("simulated:  yes, answered by attrprompt's simulator, not a language model");
    }
    d.personVerdicts().forEach(v -> out.println("person:     " + v.at() + " " + v.kind().id()
        + v.reason().map(r -> ": " + terminal(r)).orElse("")));
    out.println();
    out.println("--- prompt");
    out.println(text(d.prompt()));
    out.println("--- answer" + d.answer().map(a -> String.format(Locale.ROOT, " (%s, %s, %d+%d tokens%s)", terminal(a.model()),
        a.finishReason().map(SamplesCommand::terminal).orElse("no finish reason"), a.promptTokens(), a.completionTokens(),
        a.cached() ? ", cached" : "")).orElse(""));
    out.println(d.answer().map(a -> text(a.content())).orElse("(no answer)"));
    if (row.text().isPresent() && d.answer().isPresent() && !row.text().get().equals(d.answer().get().content())) {
      out.println("--- text after cleaning");
      out.println(text(row.text().get()));
    }
  }

  private void verdict(PrintWriter out, Run r, PersonVerdict v, String line) {
    if (json) {
      out.println(Json.pretty(r.sample(v.id()).orElseThrow().toMap()));
    } else {
      out.println(terminal(line));
    }
  }

  /** One line for a terminal: control characters (escape sequences too) become spaces. */
  static String terminal(String s) {
    return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]", " ");
  }

  /** Several lines for a terminal: line breaks and tabs kept, other control characters replaced. */
  static String text(String s) {
    return s.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]|[\\u2028\\u2029\\u0085]", " ");
  }

  private static String cut(String s, int width) {
    String t = terminal(s).strip();
    return t.length() <= width ? t : t.substring(0, width - 1) + "…";
  }
}
