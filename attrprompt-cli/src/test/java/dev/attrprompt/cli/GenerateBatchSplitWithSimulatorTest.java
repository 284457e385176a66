package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.llm.BatchClient;
import dev.attrprompt.llm.BatchJobs;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Secret;
import dev.attrprompt.run.Answerer;
import dev.attrprompt.run.BatchAnswerer;
import dev.attrprompt.run.RunStore;
import dev.attrprompt.run.StoredRequest;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import dev.attrprompt.task.Generation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --batch} with more pending requests than one Batch input file may hold: they go
 * out as several batches, every id noted in the run store as soon as its batch exists, and a run
 * stopped while submitting or while waiting polls every batch in flight when resumed and buys none
 * twice. Against the real simulator's Batch API and a real run store.
 */
class GenerateBatchSplitWithSimulatorTest {
  private static final Generation PARAMS = new Generation("gpt-4o-mini", 1.0, 1.0, 300, 3, 1);
  /** 25 requests at 7 a file: 4 files (7, 7, 7, 4). */
  private static final BatchJobs.FileLimits SEVEN = new BatchJobs.FileLimits(7, 10_000_000);

  @TempDir Path tmp;

  private static CliTest.Result generate(BatchJobs.FileLimits limits, String... args) {
    GenerateCommand command = new GenerateCommand();
    command.env = Map.of("OPENAI_API_KEY", "k");
    command.batchLimits = limits;
    return CliTest.execute(command, args);
  }

