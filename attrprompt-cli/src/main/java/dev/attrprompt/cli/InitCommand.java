package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.task.LabelRole;
import dev.attrprompt.task.Task;
import dev.attrprompt.task.TaskInit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Creates a task directory: blank (--labels) or imported from one dataset folder",
        "of the AttrPrompt authors' release (--from-attrprompt)."})
final class InitCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The new task directory (must not exist, or be empty).")
  Path dir;

  @Option(names = "--from-attrprompt", paramLabel = "SRC", description = "A dataset folder of the release (holds label.txt and attrprompt/<model>/).")
  Path from;

  @Option(names = "--labels", paramLabel = "a,b,c", split = ",", description = "Labels of a blank task.")
  List<String> labels;

  @Option(names = "--domain", paramLabel = "D", description = "The kind of text, e.g. \"news article\" (required with --labels).")
  String domain;

  @Option(names = "--source", paramLabel = "S", description = "Where such texts appear, e.g. \"NYT\" (optional).")
  String source;

  @Option(names = "--label-role", paramLabel = "ROLE", description = "What a label stands for in the texts: topic (default), sentiment, category, community or tag; it words the prompts (\"a negative movie review\", \"a post in the guitar community\"). Imports set it per dataset.")
  String labelRole;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if ((from == null) == (labels == null)) {
      throw new UserError("give either --from-attrprompt SRC or --labels a,b,c (see 'attrprompt init --help')");
    }
    Optional<LabelRole> role = Optional.ofNullable(labelRole).map(r -> LabelRole.parse(r)
        .orElseThrow(() -> new UserError("unknown --label-role '" + r + "'; use one of "
            + String.join(", ", LabelRole.names()))));
    Task task;
    if (from != null) {
      TaskInit.Imported imported = TaskInit.fromRelease(dir, from, Optional.ofNullable(domain),
          Optional.ofNullable(source), role);
      task = imported.task();
      out.printf("Imported %s into %s%n", from, dir);
      summary(out, task);
      imported.notes().forEach(n -> out.println("  note: " + n));
    } else {
      if (domain == null || domain.isBlank()) {
        throw new UserError("--labels needs --domain, e.g. --domain \"news article\"");
      }
      task = TaskInit.blank(dir, TaskInit.labelList(String.join(",", labels)), domain,
          Optional.ofNullable(source),
          role.orElse(LabelRole.TOPIC));
      out.printf("Created a blank task in %s%n", dir);
      summary(out, task);
      out.println("  next: add attribute dimensions under " + task.attributesDir()
          + " (docs/task-spec.md), or preview SimPrompt prompts with 'attrprompt prompts "
          + dir + " --method simprompt --per-class 2'");
    }
    out.flush();
    return 0;
  }

  static void summary(PrintWriter out, Task task) {
    out.printf("  %d labels%s, domain \"%s\", label role %s%n", task.labels().size(),
        task.multiLabel() ? " (multi-label)" : "", task.domain(), task.labelRole().yamlName());
    for (Dimension d : task.attributes().dimensions()) {
      out.printf("  dimension %-20s %-11s %5d values%s%s%n", d.name(), d.scope().yamlName(), d.size(),
          d.enabled() ? "" : "  (disabled)", d.filtered() ? "  (already filtered)" : "");
    }
    int similar = task.attributes().similar().size();
    if (similar > 0) {
      out.printf("  similar classes for %d of %d labels%n", similar, task.labels().size());
    }
  }

}
