package dev.attrprompt.attributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.UserError;
import dev.attrprompt.task.Label;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads one dataset folder of the AttrPrompt authors' release: {@code label.txt} and
 * {@code attrprompt/<model>/<dimension>/...}. A {@code <dimension>.txt} is class-independent,
 * {@code <label>.jsonl} files (one value per line) are class-dependent, {@code similar/} holds
 * similar classes, a {@code _filter} suffix marks filtered values, a {@code .json} file maps each
 * value to several labels (multi-label), and extra {@code .txt} files in a folder become their own
 * (disabled) dimensions.
 */
public final class AttrPromptRelease {

  /** What was read, and what was left out and why. */
  public record Result(List<Label> labels, AttributeSet attributes, boolean multiLabel,
      String model, List<String> notes) {}

  private final Path src;
  private final List<String> notes = new ArrayList<>();
  private List<Label> labels;
  private boolean multiLabel;

  private AttrPromptRelease(Path src) {
    this.src = src;
  }

  public static Result read(Path src) {
    return new AttrPromptRelease(src).read();
  }

  private Result read() {
    Path labelFile = src.resolve("label.txt");
    if (!Files.isRegularFile(labelFile)) {
      throw UserError.in(src, "no label.txt here; point --from-attrprompt at one dataset folder of "
          + "the AttrPrompt release (it holds label.txt and attrprompt/<model>/)");
    }
    labels = readLabels(labelFile);
    Path modelDir = modelDir();
    String model = modelDir == null ? "unknown" : modelDir.getFileName().toString();
    List<Dimension> dimensions = new ArrayList<>();
    Map<String, List<String>> similar = Map.of();
    if (modelDir != null) {
      for (Path folder : list(modelDir).stream().filter(Files::isDirectory).toList()) {
        String name = folder.getFileName().toString();
        if (name.equals("similar")) {
          similar = readSimilar(folder);
        } else {
          dimensions.addAll(readDimensionFolder(folder, model));
        }
      }
    }
    return new Result(labels, new AttributeSet(dimensions, similar), multiLabel, model,
        List.copyOf(notes));
  }

  private List<Label> readLabels(Path file) {
    List<Label> out = new ArrayList<>();
    for (String line : lines(file)) {
      if (line.isBlank()) {
        continue;
      }
      Label label = Label.withSpaces(line); // the authors' prompts wrote '_' as a space
      if (out.stream().anyMatch(l -> l.name().equals(label.name()))) {
        throw UserError.in(file, "label '" + line.strip() + "' is listed twice");
      }
      out.add(label);
    }
    if (out.size() < 2) {
      throw UserError.in(file, "fewer than two labels; this is not an AttrPrompt label file");
    }
    return List.copyOf(out);
  }

  private Path modelDir() {
    Path root = src.resolve("attrprompt");
    if (!Files.isDirectory(root)) {
      notes.add("no attrprompt/ folder: imported the labels only");
      return null;
    }
    List<Path> models = list(root).stream().filter(Files::isDirectory).toList();
    if (models.size() != 1) {
      throw UserError.in(root, models.isEmpty() ? "no model folder inside; expected attrprompt/<model>/"
          : "several model folders " + models.stream().map(p -> p.getFileName().toString()).toList()
              + "; keep one and import again");
    }
    return models.get(0);
  }

  private List<Dimension> readDimensionFolder(Path folder, String model) {
    String folderName = folder.getFileName().toString();
    boolean filtered = folderName.endsWith("_filter");
    String name = filtered ? folderName.substring(0, folderName.length() - "_filter".length()) : folderName;
    List<Dimension> out = new ArrayList<>();
    Map<String, List<Value>> byLabel = new LinkedHashMap<>();
    for (Path file : list(folder)) {
      String fileName = file.getFileName().toString();
      String rel = relative(file);
      Provenance provenance = new Provenance.Imported("AttrPrompt release: " + rel, Optional.of(model));
      if (fileName.endsWith(".txt")) {
        String stem = fileName.substring(0, fileName.length() - 4);
        boolean primary = stem.equals(folderName) || stem.equals(name);
        String dimName = primary ? name : stem;
        List<Value> values = values(file, provenance);
        Kind kind = values.stream().allMatch(v -> v.text().matches("[1-9][0-9]{0,5}"))
            && dimName.equals("length") ? Kind.LENGTH : Kind.TEXT;
        if (!primary) {
          notes.add(rel + ": imported as its own dimension '" + dimName
              + "', disabled (set 'enabled: true' to use it)");
        }
        out.add(Dimension.classIndependent(dimName, values).withKind(kind).withEnabled(primary)
            .withFiltered(filtered).withOrder(orderOf(dimName, kind, false)));
      } else if (fileName.endsWith(".jsonl")) {
        String stem = fileName.substring(0, fileName.length() - 6);
        Optional<Label> label = labels.stream().filter(l -> l.name().equals(Label.normalise(stem)))
            .findFirst();
        if (label.isEmpty()) {
          notes.add(rel + ": skipped, '" + stem + "' is not a label of label.txt");
          continue;
        }
        byLabel.put(label.get().name(), values(file, provenance));
      } else if (fileName.endsWith(".json")) {
        out.add(multiLabelDimension(file, name, filtered, provenance));
      } else {
        notes.add(rel + ": skipped, not a .txt, .jsonl or .json file");
      }
    }
    if (!byLabel.isEmpty()) {
      List<String> missing = labels.stream().map(Label::name).filter(n -> !byLabel.containsKey(n)).toList();
      if (!missing.isEmpty()) {
        notes.add(relative(folder) + ": skipped, no values for labels " + missing);
      } else {
        Map<String, List<Value>> ordered = new LinkedHashMap<>();
        labels.forEach(l -> ordered.put(l.name(), byLabel.get(l.name())));
        out.add(Dimension.classDependent(name, ordered).withFiltered(filtered)
            .withOrder(orderOf(name, Kind.TEXT, true)));
      }
    }
    return out;
  }