  @Test
  void pendingRequestsAboveOneFilesLimitGoOutAsSeveralBatchesAndEveryLabelFills() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(4).batchDelayMs(200).build())) {
      CliTest.Result r = generate(SEVEN, task.toString(), "--per-class", "5", "--out", run.toString(),
          "--base-url", sim.baseUrl().toString(), "--batch", "--poll-seconds", "1");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      JsonNode batches = BatchFilesTest.batches(sim);
      List<Integer> sizes = new ArrayList<>();
      batches.forEach(b -> sizes.add(b.get("request_counts").get("total").asInt()));
      // the first round: 25 planned requests cut at 7 a file; later rounds top up what screening rejected
      assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(1, 7));
      assertThat(sizes.reversed().subList(0, 4)).containsExactly(7, 7, 7, 4);
      assertThat(r.err()).contains("with 7 requests (file 1 of 4)").contains("with 4 requests (file 4 of 4)");
      try (RunStore store = RunStore.open(run)) {
        assertThat(BatchAnswerer.inFlight(store)).isEmpty();
        assertThat(store.unanswered()).isEmpty();
      }
    }
    JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
    status.get("labels").forEach(l -> assertThat(l.get("accepted").asInt()).isEqualTo(5));
    assertThat(status.get("batches_in_flight")).isEmpty();
    assertThat(CliTest.run("status", run.toString()).out()).doesNotContain("in flight");
  }

  @Test
  void aRunStoppedBetweenCreatingItsSecondBatchAndNotingItFindsThatBatchAndBuysOnlyTheRest() throws Exception {
    Path run = planned("half-submitted", 5);
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(5).batchDelayMs(200).build());
        RunStore store = RunStore.open(run)) {
      List<StoredRequest> requests = store.unanswered();
      assertThat(requests).hasSize(25);
      int[] submitted = {0};
      BatchAnswerer stopsEarly = answerer(sim, line -> {
        if (line.startsWith("submitted batch ") && ++submitted[0] == 2) {
          throw new IllegalStateException("stopped");
        }
      });
      assertThatThrownBy(() -> stopsEarly.answer(requests, store)).hasMessage("stopped");
      List<String> made = ids(sim); // oldest first
      assertThat(made).hasSize(2);
      assertThat(BatchAnswerer.inFlight(store)).containsExactly(made.get(0));

      List<String> lines = new ArrayList<>();
      assertThat(answerer(sim, lines::add).answer(requests, store)).isInstanceOf(Answerer.End.Completed.class);
      assertThat(lines).contains("resuming batch " + made.get(0) + " submitted before",
          "found batch " + made.get(1) + ", submitted before the run stopped without noting it");
      assertThat(lines.stream().filter(l -> l.startsWith("submitted batch "))).hasSize(2);
      List<String> all = ids(sim);
      assertThat(all).hasSize(4).doesNotHaveDuplicates().startsWith(made.get(0), made.get(1));
      assertThat(store.unanswered()).isEmpty();
      assertThat(BatchAnswerer.inFlight(store)).isEmpty();
    }
  }

  @Test
  void aRunStoppedWhileItsBatchesRunPollsEveryOneWhenResumedAndBuysNoneAgain() throws Exception {
    Path run = planned("stopped-waiting", 5);
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(6).batchDelayMs(1_500).build());
        RunStore store = RunStore.open(run)) {
      List<StoredRequest> requests = store.unanswered();
      AtomicReference<String> first = new AtomicReference<>();
      Thread worker = new Thread(() -> {
        try {
          first.set(answerer(sim, line -> {}).answer(requests, store).toString());
        } catch (RuntimeException e) { // interrupted inside a poll's HTTP call rather than between polls
          first.set(e.getMessage());
        }
      });
      worker.start();
      long deadline = System.currentTimeMillis() + 20_000;
      while (BatchAnswerer.inFlight(store).size() < 4 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      worker.interrupt(); // what a stop (Ctrl-C, SIGTERM) does to the waiting thread
      worker.join(20_000);
      assertThat(first.get()).containsAnyOf("4 batches run", "interrupted while trying to poll the batch");
      List<String> made = ids(sim);
      assertThat(made).hasSize(4);
      assertThat(BatchAnswerer.inFlight(store)).containsExactlyElementsOf(made);
      assertThat(store.unanswered()).hasSize(25);
      // status names them
      JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
      List<String> shown = new ArrayList<>();
      status.get("batches_in_flight").forEach(b -> shown.add(b.asText()));
      assertThat(shown).isEqualTo(made);
      assertThat(CliTest.run("status", run.toString()).out())
          .contains("4 batches in flight (" + String.join(", ", made) + ")");

      List<String> lines = new ArrayList<>();
      assertThat(answerer(sim, lines::add).answer(requests, store)).isInstanceOf(Answerer.End.Completed.class);
      assertThat(lines.stream().filter(l -> l.startsWith("resuming batch "))).hasSize(4);
      assertThat(lines).noneMatch(l -> l.startsWith("submitted batch ") || l.startsWith("found batch "));
      assertThat(ids(sim)).isEqualTo(made);
      assertThat(store.unanswered()).isEmpty();
    }
  }

  @Test
  void aRunStoreWithTheOldSingleBatchInFlightStillResumesThatBatch() throws Exception {
    Path run = planned("old-store", 3);
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(7).batchDelayMs(200).build());
        RunStore store = RunStore.open(run)) {
      List<StoredRequest> requests = store.unanswered();
      BatchAnswerer stopsEarly = new BatchAnswerer(new BatchClient(llm(sim)), PARAMS, PriceTable.builtInTable(),
          Duration.ofMillis(50), 5, line -> {
            if (line.startsWith("submitted batch ")) {
              throw new IllegalStateException("stopped");
            }
          });
      assertThatThrownBy(() -> stopsEarly.answer(requests, store)).hasMessage("stopped");
      String old = ids(sim).get(0);
      // what a run made before batches were split keeps while its batch runs
      store.setMeta(BatchAnswerer.IN_FLIGHT, null);
      store.setMeta("batch_files_cut", null);
      store.setMeta(Map.of("batch_in_flight", old, "batches_noted", "1"));
      assertThat(BatchAnswerer.inFlight(store)).containsExactly(old);

      List<String> lines = new ArrayList<>();
      BatchAnswerer resumed = new BatchAnswerer(new BatchClient(llm(sim)), PARAMS, PriceTable.builtInTable(),
          Duration.ofMillis(50), 5, lines::add);
      assertThat(resumed.answer(requests, store)).isInstanceOf(Answerer.End.Completed.class);
      assertThat(lines).first().isEqualTo("resuming batch " + old + " submitted before");
      assertThat(ids(sim)).containsExactly(old);
      assertThat(store.unanswered()).isEmpty();
      assertThat(store.meta("batch_in_flight")).isEmpty();
      assertThat(BatchAnswerer.inFlight(store)).isEmpty();
    }
  }

  @Test
  void aBudgetBelowTheWorstCaseOfAllTheFilesSubmitsNoneOfThem() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("budget");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(8).batchDelayMs(100).build())) {
      // the worst case of all 25 requests is between $0.002 and $0.003 (found by trying), so one file
      // of 7 would fit under $0.001 and the four together do not
      CliTest.Result r = generate(SEVEN, task.toString(), "--per-class", "5", "--out", run.toString(),
          "--base-url", sim.baseUrl().toString(), "--batch", "--poll-seconds", "1", "--budget-usd", "0.001");
      assertThat(r.code()).as(r.out() + r.err()).isNotZero();
      assertThat(r.out() + r.err()).contains("budget of $0.0010 is spent ($0.0000 of it");
      assertThat(BatchFilesTest.batches(sim)).isEmpty();
    }
  }

  private Path planned(String name, int perClass) throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task-" + name));
    Path run = tmp.resolve(name);
    CliTest.Result r = CliTest.run("generate", task.toString(), "--per-class", Integer.toString(perClass),
        "--out", run.toString(), "--plan-only");
    assertThat(r.code()).as(r.err()).isZero();
    return run;
  }

  private static BatchAnswerer answerer(Simulator sim, java.util.function.Consumer<String> log) {
    return new BatchAnswerer(new BatchClient(llm(sim)), PARAMS, PriceTable.builtInTable(), Duration.ofMillis(50), 5,
        SEVEN, log);
  }

  private static LlmConfig llm(Simulator sim) {
    return LlmConfig.builder().env(Map.of()).baseUrl(sim.baseUrl().toString()).apiKey(Secret.of("k"))
        .model("gpt-4o-mini").build();
  }

  /** The simulator's batch ids, oldest first. */
  private static List<String> ids(Simulator sim) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    BatchFilesTest.batches(sim).forEach(b -> ids.add(0, b.get("id").asText()));
    return ids;
  }
}
