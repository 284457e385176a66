package dev.attrprompt.run;

import dev.attrprompt.UserError;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's accepted samples, ordered by id, as JSONL or CSV with a README.md dataset card.
 * Splits are deterministic: a sample's split depends on its id alone (within its label when
 * stratified). The folder is written beside its place and moved there whole.
 */
public final class Exporter {
  private Exporter() {}

  public enum Format { JSONL, CSV }

  /** Named fractions, e.g. train=0.9, validation=0.1; empty means one file. */
  public record Options(Format format, Map<String, Double> split, boolean stratify) {}

  /** Writes the run in {@code store}, described by {@code manifest}, into the new folder {@code out}. */
  public static List<Path> export(RunStore store, Manifest manifest, Path out, Options options) {
    if (Files.exists(out)) {
      throw UserError.in(out, "already exists; choose a new folder for --out");
    }
    boolean multiLabel = manifest.multiLabel();
    String runId = manifest.runId();
    Map<String, List<Sample>> parts = split(store.samples(), options);
    Path tmp = null;
    try {
      Path parent = out.toAbsolutePath().normalize().getParent();
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, ".export-");
      List<Path> written = new ArrayList<>();
      for (Map.Entry<String, List<Sample>> part : parts.entrySet()) {
        String name = part.getKey() + (options.format() == Format.JSONL ? ".jsonl" : ".csv");
        try (Writer w = Files.newBufferedWriter(tmp.resolve(name), StandardCharsets.UTF_8)) {
          if (options.format() == Format.CSV) {
            w.write("id,text," + (multiLabel ? "labels" : "label") + ",attributes,run\n");
          }
          for (Sample s : part.getValue()) {
            w.write(options.format() == Format.JSONL ? jsonl(s, multiLabel, runId) : csv(s, multiLabel, runId));
          }
        }
        written.add(out.resolve(name));
      }
      Files.writeString(tmp.resolve("README.md"), DatasetCard.render(manifest, store, parts, runId),
          StandardCharsets.UTF_8);
      written.add(out.resolve("README.md"));
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      return written;
    } catch (IOException e) {
      throw UserError.in(out, "cannot write the export: " + e.getMessage());
    } finally {
      dev.attrprompt.FileTrees.deleteQuietly(tmp);
    }
  }

  static Map<String, List<Sample>> split(List<Sample> samples, Options options) {
    Map<String, List<Sample>> parts = new LinkedHashMap<>();
    if (options.split().isEmpty()) {
      parts.put("data", samples);
      return parts;
    }
    options.split().keySet().forEach(k -> parts.put(k, new ArrayList<>()));
    Map<String, List<Sample>> groups = new LinkedHashMap<>();
    for (Sample s : samples) {
      groups.computeIfAbsent(options.stratify() ? s.label() : "", k -> new ArrayList<>()).add(s);
    }
    for (List<Sample> group : groups.values()) {
      List<Sample> shuffled = new ArrayList<>(group);
      shuffled.sort(Comparator.comparing(s -> Manifest.sha256("split:" + s.id())));
      int start = 0;
      double cumulative = 0;
      List<String> names = List.copyOf(options.split().keySet());
      for (int i = 0; i < names.size(); i++) {
        cumulative += options.split().get(names.get(i));
        int end = i == names.size() - 1 ? shuffled.size() : (int) Math.round(cumulative * shuffled.size());
        parts.get(names.get(i)).addAll(shuffled.subList(start, Math.max(start, end)));
        start = Math.max(start, end);
      }
    }
    parts.values().forEach(list -> list.sort(Comparator.comparing(Sample::id)));
    return parts;
  }

  /** Parses "train=0.9,validation=0.1"; the fractions must be positive and add up to 1. */
  public static Map<String, Double> parseSplit(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String part : text.split(",")) {
      String[] kv = part.split("=", 2);
      try {
        double f = Double.parseDouble(kv[1].strip());
        if (!(f > 0) || !kv[0].strip().matches("[A-Za-z][A-Za-z0-9_-]*")) {
          throw new NumberFormatException();
        }
        out.put(kv[0].strip().toLowerCase(Locale.ROOT), f);
      } catch (RuntimeException e) {
        throw new UserError("--split takes name=fraction pairs such as train=0.9,validation=0.1, not '" + text + "'");
      }
    }
    double sum = out.values().stream().mapToDouble(Double::doubleValue).sum();
    if (Math.abs(sum - 1) > 1e-9) {
      throw new UserError("--split fractions must add up to 1, but add up to " + sum);
    }
    return out;
  }

  private static String jsonl(Sample s, boolean multiLabel, String runId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("text", s.text());
    if (multiLabel) {
      m.put("labels", s.labels());
    } else {
      m.put("label", s.label());
    }
    m.put("attributes", s.attributes());
    Map<String, Object> provenance = new LinkedHashMap<>(); // a fixed key order keeps exports byte-stable
    provenance.put("run", runId);
    provenance.put("request", s.id());
    m.put("provenance", provenance);
    return Jsons.write(m) + "\n";
  }

  private static String csv(Sample s, boolean multiLabel, String runId) {
    return String.join(",", cell(s.id()), cell(s.text()), cell(multiLabel ? String.join("|", s.labels()) : s.label()),
        cell(Jsons.write(s.attributes())), cell(runId)) + "\n";
  }

  private static String cell(String v) {
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
