package dev.attrprompt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small task folders for tests. */
public final class TestTasks {
  private TestTasks() {}

  public static final String TASK = """
      name: mini
      domain: news article
      labels:
        - World
        - Sports
        - name: Sci Tech
          description: science and technology
      generation:
        per_class: 4
        seed: 11
      """;

  public static final String SUBTOPIC = """
      scope: dependent
      order: 10
      values:
        world: [elections, trade talks, refugee crisis]
        sports: [transfer news, doping case]
        sci_tech: [chip shortage, mars rover, vaccine trial, quantum computing]
      """;

  public static final String STYLE = """
      scope: independent
      values:
        - interview
        - value: op-ed
          weight: 3
        - breaking news
      """;

  public static final String LENGTH = """
      kind: length
      order: 90
      values: [30, 100]
      """;

  public static final String SIMILAR = """
      similar:
        world: [sports]
        sci_tech: [world, sports]
      """;

  /** A valid task with three dimensions and similar classes. */
  public static Path write(Path dir) throws IOException {
    return write(dir, TASK);
  }

  public static Path write(Path dir, String taskYaml) throws IOException {
    Files.createDirectories(dir.resolve("attributes"));
    put(dir, "task.yaml", taskYaml);
    put(dir, "attributes/subtopic.yaml", SUBTOPIC);
    put(dir, "attributes/style.yaml", STYLE);
    put(dir, "attributes/length.yaml", LENGTH);
    put(dir, "attributes/similar.yaml", SIMILAR);
    return dir;
  }

  public static void put(Path dir, String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
  }
}
