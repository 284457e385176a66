package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM on a real {@code generate} process: it stops within about a second, says
 * how many answers were kept and the exact command to resume, and exits 130 or 143; a second
 * Ctrl-C exits at once, and the run resumes from what was committed.
 */
class SignalStopTest {
  @TempDir Path tmp;

  private Process startAndWait(Path task, Path run, Simulator sim, Path log, long served) throws Exception {
    // a big plan: stopping must not pass over every request left
    Process p = Children.generate(task, run, sim, log, "--per-class", "4000", "--concurrency", "4");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (sim.stats().requests() < served && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
    return p;
  }

  @Test
  void ctrlCStopsWithinASecondAndSaysHowToResume() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    SimulatorConfig config = SimulatorConfig.builder().port(0).latencyMedianMs(20).latencyP99Ms(60).build();
    try (Simulator sim = Simulator.start(config)) {
      Path log = tmp.resolve("int.log");
      Process p = startAndWait(task, run, sim, log, 40);
      long t0 = System.nanoTime();
      Children.signal(p, "INT");
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(log.toString()).isTrue();
      double seconds = (System.nanoTime() - t0) / 1e9;
      String out = Files.readString(log);
      assertThat(p.exitValue()).as(out).isEqualTo(130);
      assertThat(seconds).as(out).isLessThan(3.0);
      JsonNode totals = CliTest.parse(CliTest.run("status", run.toString(), "--json").out()).get("totals");
      long kept = totals.get("responses").asLong();
      assertThat(out).contains("stopped by SIGINT; " + kept + " answers were kept this time (" + kept + " in all)");
      String resume = out.lines().filter(l -> l.startsWith("resume with: attrprompt generate ")).findFirst().orElseThrow();
      assertThat(resume).contains("--per-class 4000").contains("--out " + run);
      assertThat(totals.get("pending").asLong()).isEqualTo(20_000 - totals.get("accepted").asLong()
          - totals.get("rejected").asLong() - totals.get("failed").asLong());

      // SIGTERM the resumed run: 143, and nothing answered before is bought again
      long before = sim.stats().requests();
      List<String> args = new ArrayList<>(Arrays.asList(resume.substring("resume with: attrprompt ".length()).split(" ")));
      Process again = Children.start(tmp.resolve("term.log"), args);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (sim.stats().requests() < before + 20 && again.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Children.signal(again, "TERM");
      assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String termOut = Files.readString(tmp.resolve("term.log"));
      assertThat(again.exitValue()).as(termOut).isEqualTo(143);
      long keptNow = CliTest.parse(CliTest.run("status", run.toString(), "--json").out()).get("totals")
          .get("responses").asLong();
      assertThat(termOut).contains("stopped by SIGTERM; " + (keptNow - kept) + " answers were kept this time");
      assertThat(sim.stats().requests()).as("each request bought once").isEqualTo(keptNow);
    }
  }

  @Test
  void aSecondCtrlCExitsAtOnceAndTheRunResumes() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    // slow answers: the first Ctrl-C waits for those on the wire, the second does not
    SimulatorConfig config = SimulatorConfig.builder().port(0).latencyMedianMs(4000).latencyP99Ms(5000).build();
    try (Simulator sim = Simulator.start(config)) {
      Path log = tmp.resolve("twice.log");
      Process p = startAndWait(task, run, sim, log, 4);
      Children.signal(p, "INT");
      Thread.sleep(300);
      long t0 = System.nanoTime();
      Children.signal(p, "INT");
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat((System.nanoTime() - t0) / 1e9).isLessThan(1.5);
      assertThat(p.exitValue()).isEqualTo(130);
      JsonNode totals = CliTest.parse(CliTest.run("status", run.toString(), "--json").out()).get("totals");
      assertThat(totals.get("requests").asLong()).isEqualTo(20_000);
    }
  }
}
