package dev.attrprompt.task;

import dev.attrprompt.UserError;
import dev.attrprompt.attributes.AttrPromptRelease;
import dev.attrprompt.attributes.AttributeSet;
import dev.attrprompt.attributes.AttributeSetWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Creates task directories: blank ones to fill in, or imported from the AttrPrompt release. The
 * directory is written beside its final place and moved there whole, so a failure leaves nothing.
 */
public final class TaskInit {
  private TaskInit() {}

  /** What an import produced, for the CLI's summary. */
  public record Imported(Task task, List<String> notes) {}

  public static Task blank(Path dir, List<String> labels, String domain, Optional<String> source) {
    return blank(dir, labels, domain, source, LabelRole.TOPIC);
  }

  /**
   * The labels a person wrote as one text: one per line when it holds a line break (so a label
   * may hold a comma), else separated by commas; each stripped, empty ones left out
   * ({@code "a, b,,c"} is {@code [a, b, c]}).
   */
  public static List<String> labelList(String written) {
    String separator = written.contains("\n") || written.contains("\r") ? "\\R" : ",";
    return Stream.of(written.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * A blank task whose labels play {@code role} in its texts: what {@code attrprompt init DIR
   * --labels ... --domain ...} makes. {@code labels} are as written (see {@link #labelList}).
   *
   * @throws UserError for fewer than two labels, a label that cannot be one, a repeated label, a
   *     blank domain, or a {@code dir} that is not empty (nothing is written)
   */
  public static Task blank(Path dir, List<String> labels, String domain, Optional<String> source,
      LabelRole role) {
    if (labels.size() < 2) {
      throw new UserError("labels: a task needs at least two labels, separated by commas");
    }
    labels.forEach(l -> Label.problem(l).ifPresent(problem -> {
      throw new UserError("labels: " + problem);
    }));
    if (domain.isBlank()) {
      throw new UserError("domain: say what kind of text to write, e.g. \"news article\"");
    }
    String kind = domain.strip();
    Optional<String> where = source.map(String::strip).filter(s -> !s.isEmpty());
    List<Label> parsed = labels.stream().map(Label::of).toList();
    if (parsed.stream().map(Label::name).distinct().count() != parsed.size()) {
      throw new UserError("labels: a label is listed twice (labels are compared in lower case)");
    }
    writeAtomically(dir, tmp -> {
      Files.writeString(tmp.resolve(TaskReader.FILE),
          taskYaml(dir, parsed, kind, where, role, true, false, "blank task"),
          StandardCharsets.UTF_8);
      Files.createDirectories(tmp.resolve("attributes"));
      Files.writeString(tmp.resolve("attributes").resolve("README.md"), """
          # Attribute dimensions

          Add one `<dimension>.yaml` file per dimension and an optional `similar.yaml`;
          docs/task-spec.md in the attrprompt repository describes the format with an example.
          """, StandardCharsets.UTF_8);
    });
    return Task.load(dir);
  }

  public static Imported fromRelease(Path dir, Path src, Optional<String> domain,
      Optional<String> source) {
    return fromRelease(dir, src, domain, source, Optional.empty());
  }

  /**
   * Imports one dataset folder of the release. The folder's name picks how the authors asked for
   * that dataset (kind of text, label role, requirement wording and order); {@code domain},
   * {@code source} and {@code role} override it.
   */
  public static Imported fromRelease(Path dir, Path src, Optional<String> domain,
      Optional<String> source, Optional<LabelRole> role) {
    AttrPromptRelease.Result release = AttrPromptRelease.read(src);
    release.labels().forEach(l -> Label.problem(l.display()).ifPresent(problem -> {
      throw UserError.in(src.resolve("label.txt"), problem);
    }));
    String dataset = src.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
    ReleaseProfile profile = ReleaseProfile.of(dataset);
    String chosenDomain = domain.orElse(profile.domain());
    Optional<String> chosenSource = source.or(profile::source);
    List<Label> labels = release.labels().stream().map(profile::display).toList();
    int[] rewritten = {0};
    writeAtomically(dir, tmp -> {
      Files.writeString(tmp.resolve(TaskReader.FILE), taskYaml(dir, labels,
          chosenDomain, chosenSource, role.orElse(profile.role()), profile.similarClause(), release.multiLabel(),
          "imported from the AttrPrompt release folder '" + dataset + "' (attribute values made by "
              + release.model() + ")"), StandardCharsets.UTF_8);
      AttributeSet attributes = profile.apply(ReleaseProfile.spaced(release.attributes(),
          release.labels(), rewritten));
      AttributeSetWriter.write(attributes, tmp.resolve("attributes"));
    });
    List<String> notes = new java.util.ArrayList<>(release.notes());
    if (rewritten[0] > 0) {
      notes.add(rewritten[0] + " values name a label or dimension with '_' (the release's \"Others "
          + "<dimension> for <label>\" lines); written with spaces, as the authors' prompts showed them");
    }
    return new Imported(Task.load(dir), List.copyOf(notes));
  }

  private static String taskYaml(Path dir, List<Label> labels, String domain,
      Optional<String> source, LabelRole role, boolean similarClause, boolean multiLabel,
      String origin) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", dir.toAbsolutePath().normalize().getFileName().toString());
    root.put("domain", domain);
    source.ifPresent(s -> root.put("source", s));
    root.put("label_role", role.yamlName());
    if (!similarClause) {
      root.put("similar_clause", false);
    }
    root.put("labels", labels.stream().map(TaskInit::labelEntry).toList());
    if (multiLabel) {
      root.put("multi_label", true);
    }
    root.put("attributes", "attributes");
    Map<String, Object> generation = new LinkedHashMap<>();
    Generation d = Generation.DEFAULTS;
    generation.put("model", d.model());
    generation.put("temperature", d.temperature());
    generation.put("top_p", d.topP());
    generation.put("max_tokens", d.maxTokens());
    generation.put("per_class", d.perClass());
    generation.put("seed", d.seed());
    root.put("generation", generation);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setAllowUnicode(true);
    options.setWidth(120);
    return "# attrprompt task (" + origin + "). Format: docs/task-spec.md\n"
        + "# Templates default to the built-in SimPrompt and AttrPrompt wording; set\n"
        + "# 'templates: {simprompt: ..., attrprompt: ...}' to use your own.\n"
        + new Yaml(options).dump(root);
  }

  /** The label as written, or {name, display} when the display would not give back its name. */
  private static Object labelEntry(Label label) {
    if (Label.normalise(label.display()).equals(label.name())) {
      return label.display();
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", label.name());
    entry.put("display", label.display());
    return entry;
  }

  interface Writer {
    void write(Path tmp) throws IOException;
  }

  /** Writes into a sibling temp folder and moves it into place; DIR must not hold anything. */
  static void writeAtomically(Path dir, Writer writer) {
    Path target = dir.toAbsolutePath().normalize();
    if (Files.exists(target) && !isEmptyDir(target)) {
      throw UserError.in(dir, "already exists and is not empty; choose a new folder");
    }
    Path parent = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
      writer.write(tmp);
      TaskReader.read(tmp); // validate before anything becomes visible at DIR
      Files.deleteIfExists(target); // an empty folder only
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      throw UserError.in(dir, "was created by someone else meanwhile; choose a new folder");
    } catch (IOException e) {
      throw UserError.in(dir, "cannot write the task: " + e.getMessage());
    } finally {
      dev.attrprompt.FileTrees.deleteQuietly(tmp);
    }
  }

  private static boolean isEmptyDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }


}
