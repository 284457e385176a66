package dev.attrprompt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.UserError;
import dev.attrprompt.attributes.AttributeSet;
import dev.attrprompt.attributes.AttributeSetWriter;
import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Provenance;
import dev.attrprompt.attributes.Scope;
import dev.attrprompt.attributes.Value;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
        "independent dimension and DIM:LABEL:VALUE for a dependent one."})
final class ReviewCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TASK", description = "The task directory.")
  Path task;

  @Option(names = "--reject", paramLabel = "VALUE", description = "Remove this value.")
  List<String> reject = new ArrayList<>();

  @Option(names = {"--accept", "--add"}, paramLabel = "VALUE", description = "Add this value (e.g. one filtering removed), as a person's.")
  List<String> add = new ArrayList<>();

  @Option(names = "--edit", paramLabel = "VALUE=NEW", description = "Replace a value's text, e.g. style:formal=formal and precise.")
  List<String> edit = new ArrayList<>();

  @Option(names = "--json", description = "One JSON object: dimensions with values, provenance and verdicts.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Where a person types changes on a terminal (tests give their own); null: no terminal. */
  java.io.BufferedReader terminal = System.console() == null ? null
      : new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));

  private static final Provenance PERSON = new Provenance.Person(Optional.of("attributes review"));

  @Override
  public Integer call() throws IOException {
    Task t = Task.load(task);
    if (terminal != null && !json && reject.isEmpty() && add.isEmpty() && edit.isEmpty()) {
      readChanges(spec.commandLine().getOut(), t);
    }
    Map<String, Dimension> dims = new LinkedHashMap<>();
    t.attributes().dimensions().forEach(d -> dims.put(d.name(), d));
    int changes = 0;
    for (String r : reject) {
      changes += change(dims, r, (list, text) -> {
        if (!list.removeIf(v -> v.text().equals(text))) {
          throw new UserError("--reject " + r + ": no such value; see 'attrprompt attributes review " + task + "'");
        }
      });
    }
    for (String a : add) {
      changes += change(dims, a, (list, text) -> {
        if (list.stream().noneMatch(v -> v.text().equalsIgnoreCase(text))) {
          list.add(Value.of(text, PERSON));
        }
      });
    }
    for (String e : edit) {
      int eq = e.lastIndexOf('=');
      if (eq < 0) {
        throw new UserError("--edit takes VALUE=NEW, e.g. style:formal=formal and precise, not '" + e + "'");
      }
      String replacement = e.substring(eq + 1).strip();
      changes += change(dims, e.substring(0, eq), (list, text) -> {
        int i = indexOf(list, text);
        if (i < 0 || replacement.isEmpty()) {
          throw new UserError("--edit " + e + ": no such value, or an empty new text");
        }
        list.set(i, new Value(replacement, list.get(i).weight(), PERSON));
      });
    }
    if (changes > 0) {
      AttributeSetWriter.write(new AttributeSet(List.copyOf(dims.values()), t.attributes().similar()), t.attributesDir());
      t = Task.load(task); // the edited set must still be valid
    }
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> verdicts = verdicts(t);
    if (json) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Dimension d : t.attributes().dimensions()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("scope", d.scope().yamlName());
        if (d.scope() == Scope.INDEPENDENT) {
          m.put("values", d.values().stream().map(v -> valueJson(v, null)).toList());
        } else {
          Map<String, Object> byLabel = new LinkedHashMap<>();
          d.byLabel().forEach((l, vs) -> byLabel.put(l, vs.stream().map(v -> valueJson(v, verdicts.get(d.name() + ":" + l + ":" + v.text()))).toList()));
          m.put("values", byLabel);
        }
        list.add(m);
      }
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("changes", changes);
      root.put("dimensions", list);
      root.put("removed_by_filtering", verdicts.entrySet().stream().filter(e -> e.getValue().equals("removed"))
          .map(Map.Entry::getKey).toList());
      out.println(Json.pretty(root));
    } else {
      if (changes > 0) {
        out.println(changes + " change(s) written to " + t.attributesDir());
      }
      for (Dimension d : t.attributes().dimensions()) {
        out.printf("%s (%s)%n", d.name(), d.scope().yamlName());
        if (d.scope() == Scope.INDEPENDENT) {
          d.values().forEach(v -> out.printf("  %s:%s   [%s]%n", d.name(), v.text(), v.provenance().describe()));
        } else {
          d.byLabel().forEach((l, vs) -> vs.forEach(v -> out.printf("  %s:%s:%s   [%s]%s%n", d.name(), l, v.text(),
              v.provenance().describe(), Optional.ofNullable(verdicts.get(d.name() + ":" + l + ":" + v.text()))
                  .map(x -> " filter: " + x).orElse(""))));
        }
      }
      verdicts.forEach((k, v) -> {
        if (v.equals("removed")) {
          out.println("  removed by filtering: " + k + "   (bring back with --accept " + k + ")");
        }
      });
    }
    out.flush();
    return 0;
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
    out.println("Type 'reject VALUE', 'add VALUE' or 'edit VALUE=NEW', one per line; an empty line ends.");
    for (String line; (line = prompt(out)) != null && !line.isBlank(); ) {
      String[] parts = line.strip().split("\\s+", 2);
      switch (parts.length < 2 ? "" : parts[0].toLowerCase(java.util.Locale.ROOT)) {
        case "reject" -> reject.add(parts[1]);
        case "add", "accept" -> add.add(parts[1]);
        case "edit" -> edit.add(parts[1]);
        default -> out.println("  (not understood: start with reject, add or edit)");
      }
    }
  }

  private String prompt(PrintWriter out) throws IOException {
    out.print("> ");
    out.flush();
    return terminal.readLine();
  }

  interface Change {
    void apply(List<Value> list, String text);
  }

  private int change(Map<String, Dimension> dims, String spec, Change change) {
    String[] first = spec.split(":", 2);
    Dimension d = dims.get(first[0].strip());
    if (d == null || first.length < 2) {
      throw new UserError("'" + spec + "' names no dimension; use DIM:VALUE or DIM:LABEL:VALUE with one of: "
          + String.join(", ", dims.keySet()));
    }
    if (d.scope() == Scope.INDEPENDENT) {
      List<Value> values = new ArrayList<>(d.values());
      change.apply(values, first[1].strip());
      dims.put(d.name(), with(d, values, d.byLabel()));
    } else {
      String[] rest = first[1].split(":", 2);
      String label = dev.attrprompt.task.Label.normalise(rest[0]);
      if (rest.length < 2 || !d.byLabel().containsKey(label)) {
        throw new UserError("'" + spec + "': dimension '" + d.name() + "' depends on the label; use "
            + d.name() + ":LABEL:VALUE with one of: " + String.join(", ", d.byLabel().keySet()));
      }
      Map<String, List<Value>> byLabel = new LinkedHashMap<>(d.byLabel());
      List<Value> values = new ArrayList<>(byLabel.get(label));
      change.apply(values, rest[1].strip());
      byLabel.put(label, values);
      dims.put(d.name(), with(d, List.of(), byLabel));
    }
    return 1;
  }

  private static Dimension with(Dimension d, List<Value> values, Map<String, List<Value>> byLabel) {
    return new Dimension(d.name(), d.scope(), d.kind(), d.description(), d.phrase(), d.catchAll(), d.enabled(),
        d.filtered(), d.assignsLabels(), d.order(), values, byLabel);
  }

  private static int indexOf(List<Value> list, String text) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).text().equals(text)) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, Object> valueJson(Value v, String verdict) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", v.text());
    m.put("provenance", v.provenance().describe());
    if (verdict != null) {
      m.put("filter", verdict);
    }
    return m;
  }

  /** Filtering verdicts from discovery's record, by "dim:label:value". */
  private static Map<String, String> verdicts(Task t) throws IOException {
    Path record = t.dir().resolve("discovery").resolve("record.json");
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.exists(record)) {
      return out;
    }
    JsonNode root = Json.MAPPER.readTree(record.toFile());
    for (JsonNode v : root.path("filter_verdicts")) {
      out.put(v.path("dimension").asText() + ":" + v.path("label").asText() + ":" + v.path("value").asText(),
          v.path("verdict").asText());
    }
    return out;
  }
}
