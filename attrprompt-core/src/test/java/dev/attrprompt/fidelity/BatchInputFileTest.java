package dev.attrprompt.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch input files of checks sharing one folder never take each other's name. */
class BatchInputFileTest {
  @TempDir Path folder;

  @Test
  void filesWrittenAtTheSameTimeIntoOneFolderEachKeepTheirOwnLines() throws Exception {
    int n = 64;
    List<Future<Path>> written = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < n; i++) {
        List<String> lines = List.of("{\"custom_id\":\"q" + i + "\"}", "{\"custom_id\":\"r" + i + "\"}");
        written.add(pool.submit(() -> BatchAsking.writeFile(folder, lines)));
      }
    }
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path f = written.get(i).get();
      files.add(f);
      assertThat(Files.readAllLines(f)).containsExactly("{\"custom_id\":\"q" + i + "\"}", "{\"custom_id\":\"r" + i + "\"}");
    }
    assertThat(files).doesNotHaveDuplicates();
    try (var left = Files.list(folder)) {
      assertThat(left.filter(p -> p.getFileName().toString().endsWith(".tmp"))).as("no temporary file left").isEmpty();
    }
  }
}
