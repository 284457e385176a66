package dev.attrprompt.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.Hashing;
import dev.attrprompt.UserError;
import dev.attrprompt.cost.Price;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.cost.TokenCounter;
import dev.attrprompt.llm.BatchClient;
import dev.attrprompt.llm.BatchJobs;
import dev.attrprompt.llm.ChatRequest;
import dev.attrprompt.llm.ChatResponse;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.EndpointError;
import dev.attrprompt.llm.Message;
import dev.attrprompt.llm.Outcome;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Batch API way of {@link LabelAsker}: questions go out as Batch input files, priced at the
 * batch price. First the batches a stopped check left in its {@link BatchLedger} are polled and
 * read; then the questions none of them asked are bought as new batches, as many as fit under the
 * budget at their worst case, split into files the provider accepts, each noted in the ledger
 * before it is waited for. Every answer read is kept in the engine's response cache and handed to
 * the caller (who records it) before its batch leaves the ledger, so nothing read is lost and no
 * batch is bought twice.
 */
final class BatchAsking {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a pass did.
   *
   * @param batches     the batches whose answers it read, oldest first
   * @param problems    one line for each kind of question left unanswered
   * @param interrupted whether it stopped while a batch ran (that batch stays in the ledger)
   */
  record Pass(List<String> batches, List<String> problems, boolean interrupted) {}

  private final Engine engine;
  private final BatchLedger ledger;
  private final Path folder;
  private final LabelAsker.Batching setup;
  private final BatchJobs jobs;

  BatchAsking(Engine engine, BatchLedger ledger, Path folder, LabelAsker.Batching setup) {
    this.engine = engine;
    this.ledger = ledger;
    this.folder = folder;
    this.setup = setup;
    this.jobs = new BatchJobs(new BatchClient(engine.config()), setup.poll());
  }

  /** A question's id in a batch: its key and a digest of its prompt, so that a changed text is never matched. */
  static String customId(ChatRequest r) {
    return r.id() + "#" + Hashing.sha256(r.messages().getFirst().content()).substring(0, 16);
  }

  /**
   * Asks {@code open} (none of them answered yet) and hands every answer and failure to
   * {@code sink}, keyed as the requests are.
   */
  Pass ask(List<ChatRequest> open, Consumer<List<Outcome>> sink) {
    Map<String, ChatRequest> byCustom = new LinkedHashMap<>();
    open.forEach(r -> byCustom.put(customId(r), r));
    List<String> read = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    double spent = 0;
    for (BatchLedger.Entry e : ledger.read().inFlight()) {
      setup.log().accept("resuming batch " + e.batchId() + " submitted before (" + e.questions().size() + " questions)");
      Optional<BatchClient.Batch> b = awaitNoted(e.batchId());
      if (b.isEmpty()) {
        return interrupted(read, problems, e.batchId());
      }
      spent += read(b.get(), e, byCustom, sink, problems);
      covered.addAll(e.questions());
      read.add(e.batchId());
    }
    Optional<BatchLedger.Pending> pending = ledger.read().submitting();
    if (pending.isPresent()) {
      // the key noted before buying, not one worked out again: the budget left differs now
      Optional<BatchClient.Batch> made = jobs.client().find(BatchJobs.SUBMISSION, pending.get().key());
      if (made.isEmpty()) {
        ledger.write(ledger.read().bought());
      } else {
        BatchLedger.Entry e = new BatchLedger.Entry(made.get().id(), pending.get().questions());
        ledger.write(ledger.read().with(e));
        setup.log().accept("found batch " + e.batchId() + ", submitted before the check stopped without noting it");
        Optional<BatchClient.Batch> b = jobs.await(e.batchId());
        if (b.isEmpty()) {
          return interrupted(read, problems, e.batchId());
        }
        spent += read(b.get(), e, byCustom, sink, problems);
        covered.addAll(e.questions());
        read.add(e.batchId());
      }
    }
    List<ChatRequest> fresh = open.stream().filter(r -> !covered.contains(customId(r))).toList();
    List<ChatRequest> affordable = affordable(fresh, spent, problems);
    List<BatchLedger.Entry> bought = new ArrayList<>();
    for (List<String> file : files(affordable)) {
      bought.add(submit(file, byCustom));
    }
    for (BatchLedger.Entry e : bought) {
      Optional<BatchClient.Batch> b = jobs.await(e.batchId());
      if (b.isEmpty()) {
        return interrupted(read, problems, e.batchId());
      }
      read(b.get(), e, byCustom, sink, problems);
      read.add(e.batchId());
    }
    return new Pass(List.copyOf(read), List.copyOf(problems), false);
  }

