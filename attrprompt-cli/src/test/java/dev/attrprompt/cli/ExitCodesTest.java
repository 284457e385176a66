package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input exits 2; a network or database failure while working exits 1; both in one line. */
class ExitCodesTest {
  @TempDir Path tmp;

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void oneLineNoTrace(CliTest.Result r) {
    assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void anEndpointThatDoesNotAnswerExits1() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    CliTest.Result r = CliTest.run("generate", task.toString(), "--per-class", "2", "--batch",
        "--base-url", "http://127.0.0.1:" + closedPort() + "/v1", "--out", tmp.resolve("run").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    oneLineNoTrace(r);
    assertThat(r.err()).contains("could not").contains("127.0.0.1");
  }

  @Test
  void aDamagedRunStoreExits1() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(run.resolve("run.sqlite"), "this is not a SQLite database, just some text ".repeat(200));
    CliTest.Result r = CliTest.run("status", run.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    oneLineNoTrace(r);
    assertThat(r.err()).contains("run.sqlite: cannot open the run store");
  }

  @Test
  void badInputExits2() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    CliTest.Result missing = CliTest.run("status", tmp.resolve("no-such-run").toString());
    assertThat(missing.code()).isEqualTo(2);
    oneLineNoTrace(missing);
    CliTest.Result review = CliTest.run("attributes", "review", task.toString(), "--reject", "tone:sarcastic");
    assertThat(review.code()).isEqualTo(2);
    oneLineNoTrace(review);
  }
}
