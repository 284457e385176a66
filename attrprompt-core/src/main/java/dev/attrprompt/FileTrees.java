package dev.attrprompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes folder trees the tool made itself (temp folders, half-written exports). */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code dir} and everything below it; best effort, as a leftover temp folder is harmless. */
  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort: see above
    }
  }
}
