package dev.attrprompt.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.UserError;
import dev.attrprompt.run.Manifest;
import dev.attrprompt.run.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads a run folder made by {@code attrprompt generate}: its accepted samples with their
 * attributes, the method from the run's manifest and what the run cost.
 */
public final class RunSource implements DatasetSource {

  @Override
  public boolean accepts(Path path) {
    return Files.isDirectory(path) && Files.isRegularFile(path.resolve(RunStore.FILE));
  }

  @Override
  public Dataset load(Path path) {
    try (RunStore store = RunStore.openReadOnly(path)) {
      Manifest manifest = Manifest.read(store.manifest().orElseThrow(() ->
          UserError.in(path, "this run has no manifest; was it made by 'attrprompt generate'?")), path);
      boolean multiLabel = manifest.multiLabel();
      List<Sample> samples = store.samples().stream()
          .map(s -> new Sample(s.text(), multiLabel ? s.labels() : List.of(s.label()), s.attributes()))
          .toList();
      if (samples.isEmpty()) {
        throw UserError.in(path, "the run has no accepted samples yet; run 'attrprompt generate' on it first");
      }
      String name = path.toAbsolutePath().normalize().getFileName().toString();
      return new Dataset(name, path.toString(), samples, multiLabel,
          Optional.of(manifest.plan().method().id()), OptionalDouble.of(store.usage().usd()));
    }
  }

  /** The ids of the run's accepted samples, in the order {@link #load} gives the samples. */
  public static List<String> sampleIds(Path path) {
    try (RunStore store = RunStore.openReadOnly(path)) {
      return store.samples().stream().map(dev.attrprompt.run.Sample::id).toList();
    }
  }

  /**
   * Each label's similar classes, from the task snapshot in the run's manifest
   * ({@code attributes/similar.yaml}); empty when the snapshot has none.
   */
  public static Optional<Map<String, List<String>>> similarClasses(Path path) {
    try (RunStore store = RunStore.openReadOnly(path)) {
      Optional<String> manifest = store.manifest();
      if (manifest.isEmpty()) {
        return Optional.empty();
      }
      String file = Manifest.read(manifest.get(), path).files().get("attributes/similar.yaml");
      if (file == null) {
        return Optional.empty();
      }
      JsonNode similar = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .readTree(file).path("similar");
      Map<String, List<String>> out = new LinkedHashMap<>();
      similar.properties().forEach(e -> {
        List<String> others = new ArrayList<>();
        e.getValue().forEach(v -> others.add(v.asText()));
        out.put(e.getKey(), List.copyOf(others));
      });
      return Optional.of(out);
    } catch (IOException e) {
      return Optional.empty(); // the snapshot is for provenance; a check runs without it
    }
  }
}
