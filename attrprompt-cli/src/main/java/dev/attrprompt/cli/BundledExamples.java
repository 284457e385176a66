package dev.attrprompt.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The example tasks packed into the launcher jar (from the repository's examples/ folder). */
public final class BundledExamples {
  private BundledExamples() {}

  /** The example the demo and tests use. */
  public static final String DEFAULT = "support-tickets";

  /** Copies example {@code name} into {@code target} (created) and returns it. */
  public static Path extract(String name, Path target) throws IOException {
    URL url = BundledExamples.class.getResource("/examples/" + name + "/task.yaml");
    if (url == null) {
      throw new IllegalStateException("the launcher jar holds no example '" + name + "'");
    }
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    if (uri.getScheme().equals("jar")) {
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        copyTree(jar.provider().getPath(uri).getParent(), target);
      }
    } else {
      copyTree(Path.of(uri).getParent(), target);
    }
    return target;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path dest = to.resolve(from.relativize(file).toString());
      Files.createDirectories(dest.getParent());
      Files.copy(file, dest);
    }
  }
}
