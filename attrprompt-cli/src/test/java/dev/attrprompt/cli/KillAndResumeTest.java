package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Kills a real child process running {@code generate} with SIGKILL at several points, resumes it,
 * and compares the export with that of an uninterrupted run against the same deterministic
 * simulator.
 */
class KillAndResumeTest {
  @TempDir Path tmp;

  private Process start(Path task, Path run, Simulator sim) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "dev.attrprompt.cli.Main", "generate", task.toString(),
        "--per-class", "30", "--out", run.toString(), "--base-url", sim.baseUrl().toString(), "--concurrency", "4");
    pb.environment().put("OPENAI_API_KEY", "k");
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("child-" + System.nanoTime() + ".log").toFile());
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
}
