package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per run folder: two real {@code generate} processes started together on one folder
 * against the real simulator; one works, the other is refused at once naming the holder, and the
 * simulator serves one run's requests, not two.
 */
class RunLockTest {
  @TempDir Path tmp;

  @Test
  void aSecondWriterIsRefusedAtOnceNamingTheHolderAndBuysNothing() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    // latency keeps the first writer busy for seconds, so the two overlap
    SimulatorConfig config = SimulatorConfig.builder().port(0).latencyMedianMs(150).latencyP99Ms(300).build();
    try (Simulator sim = Simulator.start(config)) {
      String[] options = {"--per-class", "12", "--concurrency", "2"};
      Process a = Children.generate(task, run, sim, tmp.resolve("a.log"), options);
      Process b = Children.generate(task, run, sim, tmp.resolve("b.log"), options);
      assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String logA = Files.readString(tmp.resolve("a.log"));
      String logB = Files.readString(tmp.resolve("b.log"));
      List<Integer> codes = List.of(a.exitValue(), b.exitValue());
      assertThat(codes).as(logA + "\n---\n" + logB).containsExactlyInAnyOrder(0, 2);
      String refused = a.exitValue() == 2 ? logA : logB;
      Process holder = a.exitValue() == 2 ? b : a;
      assertThat(refused.strip().lines()).as(refused).hasSize(1);
      assertThat(refused).contains("this run is being written by another process (pid " + holder.pid() + " on ")
          .contains(" since 20");

      JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
      long responses = status.get("totals").get("responses").asLong();
      assertThat(status.get("totals").get("accepted").asLong()).isEqualTo(60);
      // every request the simulator served is one answer of the run: nothing was bought twice
      assertThat(sim.stats().requests()).isEqualTo(responses);
    }
  }

  @Test
  void aHolderKilledWithSigkillDoesNotBlockTheNextWriter() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    SimulatorConfig config = SimulatorConfig.builder().port(0).latencyMedianMs(100).latencyP99Ms(200).build();
    try (Simulator sim = Simulator.start(config)) {
      Process first = Children.generate(task, run, sim, tmp.resolve("first.log"), "--per-class", "12", "--concurrency", "2");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (sim.stats().requests() < 5 && first.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      first.destroyForcibly();
      first.waitFor(30, TimeUnit.SECONDS);
      assertThat(Files.readString(run.resolve("run.lock"))).contains("pid " + first.pid());
      Process second = Children.generate(task, run, sim, tmp.resolve("second.log"), "--per-class", "12",
          "--concurrency", "2");
      assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).as(Files.readString(tmp.resolve("second.log"))).isZero();
    }
  }
}