  /**
   * Waits for a batch an earlier check noted; one the provider does not know (another key or base
   * URL) is a user error that says how to go on.
   */
  private Optional<BatchClient.Batch> awaitNoted(String batchId) {
    try {
      return jobs.await(batchId);
    } catch (EndpointError e) {
      if (e.status() != 404) {
        throw e;
      }
      throw new UserError("batch " + batchId + ", bought by an earlier check of this data, is unknown to the provider at "
          + engine.config().connection().publicEndpoint() + " (another API key or base URL?): run the check with the "
          + "key and base URL that bought it, or add --forget-batches to drop the batches in flight (the money spent "
          + "on them is lost)");
    }
  }

  private static Pass interrupted(List<String> read, List<String> problems, String batchId) {
    List<String> all = new ArrayList<>(problems);
    all.add("interrupted while batch " + batchId + " runs; run the same command again to poll it (nothing is bought twice)");
    return new Pass(List.copyOf(read), List.copyOf(all), true);
  }

  /**
   * The longest prefix of {@code fresh} whose worst case (every prompt's tokens with headroom and
   * a full answer, at the batch price) fits in what is left of the budget after {@code spent}.
   */
  private List<ChatRequest> affordable(List<ChatRequest> fresh, double spent, List<String> problems) {
    OptionalDouble cap = engine.config().budgetUsd();
    if (cap.isEmpty() || fresh.isEmpty()) {
      return fresh;
    }
    Optional<Price> price = engine.config().prices().find(engine.config().model());
    TokenCounter counter = TokenCounter.forModel(engine.config().model());
    double left = cap.getAsDouble() - spent;
    double worst = 0;
    int n = 0;
    for (ChatRequest r : fresh) {
      long prompt = counter.chat(r.messages().stream().map(Message::content).toList());
      double w = price.map(p -> p.usd(prompt + prompt / 20 + 8, r.maxTokens())).orElse(0.0)
          * (1 - PriceTable.BATCH_DISCOUNT);
      if (worst + w > left) {
        break;
      }
      worst += w;
      n++;
    }
    if (n < fresh.size()) {
      String line = String.format(Locale.ROOT, "%d questions were not sent: the batch could then cost more than the "
          + "$%.4f left of the budget (the %d sent could cost up to $%.4f at the batch price)",
          fresh.size() - n, Math.max(0, left), n, worst);
      setup.log().accept(line);
      problems.add(line);
    }
    return fresh.subList(0, n);
  }

  /** The custom ids of {@code requests}, split into files within the provider's limits. */
  private List<List<String>> files(List<ChatRequest> requests) {
    return BatchJobs.split(requests, r -> line(r).getBytes(StandardCharsets.UTF_8).length, setup.limits()).stream()
        .map(file -> file.stream().map(BatchAsking::customId).toList())
        .toList();
  }

  private String line(ChatRequest r) {
    return BatchClient.requestLine(customId(r), engine.config().model(), r);
  }

  /** Buys one batch of {@code ids} (or finds the one a stopped check bought) and notes it in the ledger. */
  private BatchLedger.Entry submit(List<String> ids, Map<String, ChatRequest> byCustom) {
    BatchLedger.State state = ledger.read();
    String key = BatchJobs.submissionKey(state.owner(), state.noted(), ids);
    ledger.write(state.buying(new BatchLedger.Pending(key, ids)));
    BatchJobs.Submitted s = jobs.submit(key, () -> writeInput(ids, byCustom));
    BatchLedger.Entry entry = new BatchLedger.Entry(s.batchId(), ids);
    ledger.write(ledger.read().with(entry));
    setup.log().accept(s.found()
        ? "found batch " + s.batchId() + ", submitted before the check stopped without noting it"
        : "submitted batch " + s.batchId() + " with " + ids.size() + " questions");
    return entry;
  }

  private Path writeInput(List<String> ids, Map<String, ChatRequest> byCustom) {
    return writeFile(folder, ids.stream().map(id -> line(byCustom.get(id))).toList());
  }

