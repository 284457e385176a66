package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exhausted heap is one line and exit 1, never a stack trace. */
class OutOfMemoryTest {
  @TempDir Path tmp;

  @Test
  void anExhaustedHeapIsOneLineExit1_inAChildJvm() throws Exception {
    // 200,000 texts (about 70 MB) cannot be analysed in a 32 MB heap, which is the point here
    Path data = tmp.resolve("big.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 200_000; i++) {
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < 40; j++) {
          text.append(j == 0 ? "" : " ").append("word").append((i * 31 + j * 7) % 1000);
        }
        w.write("{\"text\":\"" + text + "\",\"label\":\"l" + (i % 5) + "\"}\n");
      }
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-Xmx32m", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "analyze", data.toString())
        .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String err = Files.readString(tmp.resolve("err.txt"));
    assertThat(p.exitValue()).as(err).isEqualTo(1);
    assertThat(err.strip()).startsWith("error: the Java heap (").contains("ATTRPROMPT_JAVA_OPTS=-Xmx")
        .doesNotContain("\n").doesNotContain("\tat ").doesNotContain("OutOfMemoryError");
  }
}
