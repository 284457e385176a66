package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.llm.BatchClient;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Secret;
import dev.attrprompt.run.Answerer;
import dev.attrprompt.run.BatchAnswerer;
import dev.attrprompt.run.RunStore;
import dev.attrprompt.run.StoredRequest;
import dev.attrprompt.task.Generation;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual Batch workflow: plan without an endpoint, write the Batch input file, answer it
 * (here line by line through the simulator, wrapped as Batch output lines), import, repeat for
 * the top-up round, until every label is full.
 */
class BatchFilesTest {
  @TempDir Path tmp;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Answers every line of a Batch input file and writes the matching Batch output file. */
  private Path answer(Path input, Simulator sim, int round) throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(input)) {
      JsonNode l = CliTest.parse(line);
      assertThat(l.get("url").asText()).isEqualTo("/v1/chat/completions");
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/chat/completions"))
          .header("Authorization", "Bearer k").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(l.get("body").toString())).build(), HttpResponse.BodyHandlers.ofString());
      out.add("{\"id\":\"batch_req_" + out.size() + "\",\"custom_id\":" + l.get("custom_id") + ",\"response\":{\"status_code\":"
          + r.statusCode() + ",\"request_id\":\"x\",\"body\":" + r.body() + "},\"error\":null}");
    }
    Path file = tmp.resolve("output-" + round + ".jsonl");
    Files.write(file, out);
    return file;
  }

  @Test
  void planExportAnswerImportUntilEveryLabelIsFull() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    CliTest.Result planned = CliTest.run("generate", task.toString(), "--per-class", "6", "--out", run.toString(), "--plan-only");
    assertThat(planned.code()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("30 requests wait for answers");

    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(2).faultRefusal(0.2).build())) {
      for (int round = 1; round <= 8; round++) {
        Path input = tmp.resolve("input-" + round + ".jsonl");
        CliTest.Result export = CliTest.run("batch", "export", run.toString(), "--out", input.toString());
        assertThat(export.code()).as(export.err()).isZero();
        if (export.out().contains("nothing to ask")) {
          assertThat(export.out()).contains("every label has 6 accepted samples");
          break;
        }
        List<String> lines = Files.readAllLines(input);
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(CliTest.parse(l).get("body").get("seed").isNumber()).isTrue());
        Path output = answer(input, sim, round);
        CliTest.Result imported = CliTest.run("batch", "import", run.toString(), output.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains(lines.size() + " answered, 0 failed");
        // importing the same file again buys and changes nothing
        assertThat(CliTest.run("batch", "import", run.toString(), output.toString()).out())
            .contains("0 answered, 0 failed, " + lines.size() + " already answered");
      }
    }
    JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
    status.get("labels").forEach(l -> assertThat(l.get("accepted").asInt()).isEqualTo(6));
    assertThat(status.get("totals").get("rejected").asInt()).isPositive();
    assertThat(status.get("totals").get("usd").asDouble()).isPositive();
  }

  @Test
  void generateWithBatchGoesThroughTheSimulatorsBatchApiAndFillsEveryLabel() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("batch-run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(4).faultRefusal(0.2)
        .batchDelayMs(300).build())) {
      CliTest.Result r = GenerateWithSimulatorTest.generate(java.util.Map.of("OPENAI_API_KEY", "k"), task.toString(),
          "--per-class", "5", "--out", run.toString(), "--base-url", sim.baseUrl().toString(), "--batch",
          "--poll-seconds", "1");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.err()).contains("[batch] submitted batch");
    }
    JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
    status.get("labels").forEach(l -> assertThat(l.get("accepted").asInt()).isEqualTo(5));
    try (var files = Files.list(run.resolve("batches"))) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith("-input.jsonl"));
    }
  }

  @Test
  void aBatchCreatedButNeverNotedInTheRunIsFoundByItsSubmissionKeyAndPolledInsteadOfBoughtAgain() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("lost-id");
    assertThat(CliTest.run("generate", task.toString(), "--per-class", "3", "--out", run.toString(), "--plan-only")
        .code()).isZero();
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(5).batchDelayMs(200).build());
        RunStore store = RunStore.open(run)) {
      LlmConfig llm = llm(sim);
      Generation params = new Generation("gpt-4o-mini", 1.0, 1.0, 300, 3, 1);
      List<StoredRequest> requests = store.unanswered();
      // the run stops right after the provider created the batch, before the run noted its id
      BatchAnswerer stopsEarly = new BatchAnswerer(new BatchClient(llm), params, PriceTable.builtInTable(),
          Duration.ofMillis(50), 5, line -> {
            if (line.startsWith("submitted batch ")) {
              throw new IllegalStateException("stopped");
            }
          });
      assertThatThrownBy(() -> stopsEarly.answer(requests, store)).hasMessage("stopped");
      assertThat(store.meta(BatchAnswerer.IN_FLIGHT)).isEmpty();
      String lost = batchIds(sim).get(0);

      List<String> lines = new ArrayList<>();
      BatchAnswerer resumed = new BatchAnswerer(new BatchClient(llm), params, PriceTable.builtInTable(),
          Duration.ofMillis(50), 5, lines::add);
      assertThat(resumed.answer(requests, store)).isInstanceOf(Answerer.End.Completed.class);
      assertThat(lines).first().isEqualTo("found batch " + lost + ", submitted before the run stopped without noting it");
      assertThat(batchIds(sim)).containsExactly(lost); // nothing bought twice
      assertThat(store.unanswered()).isEmpty();
    }
  }

  @Test
  void aBatchWhoseEveryLineFailedIsFollowedByANewBatchNotFoundAgain() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("all-failed");
    assertThat(CliTest.run("generate", task.toString(), "--per-class", "1", "--out", run.toString(), "--plan-only")
        .code()).isZero();
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(6).batchDelayMs(50).fault500(1.0).build());
        RunStore store = RunStore.open(run)) {
      LlmConfig llm = llm(sim);
      BatchAnswerer answerer = new BatchAnswerer(new BatchClient(llm), new Generation("gpt-4o-mini", 1.0, 1.0, 300, 1, 1),
          PriceTable.builtInTable(), Duration.ofMillis(20), 3, line -> {});
      // the same requests are asked three times: each time a new batch, since each batch was noted
      assertThat(answerer.answer(store.unanswered(), store)).isInstanceOf(Answerer.End.Stopped.class);
      assertThat(batchIds(sim)).hasSize(3).doesNotHaveDuplicates();
      assertThat(store.unanswered()).hasSize(5);
    }
  }

  private static LlmConfig llm(Simulator sim) {
    return LlmConfig.builder().env(java.util.Map.of()).baseUrl(sim.baseUrl().toString()).apiKey(Secret.of("k"))
        .model("gpt-4o-mini").build();
  }

  /** The simulator's batches, newest first, as its Batch API lists them. */
  static JsonNode batches(Simulator sim) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/batches"))
        .header("Authorization", "Bearer k").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return CliTest.parse(r.body()).get("data");
  }

  private static List<String> batchIds(Simulator sim) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    batches(sim).forEach(b -> ids.add(b.get("id").asText()));
    return ids;
  }
}
