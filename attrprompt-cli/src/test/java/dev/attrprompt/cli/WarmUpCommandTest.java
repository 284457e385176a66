package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The launcher records its start-up cache with {@code warm-up}: it must succeed, say nothing and leave nothing. */
class WarmUpCommandTest {
  private static List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("attrprompt-warm-up-")).toList();
    }
  }

  @Test
  void runsTheMainCommandsSilentlyAndCleansUp() throws IOException {
    List<Path> before = leftovers();
    CliTest.Result r = CliTest.run("warm-up");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
    assertThat(leftovers()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void isHiddenFromTheHelp() {
    assertThat(CliTest.run("--help").out()).doesNotContain("warm-up").contains("evaluate");
  }
}