  /** A JSON object from value to {@code {"lbl": [labels...]}}: values shared by several labels. */
  private Dimension multiLabelDimension(Path file, String name, boolean filtered, Provenance provenance) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw UserError.in(file, "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, List<Value>> byLabel = new LinkedHashMap<>();
    labels.forEach(l -> byLabel.put(l.name(), new ArrayList<>()));
    int unknown = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String value = ListItems.clean(entry.getKey());
      for (JsonNode lbl : entry.getValue().path("lbl")) {
        List<Value> list = byLabel.get(Label.normalise(lbl.asText()));
        if (list == null) {
          unknown++;
        } else if (!value.isEmpty()
            && list.stream().noneMatch(v -> v.text().equalsIgnoreCase(value))) {
          list.add(Value.of(value, provenance));
        }
      }
    }
    if (unknown > 0) {
      notes.add(relative(file) + ": " + unknown + " label references name no label; dropped");
    }
    byLabel.values().removeIf(List::isEmpty);
    List<String> missing = labels.stream().map(Label::name).filter(n -> !byLabel.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw UserError.in(file, "no values for labels " + missing + "; cannot build a dimension");
    }
    multiLabel = true;
    notes.add(relative(file) + ": values shared by several labels; imported as a multi-label task");
    return Dimension.classDependent(name, byLabel).withFiltered(filtered).withAssignsLabels(true)
        .withOrder(orderOf(name, Kind.TEXT, true));
  }

  private Map<String, List<String>> readSimilar(Path folder) {
    Map<String, List<String>> similar = new LinkedHashMap<>();
    int dropped = 0;
    for (Path file : list(folder)) {
      String stem = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      Optional<Label> label = labels.stream().filter(l -> l.name().equals(Label.normalise(stem)))
          .findFirst();
      if (label.isEmpty()) {
        notes.add(relative(file) + ": skipped, '" + stem + "' is not a label of label.txt");
        continue;
      }
      List<String> classes = new ArrayList<>();
      for (String item : ListItems.items(lines(file)).items()) {
        Optional<String> match = Label.match(item, labels).map(Label::name);
        if (match.isEmpty() || match.get().equals(label.get().name())) {
          dropped++;
        } else if (!classes.contains(match.get())) {
          classes.add(match.get());
        }
      }
      if (!classes.isEmpty()) {
        similar.put(label.get().name(), List.copyOf(classes));
      }
    }
    if (dropped > 0) {
      notes.add(relative(folder) + ": " + dropped + " similar-class entries name no other label "
          + "of the task; dropped");
    }
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    labels.stream().filter(l -> similar.containsKey(l.name()))
        .forEach(l -> ordered.put(l.name(), similar.get(l.name())));
    return ordered;
  }



  private List<Value> values(Path file, Provenance provenance) {
    ListItems.Result result = ListItems.items(lines(file));
    if (result.repeated() > 0) {
      notes.add(relative(file) + ": " + result.repeated() + " repeated values dropped");
    }
    if (result.items().isEmpty()) {
      throw UserError.in(file, "no values in this file");
    }
    return result.items().stream().map(v -> Value.of(v, provenance)).toList();
  }

  static int orderOf(String name, Kind kind, boolean dependent) {
    if (dependent) {
      return 10;
    }
    if (kind == Kind.LENGTH) {
      return 90;
    }
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("style") ? 20 : n.contains("location") ? 30 : 50;
  }

  private String relative(Path file) {
    Path parent = src.toAbsolutePath().getParent();
    Path abs = file.toAbsolutePath();
    return (parent == null ? abs : parent.relativize(abs)).toString().replace('\\', '/');
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw UserError.in(dir, "cannot list: " + e.getMessage());
    }
  }

  private static List<String> lines(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      return text.lines().toList();
    } catch (IOException e) {
      throw UserError.in(file, "cannot read as UTF-8 text: " + e.getMessage());
    }
  }
}
