package dev.attrprompt.eval.data;

import dev.attrprompt.UserError;
import dev.attrprompt.run.Manifest;
import dev.attrprompt.run.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    try (RunStore store = RunStore.openExisting(path)) {
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
}
