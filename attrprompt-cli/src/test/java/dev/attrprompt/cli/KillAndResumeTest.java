package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child process running {@code generate} with SIGKILL (online at several points, and
 * with {@code --batch} while its batch is in flight), resumes it, and compares the export with
 * that of an uninterrupted run against the same deterministic simulator.
 */
class KillAndResumeTest {
  @TempDir Path tmp;

  private Process start(Path task, Path run, Simulator sim) throws IOException {
    return start(task, run, sim, tmp.resolve("child-" + System.nanoTime() + ".log"), "--per-class", "30",
        "--concurrency", "4");
  }

  /** Runs {@code generate TASK --out RUN --base-url SIM OPTIONS} in a child JVM, its output going to {@code log}. */
  private static Process start(Path task, Path run, Simulator sim, Path log, String... options) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "dev.attrprompt.cli.Main", "generate", task.toString(),
        "--out", run.toString(), "--base-url", sim.baseUrl().toString()));
    command.addAll(List.of(options));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("OPENAI_API_KEY", "k");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  private static long cached(Path run) throws java.sql.SQLException {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + run.resolve("cache.sqlite"));
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM responses")) {
      return rs.getLong(1);
    }
  }

  @Test
  void aRunKilledAtSeveralPointsResumesToAByteIdenticalExport() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    // latency keeps requests in flight when the kill lands
    SimulatorConfig config = SimulatorConfig.builder().port(0).latencyMedianMs(15).latencyP99Ms(60).build();
    Path whole = tmp.resolve("whole");
    Path killed = tmp.resolve("killed");
    long wholeRequests;
    // one simulator for both runs: the endpoint is part of a run's manifest and so of its id
    try (Simulator sim = Simulator.start(config)) {
      Process whole0 = start(task, whole, sim);
      assertThat(whole0.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(whole0.exitValue()).isZero();
      wholeRequests = sim.stats().requests();
      long base = wholeRequests;
      List<Long> killedAt = new ArrayList<>();
      long lost = 0;
      long sentBefore = 0;
      long cachedBefore = 0;
      for (long point : new long[] {9, 47, 103}) {
        Process p = start(task, killed, sim);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sim.stats().requests() - base < point && p.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        p.waitFor(30, TimeUnit.SECONDS);
        killedAt.add(sim.stats().requests() - base);
        // requests the server saw but whose answers were never committed were lost with the process
        lost += (sim.stats().requests() - base) - sentBefore - (cached(killed) - cachedBefore);
        sentBefore = sim.stats().requests() - base;
        cachedBefore = cached(killed);
      }
      Process p = start(task, killed, sim);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      // Every committed answer was used, never bought again: the only extra requests are the lost ones.
      assertThat(sim.stats().requests() - base).isEqualTo(wholeRequests + lost);
      assertThat(cached(killed)).isEqualTo(wholeRequests);
      assertThat(killedAt).isSorted();
    }
    assertThat(CliTest.run("export", whole.toString(), "--out", tmp.resolve("a").toString()).code()).isZero();
    assertThat(CliTest.run("export", killed.toString(), "--out", tmp.resolve("b").toString()).code()).isZero();
    String a = Files.readString(tmp.resolve("a/data.jsonl"));
    String b = Files.readString(tmp.resolve("b/data.jsonl"));
    assertThat(a).isNotEmpty();
    assertThat(b.equals(a)).as("the resumed export equals the uninterrupted one byte for byte").isTrue();
    assertThat(Files.readAllLines(tmp.resolve("a/data.jsonl"))).hasSize(150);
  }

  @Test
  void aBatchRunKilledWhileItsBatchIsInFlightPollsThatBatchWhenResumedInsteadOfBuyingItAgain() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    // each batch takes 2 s, so the kill lands while the child waits for it
    SimulatorConfig config = SimulatorConfig.builder().port(0).seed(4).batchDelayMs(2000).build();
    String[] options = {"--per-class", "5", "--batch", "--poll-seconds", "1"};
    Path whole = tmp.resolve("whole");
    Path killed = tmp.resolve("killed");
    try (Simulator sim = Simulator.start(config)) {
      Process whole0 = start(task, whole, sim, tmp.resolve("whole.log"), options);
      assertThat(whole0.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(whole0.exitValue()).as(Files.readString(tmp.resolve("whole.log"))).isZero();
      int wholeBatches = BatchFilesTest.batches(sim).size();
      assertThat(wholeBatches).isPositive();

      Path firstLog = tmp.resolve("killed-1.log");
      Process first = start(task, killed, sim, firstLog, options);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(firstLog).contains("submitted batch") && first.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      first.destroyForcibly(); // SIGKILL: no shutdown hook runs
      first.waitFor(30, TimeUnit.SECONDS);
      JsonNode inFlight = BatchFilesTest.batches(sim).get(0);
      assertThat(BatchFilesTest.batches(sim).size()).as(Files.readString(firstLog)).isEqualTo(wholeBatches + 1);
      assertThat(inFlight.get("status").asText()).as("killed while its batch ran").isIn("validating", "in_progress");

      Path secondLog = tmp.resolve("killed-2.log");
      Process second = start(task, killed, sim, secondLog, options);
      assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).as(Files.readString(secondLog)).isZero();
      // noted batches are resumed; one killed before it was noted is found by its submission key
      assertThat(Files.readString(secondLog)).containsPattern(
          "(resuming|found) batch " + inFlight.get("id").asText());
      // the batch in flight was polled, not bought again: as many batches as the uninterrupted run
      assertThat(BatchFilesTest.batches(sim).size() - wholeBatches).isEqualTo(wholeBatches);
    }
    assertThat(CliTest.run("export", whole.toString(), "--out", tmp.resolve("a").toString()).code()).isZero();
    assertThat(CliTest.run("export", killed.toString(), "--out", tmp.resolve("b").toString()).code()).isZero();
    String a = Files.readString(tmp.resolve("a/data.jsonl"));
    assertThat(Files.readAllLines(tmp.resolve("a/data.jsonl"))).hasSize(25);
    assertThat(Files.readString(tmp.resolve("b/data.jsonl")).equals(a))
        .as("the resumed export equals the uninterrupted one byte for byte").isTrue();
  }
}
