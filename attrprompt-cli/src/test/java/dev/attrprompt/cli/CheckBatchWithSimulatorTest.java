package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.fidelity.LabelAsker;
import dev.attrprompt.llm.BatchJobs;
import dev.attrprompt.run.RunStore;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --judge llm --batch} end to end against the simulator's Batch API: a run generated
 * with some answers written about another label, judged through batches, stopped while a batch
 * runs, capped by a budget, and with error lines in a batch.
 */
class CheckBatchWithSimulatorTest {
  private static final String JUDGE = "llm:gpt-4o-mini:q1";
  @TempDir static Path tmp;
  static Path run;
  static Path data;
  static Path task;
  static final Set<String> off = new HashSet<>();
  static final List<String> ids = new ArrayList<>();

  @BeforeAll
  static void generate() throws IOException {
    task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(5).faultOffLabel(0.1).build())) {
      CliTest.Result g = GenerateWithSimulatorTest.generate(Map.of("OPENAI_API_KEY", "k"), task.toString(),
          "--per-class", "20", "--out", run.toString(), "--base-url", sim.baseUrl().toString(), "--concurrency", "1");
      assertThat(g.code()).as(g.out() + g.err()).isZero();
    }
    Path export = tmp.resolve("export");
    assertThat(CliTest.run("export", run.toString(), "--out", export.toString()).code()).isZero();
    data = export.resolve("data.jsonl");
    for (String line : Files.readAllLines(data)) {
      JsonNode s = CliTest.parse(line);
      ids.add(s.get("id").asText());
      // an off-label text was written without the subtopic its prompt asked for
      if (!s.get("text").asText().contains(s.get("attributes").get("subtopic").asText())) {
        off.add(s.get("id").asText());
      }
    }
    assertThat(off.size()).as("the fault fired").isBetween(4, 25);
  }

  /** A fresh copy of the generated run, judged by nobody yet. */
  private static Path copyOfRun(String name) throws IOException {
    Path copy = tmp.resolve(name);
    CheckLlmWithSimulatorTest.copyTree(run, copy);
    return copy;
  }

  /** Runs {@code check} with its response cache (and, for JSONL, batch state) under {@code cacheHome}. */
  static CliTest.Result check(Path cacheHome, BatchJobs.FileLimits limits, String... args) {
    CheckCommand command = new CheckCommand();
    command.env = Map.of("OPENAI_API_KEY", "k", "XDG_CACHE_HOME", cacheHome.toString());
    command.batchLimits = limits;
    return CliTest.execute(command, args);
  }

  static CliTest.Result check(Path cacheHome, String... args) {
    return check(cacheHome, BatchJobs.FileLimits.OPENAI, args);
  }

  private static String[] batchArgs(Path target, Simulator sim, String... more) {
    List<String> a = new ArrayList<>(List.of(target.toString(), "--judge", "llm", "--batch", "--poll-seconds", "1",
        "--base-url", sim.baseUrl().toString(), "--json"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static Set<String> flaggedIds(JsonNode j) {
    Set<String> flagged = new HashSet<>();
    for (JsonNode f : j.get("flagged")) {
      flagged.add(f.has("id") ? f.get("id").asText() : ids.get(f.get("index").asInt()));
    }
    return flagged;
  }

  /** The simulator's batches, newest first: id to the number of requests it held. */
  private static Map<String, Integer> batches(Simulator sim) throws Exception {
    Map<String, Integer> out = new LinkedHashMap<>();
    BatchFilesTest.batches(sim).forEach(b -> out.put(b.get("id").asText(), b.at("/request_counts/total").asInt()));
    return out;
  }

  @Test
  void aRunIsJudgedInOneBatchAtTheBatchPriceFlaggingWhatTheOnlineJudgeFlagsAndASecondCheckPaysNothing() throws Exception {
    Path batched = copyOfRun("batched");
    Path online = copyOfRun("online");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(300).build())) {
      CliTest.Result r = check(tmp.resolve("cache-a"), batchArgs(batched, sim));
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode j = CliTest.parse(r.out());
      Map<String, Integer> bought = batches(sim);
      assertThat(bought).hasSize(1).containsValue(100);
      assertThat(j.get("batches")).hasSize(1);
      assertThat(j.get("batches").get(0).asText()).isEqualTo(bought.keySet().iterator().next());
      // a few calls to the files and batches endpoints, not one per question
      assertThat(sim.stats().requests()).as("nothing asked online").isLessThan(20);
      assertThat(j.get("requests").asInt()).isEqualTo(100);
      assertThat(j.get("from_run").asInt()).isZero();
      assertThat(flaggedIds(j)).isEqualTo(off);

      CliTest.Result o = check(tmp.resolve("cache-b"), online.toString(), "--judge", "llm", "--base-url",
          sim.baseUrl().toString(), "--json");
      assertThat(o.code()).as(o.err()).isZero();
      JsonNode k = CliTest.parse(o.out());
      assertThat(j.get("flagged")).isEqualTo(k.get("flagged"));
      assertThat(j.get("off_label_rate")).isEqualTo(k.get("off_label_rate"));
      assertThat(j.get("input_tokens")).isEqualTo(k.get("input_tokens"));
      // the same tokens at half the price
      assertThat(j.get("batch_usd").asDouble()).isPositive().isEqualTo(j.get("usd").asDouble())
          .isCloseTo(k.get("usd").asDouble() / 2, org.assertj.core.data.Offset.offset(2e-6));
      try (RunStore store = RunStore.openExisting(batched)) {
        assertThat(store.judgements(JUDGE)).hasSize(100);
        assertThat(store.judgeUsage().usd()).isCloseTo(j.get("usd").asDouble(), org.assertj.core.data.Offset.offset(2e-6));
        assertThat(store.meta("judge_batches:" + JUDGE).orElseThrow()).contains("\"in_flight\":[]");
      }

      CliTest.Result again = check(tmp.resolve("cache-a"), batchArgs(batched, sim));
      assertThat(again.code()).as(again.err()).isZero();
      JsonNode a = CliTest.parse(again.out());
      assertThat(a.get("requests").asInt()).isZero();
      assertThat(a.get("from_run").asInt()).isEqualTo(100);
      assertThat(a.get("usd").asDouble()).isZero();
      assertThat(a.get("batches")).isEmpty();
      assertThat(a.get("flagged")).isEqualTo(j.get("flagged"));
      assertThat(batches(sim)).isEqualTo(bought);

      CliTest.Result text = check(tmp.resolve("cache-a"), batched.toString(), "--judge", "llm", "--batch",
          "--base-url", sim.baseUrl().toString());
      assertThat(text.out()).contains("100 answers taken from the run").contains("Batch API: nothing was sent");
    }
  }

  @Test
  void aJsonlFileIsSplitAcrossBatchesByTheFileLimitAndASecondCheckAnswersFromTheCache() throws Exception {
    Path cache = tmp.resolve("cache-jsonl");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(200).build())) {
      CliTest.Result r = check(cache, new BatchJobs.FileLimits(30, 10_000_000),
          batchArgs(data, sim, "--task", task.toString()));
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode j = CliTest.parse(r.out());
      Map<String, Integer> bought = batches(sim);
      assertThat(bought.values()).containsExactlyInAnyOrder(30, 30, 30, 10);
      assertThat(j.get("batches")).hasSize(4);
      assertThat(r.err()).containsOnlyOnce("with 10 questions");
      assertThat(flaggedIds(j)).isEqualTo(off);
      assertThat(j.get("usd").asDouble()).isPositive();

      CliTest.Result online = check(tmp.resolve("cache-jsonl-online"), data.toString(), "--judge", "llm", "--task",
          task.toString(), "--base-url", sim.baseUrl().toString(), "--json");
      assertThat(online.code()).as(online.err()).isZero();
      assertThat(j.get("flagged")).isEqualTo(CliTest.parse(online.out()).get("flagged"));

      CliTest.Result again = check(cache, batchArgs(data, sim, "--task", task.toString()));
      assertThat(again.code()).as(again.err()).isZero();
      JsonNode a = CliTest.parse(again.out());
      assertThat(a.get("cached").asInt()).isEqualTo(100);
      assertThat(a.get("usd").asDouble()).isZero();
      assertThat(a.get("batches")).isEmpty();
      assertThat(a.get("flagged")).isEqualTo(j.get("flagged"));
      assertThat(batches(sim)).isEqualTo(bought);
    }
  }

  @Test
  void aCheckStoppedWhileItsBatchRunsPollsThatBatchWhenRunAgainInsteadOfBuyingAnother() throws Exception {
    Path target = copyOfRun("interrupted");
    Path cache = tmp.resolve("cache-interrupted");
    for (Path d : List.of(target, data)) {
      String[] extra = d.equals(data) ? new String[] {"--task", task.toString()} : new String[0];
      try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(4000).build())) {
        AtomicReference<CliTest.Result> first = new AtomicReference<>();
        Thread t = checkInBackground(sim, first, cache, batchArgs(d, sim, extra));
        t.interrupt();
        t.join(30_000);
        CliTest.Result stopped = first.get();
        assertThat(stopped.code()).as(stopped.out() + stopped.err()).isEqualTo(1);
        assertThat(stopped.err()).contains("run the same command again");
        Map<String, Integer> bought = batches(sim);
        assertThat(bought).hasSize(1);
        String id = bought.keySet().iterator().next();

        CliTest.Result resumed = check(cache, batchArgs(d, sim, extra));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming batch " + id).doesNotContain("submitted batch");
        JsonNode j = CliTest.parse(resumed.out());
        assertThat(batches(sim)).as("nothing bought twice").isEqualTo(bought);
        assertThat(j.get("batches").get(0).asText()).isEqualTo(id);
        assertThat(j.get("requests").asInt()).isEqualTo(100);
        assertThat(flaggedIds(j)).isEqualTo(off);
      }
    }
  }

  @Test
  void aBudgetSendsOnlyTheQuestionsWhoseWorstCaseFitsAndTheNextCheckSendsOnlyTheRest() throws Exception {
    Path target = copyOfRun("budget");
    double budget = 0.0015;
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(200).build())) {
      CliTest.Result capped = check(tmp.resolve("cache-budget"), batchArgs(target, sim, "--budget-usd", "" + budget));
      assertThat(capped.code()).as(capped.out() + capped.err()).isEqualTo(1);
      Matcher m = Pattern.compile("(\\d+) questions were not sent: the batch could then cost more than the \\$0\\.0015 "
          + "left of the budget \\(the (\\d+) sent could cost up to \\$([0-9.]+) at the batch price\\)").matcher(capped.err());
      assertThat(m.find()).as(capped.err()).isTrue();
      int sent = Integer.parseInt(m.group(2));
      assertThat(Integer.parseInt(m.group(1)) + sent).isEqualTo(100);
      assertThat(sent).isBetween(5, 95);
      assertThat(Double.parseDouble(m.group(3))).isLessThanOrEqualTo(budget);
      assertThat(capped.err()).contains(100 - sent + " of 100 samples were not judged");
      assertThat(batches(sim)).hasSize(1).containsValue(sent);
      try (RunStore store = RunStore.openExisting(target)) {
        assertThat(store.judgements(JUDGE)).hasSize(sent);
        assertThat(store.judgeUsage().usd()).isPositive().isLessThanOrEqualTo(budget);
      }

      CliTest.Result rest = check(tmp.resolve("cache-budget"), batchArgs(target, sim));
      assertThat(rest.code()).as(rest.err()).isZero();
      JsonNode j = CliTest.parse(rest.out());
      assertThat(j.get("from_run").asInt()).isEqualTo(sent);
      assertThat(j.get("requests").asInt()).isEqualTo(100 - sent);
      assertThat(batches(sim)).hasSize(2).containsValue(100 - sent);
      assertThat(flaggedIds(j)).isEqualTo(off);
    }
  }

  @Test
  void errorLinesOfABatchAreReportedInOneLineAndTheirQuestionsStayUnjudgedUntilAskedAgain() throws Exception {
    Path target = copyOfRun("errors");
    int failed;
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(9).batchDelayMs(200).fault500(0.2).build())) {
      CliTest.Result r = check(tmp.resolve("cache-errors"), batchArgs(target, sim));
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
      Matcher m = Pattern.compile("\\[batch] batch \\S+: (\\d+) questions failed \\(HTTP 500 The server had an error[^)]*\\); "
          + "they stay unjudged").matcher(r.err());
      assertThat(m.find()).as(r.err()).isTrue();
      failed = Integer.parseInt(m.group(1));
      assertThat(m.find()).as("one line for the kind").isFalse();
      assertThat(failed).isBetween(5, 40);
      assertThat(r.err()).contains(failed + " of 100 samples were not judged");
      try (RunStore store = RunStore.openExisting(target)) {
        assertThat(store.judgements(JUDGE)).hasSize(100 - failed);
      }
    }
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(200).build())) {
      CliTest.Result r = check(tmp.resolve("cache-errors"), batchArgs(target, sim));
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode j = CliTest.parse(r.out());
      assertThat(j.get("requests").asInt()).isEqualTo(failed);
      assertThat(batches(sim)).hasSize(1).containsValue(failed);
      assertThat(flaggedIds(j)).isEqualTo(off);
    }
  }

  /** Starts {@code check} on another thread and returns once the simulator holds its batch. */
  private static Thread checkInBackground(Simulator sim, AtomicReference<CliTest.Result> result, Path cache,
      String... args) throws Exception {
    Thread t = new Thread(() -> result.set(check(cache, args)));
    t.start();
    long deadline = System.currentTimeMillis() + 30_000;
    while (batches(sim).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(300); // the batch is noted before it is waited for
    return t;
  }

  @Test
  void aBatchCancelledWhileTheCheckWaitsLeavesItsQuestionsUnjudgedAndSaysSoInOneLine() throws Exception {
    Path target = copyOfRun("cancelled");
    Path cache = tmp.resolve("cache-cancelled");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(3000).build())) {
      AtomicReference<CliTest.Result> first = new AtomicReference<>();
      Thread t = checkInBackground(sim, first, cache, batchArgs(target, sim));
      String id = batches(sim).keySet().iterator().next();
      java.net.http.HttpResponse<String> cancel = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/batches/" + id + "/cancel"))
              .header("Authorization", "Bearer k").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
      t.join(30_000);
      CliTest.Result r = first.get();
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
      assertThat(r.err()).containsOnlyOnce("[batch] batch " + id + " ended as cancelled with 100 questions unanswered; "
          + "they stay unjudged").contains("100 of 100 samples were not judged");
      try (RunStore store = RunStore.openExisting(target)) {
        assertThat(store.judgements(JUDGE)).isEmpty();
        assertThat(store.meta("judge_batches:" + JUDGE).orElseThrow()).contains("\"in_flight\":[]");
      }

      CliTest.Result again = check(cache, batchArgs(target, sim));
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(batches(sim)).hasSize(2);
      assertThat(flaggedIds(CliTest.parse(again.out()))).isEqualTo(off);
    }
  }

  @Test
  void aBatchBoughtButNotNotedWhenTheCheckDiedIsFoundByItsSubmissionKeyInsteadOfBoughtAgain() throws Exception {
    Path cache = tmp.resolve("cache-lost");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(3000).build())) {
      AtomicReference<CliTest.Result> first = new AtomicReference<>();
      Thread t = checkInBackground(sim, first, cache, batchArgs(data, sim, "--task", task.toString()));
      t.interrupt();
      t.join(30_000);
      assertThat(first.get().code()).isEqualTo(1);
      String id = batches(sim).keySet().iterator().next();
      // the state a check leaves when it dies after the provider made its batch, before noting it
      Path state;
      try (var files = Files.list(cache.resolve("attrprompt").resolve("judge-batches"))) {
        state = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
      }
      JsonNode noted = CliTest.parse(Files.readString(state));
      assertThat(noted.at("/in_flight/0/batch").asText()).isEqualTo(id);
      Files.writeString(state, "{\"owner\":\"" + noted.get("owner").asText() + "\",\"noted\":0,\"in_flight\":[]}");

      CliTest.Result r = check(cache, batchArgs(data, sim, "--task", task.toString()));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("found batch " + id + ", submitted before the check stopped without noting it");
      assertThat(batches(sim)).as("nothing bought twice").hasSize(1);
      assertThat(flaggedIds(CliTest.parse(r.out()))).isEqualTo(off);
    }
  }

  /** The custom ids of every question each of the simulator's batches asks, by batch. */
  static Map<String, List<String>> asked(Simulator sim) throws Exception {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (JsonNode b : BatchFilesTest.batches(sim)) {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/files/"
              + b.get("input_file_id").asText() + "/content")).header("Authorization", "Bearer k").GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      List<String> ids = new ArrayList<>();
      for (String line : r.body().split("\n")) {
        if (!line.isBlank()) {
          ids.add(CliTest.parse(line).get("custom_id").asText());
        }
      }
      out.put(b.get("id").asText(), ids);
    }
    return out;
  }

  /** The state file of a JSONL check whose cache is under {@code cache}. */
  private static Path stateFile(Path cache) throws IOException {
    try (var files = Files.list(cache.resolve("attrprompt").resolve("judge-batches"))) {
      return files.filter(f -> f.getFileName().toString().matches("[0-9a-f]+\\.json")).findFirst().orElseThrow();
    }
  }

  @Test
  void aBudgetCappedCheckThatDiedBetweenBuyingItsLastFileAndNotingItFindsThatBatchAndBuysNoQuestionTwice()
      throws Exception {
    Path cache = tmp.resolve("cache-lost-budget");
    BatchJobs.FileLimits thirty = new BatchJobs.FileLimits(30, 200_000_000L);
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(6000).build())) {
      String[] args = batchArgs(data, sim, "--task", task.toString(), "--budget-usd", "0.0015");
      AtomicReference<CliTest.Result> first = new AtomicReference<>();
      String[] a = args;
      Thread t = new Thread(() -> first.set(check(cache, thirty, a)));
      t.start();
      // every file is bought before the first is waited for: wait until no new batch comes
      int seen = -1;
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        Thread.sleep(1000);
        int now = batches(sim).size();
        if (now >= 2 && now == seen) {
          break;
        }
        seen = now;
      }
      t.interrupt();
      t.join(30_000);
      assertThat(first.get().code()).isEqualTo(1);
      Map<String, List<String>> before = asked(sim);
      assertThat(before).as("the budget covers more than one file").hasSizeGreaterThanOrEqualTo(2);
      String last = before.keySet().iterator().next(); // newest first
      String key = BatchFilesTest.batches(sim).get(0).at("/metadata/attrprompt_submission").asText();
      assertThat(key).isNotEmpty();
      // the state a check leaves when it dies after the provider made its last batch, before noting it
      Path state = stateFile(cache);
      JsonNode noted = CliTest.parse(Files.readString(state));
      assertThat(noted.get("in_flight")).hasSize(before.size());
      var rewritten = (com.fasterxml.jackson.databind.node.ObjectNode) noted.deepCopy();
      var flights = (com.fasterxml.jackson.databind.node.ArrayNode) rewritten.get("in_flight");
      JsonNode lost = flights.get(flights.size() - 1);
      assertThat(lost.get("batch").asText()).isEqualTo(last);
      flights.remove(flights.size() - 1);
      rewritten.put("noted", noted.get("noted").asInt() - 1);
      rewritten.putObject("submitting").put("key", key).set("questions", lost.get("questions"));
      Files.writeString(state, rewritten.toString());

      CliTest.Result r = check(cache, thirty, args);
      Map<String, List<String>> after = asked(sim);
      assertThat(after.keySet()).containsAll(before.keySet());
      List<String> all = after.values().stream().flatMap(List::stream).toList();
      assertThat(all).as("no question bought twice").doesNotHaveDuplicates();
      assertThat(r.err()).contains("found batch " + last + ", submitted before the check stopped without noting it");
      assertThat(CliTest.parse(Files.readString(state)).get("in_flight")).isEmpty();
    }
  }

  /** What the ledger of a check of {@code d} (a run, or the JSONL file with its cache under {@code cache}) holds. */
  private static String ledger(Path d, Path cache) throws IOException {
    if (Files.isDirectory(d)) {
      try (RunStore store = RunStore.openExisting(d)) {
        return store.meta("judge_batches:" + JUDGE).orElse("");
      }
    }
    return Files.readString(stateFile(cache));
  }

  @Test
  void aSecondBatchCheckOfTheSameRunOrFileWhileAnotherProcessChecksItIsRefusedInOneLineAndChangesNothing()
      throws Exception {
    Path target = copyOfRun("twice");
    Path cache = tmp.resolve("cache-twice");
    for (Path d : List.of(target, data)) {
      String[] extra = d.equals(data) ? new String[] {"--task", task.toString()} : new String[0];
      try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(8000).build())) {
        String[] args = batchArgs(d, sim, extra);
        Process first = child(tmp.resolve("first-" + d.getFileName() + ".log"), cache, args);
        try {
          waitFor(() -> !batches(sim).isEmpty());
          Thread.sleep(500); // the batch is noted before it is waited for
          String before = ledger(d, cache);
          assertThat(before).contains(batches(sim).keySet().iterator().next());

          CliTest.Result second = check(cache, args);
          assertThat(second.code()).as(second.out() + second.err()).isEqualTo(2);
          assertThat(second.err().strip().lines()).hasSize(1);
          assertThat(second.err()).contains(d.toString()).contains("another check --batch")
              .contains("then run the check again");
          assertThat(second.out()).isEmpty();
          assertThat(batches(sim)).as("nothing bought").hasSize(1);
          assertThat(ledger(d, cache)).isEqualTo(before);
        } finally {
          first.destroyForcibly();
          first.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
      }
    }
  }

  @Test
  void anOnlineCheckAfterAStoppedBatchCheckWarnsInOneLineThatItsBatchesAreStillInFlight() throws Exception {
    Path target = copyOfRun("online-after-batch");
    Path cache = tmp.resolve("cache-online-after");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(4000).build())) {
      AtomicReference<CliTest.Result> first = new AtomicReference<>();
      Thread t = checkInBackground(sim, first, cache, batchArgs(target, sim));
      t.interrupt();
      t.join(30_000);
      assertThat(first.get().code()).isEqualTo(1);

      CliTest.Result online = check(cache, target.toString(), "--judge", "llm", "--base-url", sim.baseUrl().toString(),
          "--json");
      assertThat(online.code()).as(online.err()).isZero();
      assertThat(online.err()).containsOnlyOnce("warning: 1 batch of an earlier check --batch of this data may still "
          + "be in flight (already paid for); this online check asks their questions again: to collect them instead, "
          + "stop and run the same check with --batch");
    }
  }

  @Test
  void aBatchTheProviderDoesNotKnowIsOneLineSayingHowToGoOnAndForgetBatchesDropsIt() throws Exception {
    Path target = copyOfRun("unknown-batch");
    Path cache = tmp.resolve("cache-unknown");
    String lost;
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(4000).build())) {
      AtomicReference<CliTest.Result> first = new AtomicReference<>();
      Thread t = checkInBackground(sim, first, cache, batchArgs(target, sim));
      t.interrupt();
      t.join(30_000);
      assertThat(first.get().code()).isEqualTo(1);
      lost = batches(sim).keySet().iterator().next();
    }
    // another endpoint: the batch noted is not its own
    try (Simulator other = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(200).build())) {
      CliTest.Result stuck = check(cache, batchArgs(target, other));
      assertThat(stuck.code()).as(stuck.err()).isEqualTo(2);
      assertThat(stuck.err().strip().lines()).filteredOn(l -> !l.startsWith("[batch] resuming")).hasSize(1);
      assertThat(stuck.err()).contains("batch " + lost + ", bought by an earlier check of this data, is unknown to "
          + "the provider").contains("--forget-batches").doesNotContain("generate online");
      assertThat(batches(other)).isEmpty();

      CliTest.Result forgot = check(cache, batchArgs(target, other, "--forget-batches"));
      assertThat(forgot.code()).as(forgot.err()).isZero();
      assertThat(forgot.err()).contains("[batch] forgot " + lost + " (the money spent on them is lost)");
      assertThat(batches(other)).hasSize(1).containsValue(100);
      assertThat(flaggedIds(CliTest.parse(forgot.out()))).isEqualTo(off);
    }
  }

  /** {@code check ARGS} in a child JVM, its output going to {@code log}. */
  private static Process child(Path log, Path cacheHome, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "dev.attrprompt.cli.Main", "check"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("OPENAI_API_KEY", "k");
    pb.environment().put("XDG_CACHE_HOME", cacheHome.toString());
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> done) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!done.call() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(done.call()).as("in time").isTrue();
  }

  @Test
  void aCheckProcessStoppedBySigtermOrKilledWhileItsBatchRunsIsResumedWithoutBuyingAgain() throws Exception {
    Path target = copyOfRun("killed");
    Path cache = tmp.resolve("cache-killed");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).batchDelayMs(10_000).build())) {
      String[] args = batchArgs(target, sim);
      Path log1 = tmp.resolve("check-term.log");
      Process p1 = child(log1, cache, args);
      waitFor(() -> !batches(sim).isEmpty());
      Thread.sleep(500); // the batch is noted before it is waited for
      p1.destroy(); // SIGTERM
      assertThat(p1.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      String out1 = Files.readString(log1);
      assertThat(p1.exitValue()).as(out1).isEqualTo(143);
      assertThat(out1).contains("stopped by SIGTERM").contains("run the same command again");
      String id = batches(sim).keySet().iterator().next();

      Path log2 = tmp.resolve("check-kill.log");
      Process p2 = child(log2, cache, args);
      waitFor(() -> Files.readString(log2).contains("resuming batch " + id));
      p2.destroyForcibly(); // SIGKILL: nothing runs on the way out
      p2.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);

      CliTest.Result r = check(cache, args);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("resuming batch " + id);
      assertThat(batches(sim)).as("nothing bought twice").hasSize(1);
      assertThat(flaggedIds(CliTest.parse(r.out()))).isEqualTo(off);
    }
  }

  @Test
  void batchOptionsAreRefusedWhereTheyDoNothing() throws IOException {
    Path cache = tmp.resolve("cache-usage");
    CliTest.Result classifier = check(cache, data.toString(), "--batch");
    assertThat(classifier.code()).isEqualTo(2);
    assertThat(classifier.err()).contains("--batch is used by --judge llm only");
    CliTest.Result poll = check(cache, data.toString(), "--judge", "llm", "--model", "gpt-4o-mini", "--poll-seconds", "5");
    assertThat(poll.code()).isEqualTo(2);
    assertThat(poll.err()).contains("--poll-seconds is used with --batch only");
    for (String seconds : List.of("0", "-3")) {
      CliTest.Result never = check(cache, data.toString(), "--judge", "llm", "--model", "gpt-4o-mini", "--batch",
          "--poll-seconds", seconds);
      assertThat(never.code()).isEqualTo(2);
      assertThat(never.err().strip()).isEqualTo("error: --poll-seconds must be 1 or more, not " + seconds);
      Path out = tmp.resolve("never-run" + seconds);
      CliTest.Result generate = CliTest.run("generate", task.toString(), "--per-class", "2", "--out", out.toString(),
          "--batch", "--poll-seconds", seconds);
      assertThat(generate.code()).as(generate.err()).isEqualTo(2);
      assertThat(generate.err()).contains("--poll-seconds must be 1 or more, not " + seconds);
      assertThat(out).doesNotExist();
    }
    assertThat(Files.exists(cache)).isFalse();
  }
}
