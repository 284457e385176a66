package dev.attrprompt.task;

import dev.attrprompt.attributes.AttributeSet;
import dev.attrprompt.cost.Price;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to generate: the labels, the kind of text, the attribute set, the prompt templates and
 * the generation defaults. Load one with {@link #load(Path)}.
 *
 * @param dir the task directory (holds task.yaml)
 * @param domain the kind of text, as a noun phrase: "news article", "movie review"
 * @param source where such texts appear, e.g. "NYT" (optional)
 * @param labelRole what a label stands for in the texts (topic, sentiment, ...), which decides
 *     how prompts ask for a text of that label
 * @param similarClause whether AttrPrompt prompts ask the text to belong to its label and not
 *     to the label's similar classes
 * @param prices price overrides in US dollars per million tokens, by model name
 */
public record Task(
    Path dir,
    String name,
    String domain,
    Optional<String> source,
    Optional<String> description,
    List<Label> labels,
    LabelRole labelRole,
    boolean similarClause,
    boolean multiLabel,
    Path attributesDir,
    AttributeSet attributes,
    Templates templates,
    Generation generation,
    Map<String, Price> prices) {

  public Task {
    labels = List.copyOf(labels);
    prices = Map.copyOf(prices);
  }

  /** Reads and validates {@code path}: a task directory or its task.yaml. */
  public static Task load(Path path) {
    return TaskReader.read(path);
  }

  /**
   * The attribute folder the task.yaml in {@code dir} names, resolved against {@code dir}, without
   * reading the rest of the task.
   */
  public static Path attributeFolder(Path dir) {
    return TaskReader.attributeFolder(dir);
  }

  public Optional<Label> label(String name) {
    String normalised = Label.normalise(name);
    return labels.stream().filter(l -> l.name().equals(normalised)).findFirst();
  }
}