  /**
   * Writes a Batch input file of {@code lines} into {@code folder} under a name no other check
   * uses (the folder of JSONL checks is shared by all of them), through a temporary file of its
   * own, and returns it.
   */
  static Path writeFile(Path folder, List<String> lines) {
    Path input = folder.resolve("judge-" + UUID.randomUUID() + "-input.jsonl");
    try {
      Files.createDirectories(folder);
      Path tmp = Files.createTempFile(folder, ".judge-", ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (String line : lines) {
          w.write(line);
          w.write('\n');
        }
      }
      Files.move(tmp, input, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw UserError.in(input, "cannot write the batch file: " + e.getMessage());
    }
    return input;
  }

  /**
   * Reads an ended batch: its answers are cached and handed over, its error lines and the
   * questions it left without a line are handed over as failures (one problem line each kind);
   * then it leaves the ledger. Returns what its answers cost, those
   * of questions no longer asked included (they were paid all the same).
   */
  private double read(BatchClient.Batch batch, BatchLedger.Entry entry, Map<String, ChatRequest> byCustom,
      Consumer<List<Outcome>> sink, List<String> problems) {
    Optional<Price> price = engine.config().prices().find(engine.config().model());
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, Integer> failedBy = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    double usd = 0;
    double unused = 0;
    int answered = 0;
    for (Optional<String> fileId : List.of(batch.outputFileId(), batch.errorFileId())) {
      if (fileId.isEmpty()) {
        continue;
      }
      String content = save(batch.id(), fileId.get());
      for (String text : content.split("\n")) {
        if (text.isBlank()) {
          continue;
        }
        JsonNode line;
        try {
          line = JSON.readTree(text);
        } catch (IOException e) {
          failedBy.merge("a line of its results was not JSON", 1, Integer::sum);
          continue;
        }
        String id = line.path("custom_id").asText("");
        ChatRequest r = byCustom.get(id);
        JsonNode response = line.path("response");
        Optional<ChatResponse> answer = response.path("status_code").asInt(0) == 200
            ? BatchClient.answer(response.path("body")) : Optional.empty();
        if (r == null || !seen.add(id)) {
          // answered meanwhile, or no longer asked (the data changed): paid all the same
          unused += answer.map(a -> price.map(p -> p.usd(a.usage().promptTokens(), a.usage().completionTokens()))
              .orElse(0.0) * (1 - PriceTable.BATCH_DISCOUNT)).orElse(0.0);
          continue;
        }
        if (answer.isPresent()) {
          ChatResponse a = answer.get();
          engine.remember(r, a);
          double cost = price.map(p -> p.usd(a.usage().promptTokens(), a.usage().completionTokens())).orElse(0.0)
              * (1 - PriceTable.BATCH_DISCOUNT);
          usd += cost;
          answered++;
          outcomes.add(new Outcome.Completed(r.id(), a, cost, List.of()));
        } else {
          String why = why(line);
          failedBy.merge(why, 1, Integer::sum);
          outcomes.add(new Outcome.Failed(r.id(), Outcome.FailureKind.RETRIES_EXHAUSTED, "batch " + batch.id() + ": "
              + why, List.of()));
        }
      }
    }
    int missing = 0;
    for (String id : entry.questions()) {
      ChatRequest r = byCustom.get(id);
      if (r != null && !seen.contains(id)) {
        missing++;
        outcomes.add(new Outcome.Failed(r.id(), Outcome.FailureKind.RETRIES_EXHAUSTED, "batch " + batch.id()
            + " ended as " + batch.status() + " without answering it", List.of()));
      }
    }
    sink.accept(outcomes);
    ledger.write(ledger.read().without(batch.id()));
    setup.log().accept(String.format(Locale.ROOT, "batch %s ended as %s: %d answered ($%.4f at the batch price), %d "
        + "failed", batch.id(), batch.status(), answered, usd, outcomes.size() - answered));
    failedBy.forEach((why, n) -> problem(problems, String.format(Locale.ROOT,
        "batch %s: %d questions failed (%s); they stay unjudged", batch.id(), n, why)));
    if (missing > 0) {
      problem(problems, String.format(Locale.ROOT, "batch %s ended as %s with %d questions unanswered; they stay "
          + "unjudged", batch.id(), batch.status(), missing));
    }
    if (unused > 0) {
      setup.log().accept(String.format(Locale.ROOT, "batch %s also answered questions this check no longer asks "
          + "($%.4f, counted toward the budget)", batch.id(), unused));
    }
    return usd + unused;
  }

  private void problem(List<String> problems, String line) {
    setup.log().accept(line);
    problems.add(line);
  }

  /** Why a result line holds no answer, in a few words: the HTTP status and the provider's message. */
  private static String why(JsonNode line) {
    JsonNode error = line.path("error");
    String text;
    if (error.isObject()) {
      text = (error.path("code").asText("") + " " + error.path("message").asText("")).strip();
    } else {
      JsonNode r = line.path("response");
      int status = r.path("status_code").asInt(0);
      JsonNode e = r.path("body").path("error");
      text = status == 200 ? "an answer without choices[0].message"
          : ("HTTP " + status + " " + e.path("message").asText("")).strip();
    }
    // provider text, shown in a terminal: one short line without control characters
    text = text.replaceAll("\\p{Cntrl}", " ");
    return text.length() > 160 ? text.substring(0, 160) + "..." : text;
  }

  /** Downloads a result file, keeps a copy in the folder, and returns its text. */
  private String save(String batchId, String fileId) {
    String content = jobs.client().content(fileId);
    // ids come from the provider: never a path
    Path file = folder.resolve((batchId + "-" + fileId).replaceAll("[^A-Za-z0-9_-]", "_") + ".jsonl");
    try {
      Files.createDirectories(folder);
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw UserError.in(file, "cannot save the batch results: " + e.getMessage());
    }
    return content;
  }
}
