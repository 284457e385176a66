package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Secret;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunConfig;
import dev.attrprompt.run.RunEvent;
import dev.attrprompt.run.RunResult;
import dev.attrprompt.run.RunStatus;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import dev.attrprompt.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures say why, and what a run shows while it works is what status reads at that moment. */
class RunFailuresTest {
  @TempDir Path tmp;

  private static LlmConfig.Builder connection(String url) {
    return LlmConfig.builder().env(Map.of()).baseUrl(url).apiKey(Secret.of("k")).model("gpt-4o-mini")
        .concurrency(4).maxAttempts(2).backoff(Duration.ofMillis(5), Duration.ofMillis(20));
  }

  @Test
  void withNothingListeningTheCauseIsInTheResultAndInStatusPerLabel() throws Exception {
    Task task = Task.load(BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task")));
    Path dir = tmp.resolve("run");
    String url = "http://127.0.0.1:1/v1";
    List<String> failures = new ArrayList<>();
    try (Run run = Run.create(dir, task, RunConfig.builder(task).perClass(4).build())) {
      run.onEvent(e -> {
        if (e instanceof RunEvent.RequestFailed f) {
          failures.add(f.label() + " " + f.cause());
        }
      });
      RunResult result = run.generate(connection(url).build());
      // nothing listening is a refused endpoint: the run stops at the first request instead of failing them all
      assertThat(result.ending()).isInstanceOfSatisfying(RunResult.Ending.Stopped.class,
          s -> assertThat(s.cause()).isEqualTo(RunResult.Cause.REFUSED));
      assertThat(result.message()).contains("connection refused at " + url).contains("is the server running?");
      RunStatus status = run.status();
      assertThat(status.totals().failed()).isEqualTo((long) failures.size()).isBetween(1L, 4L);
      assertThat(status.totals().failed() + status.totals().pending()).isEqualTo(20);
      assertThat(status.labels().values().stream().flatMap(l -> l.failedByCause().keySet().stream()))
          .isNotEmpty().allSatisfy(cause -> assertThat(cause).contains("connection refused at " + url));
    }
    assertThat(failures).allSatisfy(f -> assertThat(f).contains("connection refused"));
    CliTest.Result text = CliTest.run("status", dir.toString());
    assertThat(text.out()).contains("failed by cause:").contains("connection refused at " + url);
    JsonNode json = CliTest.parse(CliTest.run("status", dir.toString(), "--json").out());
    assertThat(json.get("totals").get("failed_by_cause").fields().next().getValue().asInt())
        .isEqualTo(failures.size());
  }

  @Test
  void afterAQuotaStopTheProgressCountsAreStatusCountsAtEveryMoment() throws Exception {
    Task task = Task.load(BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task")));
    Path dir = tmp.resolve("run");
    List<String> mismatches = new ArrayList<>();
    List<RunEvent.Progress> seen = new ArrayList<>();
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).quota(30).build());
        Run run = Run.create(dir, task, RunConfig.builder(task).perClass(16).build())) {
      run.onEvent(e -> {
        if (e instanceof RunEvent.Progress p) {
          seen.add(p);
          RunStatus.Counts now = run.status().totals();
          if (!now.equals(p.counts())) {
            mismatches.add(p.counts() + " while status said " + now);
          }
        }
      });
      RunResult result = run.generate(connection(sim.baseUrl().toString()).build());
      assertThat(result.ending()).isEqualTo(new RunResult.Ending.Stopped(RunResult.Cause.QUOTA));
      assertThat(result.message()).contains("insufficient_quota");
      RunStatus.Counts last = seen.get(seen.size() - 1).counts();
      assertThat(last).isEqualTo(run.status().totals());
      assertThat(last.planned()).isEqualTo(80);
      assertThat(last.accepted() + last.rejected()).isLessThanOrEqualTo(30);
      assertThat(last.pending()).isGreaterThanOrEqualTo(50);
    }
    assertThat(seen).hasSizeGreaterThan(30);
    assertThat(mismatches).isEmpty();
  }
}
