package dev.attrprompt;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data beside the repository (../shared/data); tests that use it say so in their name. */
public final class SharedData {
  private SharedData() {}

  public static Path dir() {
    String configured = System.getProperty("attrprompt.shared.data");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("the shared real data is missing: expected " + dir.toAbsolutePath()
          + " (../shared/data beside the repository); tests that read real data cannot run without it");
    }
    return dir;
  }

  public static Path attrPromptRelease(String dataset) {
    return dir().resolve("attrprompt-attributes").resolve(dataset);
  }
}
