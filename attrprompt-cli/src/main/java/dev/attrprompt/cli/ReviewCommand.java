package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.attributes.AttributeEdit;
import dev.attrprompt.attributes.AttributeEdits;
import dev.attrprompt.attributes.AttributeSet;
import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Provenance;
import dev.attrprompt.attributes.Scope;
import dev.attrprompt.attributes.Value;
import dev.attrprompt.attributes.ValueRef;
import dev.attrprompt.discover.AttributeReview;
import dev.attrprompt.discover.FilterVerdict;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "review", mixinStandardHelpOptions = true,
    description = {"Shows every value with its provenance and the filtering verdicts of discovery, and",
        "applies a person's changes, recorded as made by a person. A value is named DIM:VALUE for an",
        "independent dimension and DIM:LABEL:VALUE for a dependent one. Changes apply in order,",
        "all or none; the attribute files are rewritten whole."})
final class ReviewCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TASK", description = "The task directory.")
  Path task;

  @Option(names = "--reject", paramLabel = "VALUE", description = "Remove this value.")
  List<String> reject = new ArrayList<>();

  @Option(names = "--accept", paramLabel = "VALUE", description = "Bring back a value (e.g. one filtering removed), as a person's.")
  List<String> accept = new ArrayList<>();

  @Option(names = "--add", paramLabel = "VALUE", description = "Add a new value, as a person's.")
  List<String> add = new ArrayList<>();

  @Option(names = "--edit", paramLabel = "VALUE=NEW", description = "Replace a value's text, e.g. style:formal=formal and precise.")
  List<String> edit = new ArrayList<>();

  @Option(names = "--enable", paramLabel = "DIM", description = "Let plans use this dimension again.")
  List<String> enable = new ArrayList<>();

  @Option(names = "--disable", paramLabel = "DIM", description = "Keep this dimension in the files but leave it out of plans.")
  List<String> disable = new ArrayList<>();

  @Option(names = "--similar", paramLabel = "LABEL=a,b", description = "Set a label's similar classes (empty after '=' removes them).")
  List<String> similar = new ArrayList<>();

  @Option(names = "--json", description = "One JSON object: dimensions with values, provenance and verdicts.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Where a person types changes on a terminal (tests give their own); null: no terminal. */
  java.io.BufferedReader terminal = System.console() == null ? null
      : new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));

  private static final Provenance.Person PERSON = new Provenance.Person(Optional.of("attributes review"));

  @Override
  public Integer call() throws IOException {
    Task t = Task.load(task);
    if (terminal != null && !json && edits(t).isEmpty()) {
      readChanges(spec.commandLine().getOut(), t);
    }
    AttributeEdits.Saved saved = AttributeEdits.save(t, edits(t), PERSON);
    t = saved.task();
    int changes = saved.changes();
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> verdicts = verdicts(t);
    if (json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("changes", changes);
      root.putAll(AttributeReview.of(t));
      out.println(Json.pretty(root));
    } else {
      if (changes > 0) {
        out.println(changes + " change(s) written to " + t.attributesDir());
      }
      for (Dimension d : t.attributes().dimensions()) {
        out.printf("%s (%s%s)%n", d.name(), d.scope().yamlName(), d.enabled() ? "" : ", disabled");
        if (d.scope() == Scope.INDEPENDENT) {
          d.values().forEach(v -> out.printf("  %s:%s   [%s]%n", d.name(), v.text(), v.provenance().describe()));
        } else {
          d.byLabel().forEach((l, vs) -> vs.forEach(v -> out.printf("  %s:%s:%s   [%s]%s%n", d.name(), l, v.text(),
              v.provenance().describe(), Optional.ofNullable(verdicts.get(d.name() + ":" + l + ":" + v.text()))
                  .map(x -> " filter: " + x).orElse(""))));
        }
      }
      t.attributes().similar().forEach((l, s) -> out.printf("similar %s=%s%n", l, String.join(",", s)));
      verdicts.forEach((k, v) -> {
        if (v.equals("removed")) {
          out.println("  removed by filtering: " + k + "   (bring back with --accept " + k + ")");
        }
      });
    }
    out.flush();
    return 0;
  }

  /** The changes the options ask for, in the order of the options' kinds. */
  private List<AttributeEdit> edits(Task t) {
    AttributeSet set = t.attributes();
    List<AttributeEdit> out = new ArrayList<>();
    reject.forEach(r -> out.add(new AttributeEdit.Reject(ValueRef.parse(r, set))));
    accept.forEach(a -> out.add(new AttributeEdit.Accept(ValueRef.parse(a, set))));
    add.forEach(a -> out.add(new AttributeEdit.Add(ValueRef.parse(a, set))));
    for (String e : edit) {
      int eq = e.lastIndexOf('=');
      if (eq < 0) {
        throw new UserError("--edit takes VALUE=NEW, e.g. style:formal=formal and precise, not '" + e + "'");
      }
      out.add(new AttributeEdit.Edit(ValueRef.parse(e.substring(0, eq), set), e.substring(eq + 1)));
    }
    enable.forEach(d -> out.add(new AttributeEdit.Enable(d)));
    disable.forEach(d -> out.add(new AttributeEdit.Disable(d)));
    for (String s : similar) {
      int eq = s.indexOf('=');
      if (eq < 0) {
        throw new UserError("--similar takes LABEL=a,b (the labels LABEL is confused with), not '" + s + "'");
      }
      out.add(new AttributeEdit.SetSimilar(s.substring(0, eq), List.of(s.substring(eq + 1).split(","))));
    }
    return out;
  }

  /** Shows the set, then reads lines such as "reject style:formal" until an empty line. */
  private void readChanges(PrintWriter out, Task t) throws IOException {
    out.println("Values (DIM:VALUE or DIM:LABEL:VALUE):");
    for (Dimension d : t.attributes().dimensions()) {
      if (d.scope() == Scope.INDEPENDENT) {
        d.values().forEach(v -> out.printf("  %s:%s   [%s]%n", d.name(), v.text(), v.provenance().describe()));
      } else {
        d.byLabel().forEach((l, vs) -> vs.forEach(v -> out.printf("  %s:%s:%s   [%s]%n", d.name(), l, v.text(),
            v.provenance().describe())));
      }
    }
    out.println("Type 'reject VALUE', 'accept VALUE', 'add VALUE', 'edit VALUE=NEW', 'enable DIM', 'disable DIM'");
    out.println("or 'similar LABEL=a,b', one per line; an empty line ends.");
    for (String line; (line = prompt(out)) != null && !line.isBlank(); ) {
      String[] parts = line.strip().split("\\s+", 2);
      switch (parts.length < 2 ? "" : parts[0].toLowerCase(java.util.Locale.ROOT)) {
        case "reject" -> reject.add(parts[1]);
        case "accept" -> accept.add(parts[1]);
        case "add" -> add.add(parts[1]);
        case "edit" -> edit.add(parts[1]);
        case "enable" -> enable.add(parts[1]);
        case "disable" -> disable.add(parts[1]);
        case "similar" -> similar.add(parts[1]);
        default -> out.println("  (not understood: start with reject, accept, add, edit, enable, disable or similar)");
      }
    }
  }

  private String prompt(PrintWriter out) throws IOException {
    out.print("> ");
    out.flush();
    return terminal.readLine();
  }

  /** Filtering verdicts from discovery's record, by "dim:label:value". */
  private static Map<String, String> verdicts(Task t) {
    Map<String, String> out = new LinkedHashMap<>();
    FilterVerdict.byKey(FilterVerdict.read(t)).forEach((key, v) -> out.put(key, v.verdict()));
    return out;
  }
}
