package dev.attrprompt.eval;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real data beside the repository (../shared/data), from the system property the parent pom
 * sets; tests that use it say "SharedData" in their name. (The same as core's test helper, which
 * is not visible from here.)
 */
public final class SharedData {
  private SharedData() {}

  public static Path file(String relative) {
    String configured = System.getProperty("attrprompt.shared.data");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
    Path file = dir.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("the shared real data is missing: expected " + file.toAbsolutePath()
          + " (../shared/data beside the repository, or -Dattrprompt.shared.data=DIR); this test reads real data");
    }
    return file;
  }
}
