package dev.attrprompt.eval.data;

import dev.attrprompt.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** Reads datasets through the registered {@link DatasetSource}s; run folders and JSONL files out of the box. */
public final class Datasets {
  private Datasets() {}

  private static final List<DatasetSource> SOURCES = new CopyOnWriteArrayList<>(List.of(new RunSource(), new JsonlSource()));

  /** Adds a source that is asked before the built-in ones (e.g. run folders). */
  public static void register(DatasetSource source) {
    SOURCES.add(0, source);
  }

  public static Dataset load(Path path) {
    if (!Files.exists(path)) {
      throw UserError.in(path, "no such file");
    }
    for (DatasetSource source : SOURCES) {
      if (source.accepts(path)) {
        return source.load(path);
      }
    }
    throw UserError.in(path, Files.isDirectory(path)
        ? "is a folder; give a run folder (with run.sqlite) or a JSONL file of {\"text\", \"label\"} objects"
        : "not a JSONL file; give a .jsonl file of {\"text\", \"label\"} objects");
  }

  /**
   * The form labels are matched in: lower case, each run of white space one underscore, so that
   * "Sci Tech", "sci_tech" and "SCI  TECH" are one label.
   */
  public static String normaliseLabel(String label) {
    return WHITE_SPACE.matcher(label.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
  }

  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

  /**
   * The dataset with every label {@linkplain #normaliseLabel normalised}. Each distinct label is
   * normalised once, and a sample with one label that is normal already is kept as it is.
   */
  public static Dataset withNormalisedLabels(Dataset d) {
    Map<String, String> normal = new HashMap<>();
    List<Sample> samples = new ArrayList<>(d.size());
    for (Sample s : d.samples()) {
      List<String> labels = s.labels();
      boolean changed = false;
      for (String label : labels) {
        changed |= !normal.computeIfAbsent(label, Datasets::normaliseLabel).equals(label);
      }
      if (changed || labels.size() > 1) { // label sets also lose repeats
        s = new Sample(s.text(), labels.stream().map(normal::get).distinct().toList(), s.attributes());
      }
      samples.add(s);
    }
    return new Dataset(d.name(), d.origin(), samples, d.multiLabel(), d.method(), d.costUsd());
  }
}
