package dev.attrprompt.run;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.llm.BatchClient;
import dev.attrprompt.llm.BatchJobs;
import dev.attrprompt.task.Generation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Answers a run's requests through the OpenAI Batch API: writes them as input files in
 * RUN/batches, split by the provider's per-file limits ({@link BatchJobs.FileLimits}), uploads
 * each, creates one batch per file, polls them all, and ingests each one's output and error files
 * as it ends. The ids of the batches in flight are kept in the run store, each as soon as its
 * batch exists, so a run stopped while waiting polls the same batches when resumed instead of
 * buying them again. What the batches did not answer (errors, expiry) is submitted again, up to a
 * bounded number of rounds.
 *
 * <p>A run stopped after the provider created a batch but before its id was noted would lose
 * track of it: each batch carries a submission key ({@link BatchJobs}) made of the run's own
 * random id, how many batches it has noted, and the requests it asks, and a batch found under
 * that key is polled instead of bought again. A round notes how many files it cut before it
 * submits the first; a run stopped half-way through submitting them cuts the same files again
 * when resumed (nothing was ingested meanwhile) and submits only those not noted yet.
 */
public final class BatchAnswerer implements Answerer {
  /** The run-store key of the ids of the batches in flight, a JSON array. */
  public static final String IN_FLIGHT = "batches_in_flight";
  /** Where runs made before batches were split kept their one batch in flight; read, then dropped. */
  static final String LEGACY_IN_FLIGHT = "batch_in_flight";
  /** The run-store key of how many files the round being submitted was cut into. */
  static final String CUT = "batch_files_cut";
  /** The run-store key of the run's random id, part of every submission key. */
  static final String OWNER = "batch_owner";
  /** The run-store key of how many batches the run has noted, part of every submission key. */
  static final String NOTED = "batches_noted";

  /** Seconds between two polls of a batch in flight, unless set. */
  public static final int DEFAULT_POLL_SECONDS = 30;

  private final BatchClient client;
  private final BatchJobs jobs;
  private final Generation parameters;
  private final PriceTable prices;
  private final int maxBatches;
  private final BatchJobs.FileLimits limits;
  private final Consumer<String> log;

  public BatchAnswerer(BatchClient client, Generation parameters, PriceTable prices, Duration poll, int maxBatches,
      Consumer<String> log) {
    this(client, parameters, prices, poll, maxBatches, BatchJobs.FileLimits.OPENAI, log);
  }

  /**
   * @param maxBatches the most rounds (each one batch per input file) before giving up on
   *     requests the provider keeps failing
   * @param limits what one input file may hold
   */
  public BatchAnswerer(BatchClient client, Generation parameters, PriceTable prices, Duration poll, int maxBatches,
      BatchJobs.FileLimits limits, Consumer<String> log) {
    this.client = client;
    this.jobs = new BatchJobs(client, poll);
    this.parameters = parameters;
    this.prices = prices;
    this.maxBatches = maxBatches;
    this.limits = limits;
    this.log = log;
  }

  /** The ids of the batches {@code store} has in flight, oldest first; a run's old single id is read too. */
  public static List<String> inFlight(RunStore store) {
    Optional<String> json = store.meta(IN_FLIGHT);
    if (json.isPresent()) {
      return Jsons.readList(json.get());
    }
    return store.meta(LEGACY_IN_FLIGHT).map(List::of).orElse(List.of());
  }

  /** Notes {@code ids} as the batches in flight, with {@code more} run-store values in the same transaction. */
  private static void noteInFlight(RunStore store, List<String> ids, Map<String, String> more) {
    Map<String, String> values = new HashMap<>(more);
    values.put(IN_FLIGHT, Jsons.write(ids));
    store.inTransaction(() -> {
      store.setMeta(values);
      store.setMeta(LEGACY_IN_FLIGHT, null);
    });
  }

  @Override
  public End answer(List<StoredRequest> requests, RunStore store) {
    Set<String> wanted = new HashSet<>();
    requests.forEach(r -> wanted.add(r.id()));
    Path dir = store.dir().resolve("batches");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw UserError.in(dir, "cannot create the batch folder: " + e.getMessage());
    }
    for (int n = 1; n <= maxBatches; n++) {
      List<String> flying = inFlight(store);
      if (flying.isEmpty() || store.meta(CUT).isPresent()) {
        if (flying.isEmpty() && store.unanswered().stream().noneMatch(r -> wanted.contains(r.id()))) {
          store.setMeta(CUT, null);
          return new End.Completed();
        }
        flying = submitRound(wanted, store, dir);
      } else {
        flying.forEach(id -> log.accept("resuming batch " + id + " submitted before"));
      }
      for (String batchId : flying) {
        BatchClient.Batch batch = jobs.await(batchId).orElse(null);
        if (batch == null) {
          return new End.Stopped(RunResult.Cause.BATCH_PENDING, "interrupted while " + (flying.size() == 1
              ? "batch " + batchId + " runs" : flying.size() + " batches run") + "; run the same command again to poll "
              + (flying.size() == 1 ? "it" : "them"));
        }
        read(batch, dir, store);
      }
    }
    long left = store.unanswered().stream().filter(r -> wanted.contains(r.id())).count();
    return left == 0 ? new End.Completed()
        : new End.Stopped(RunResult.Cause.BATCH_PENDING, left + " requests still unanswered after " + maxBatches + " batches; run the same command again");
  }

  /**
   * Cuts the open requests into files and buys one batch each (or finds the one a stopped run
   * bought), noting each id as soon as it exists; returns every batch of the round. A round
   * stopped half-way is finished: its first files are noted already and are not bought again.
   */
  private List<String> submitRound(Set<String> wanted, RunStore store, Path dir) {
    List<StoredRequest> open = store.unanswered().stream().filter(r -> wanted.contains(r.id())).toList();
    List<List<StoredRequest>> files = BatchJobs.split(open,
        r -> BatchFiles.lineText(r, parameters).getBytes(StandardCharsets.UTF_8).length, limits);
    List<String> flying = new ArrayList<>(inFlight(store));
    int cut = store.meta(CUT).map(Integer::parseInt).orElse(files.size());
    if (flying.isEmpty()) {
      store.setMeta(CUT, Integer.toString(files.size()));
      cut = files.size();
    } else {
      flying.forEach(id -> log.accept("resuming batch " + id + " submitted before"));
    }
    if (cut != files.size()) {
      log.accept("the open requests now make " + files.size() + " files, not the " + cut + " cut before; submitting the rest as they fall");
    }
    for (int i = flying.size(); i < files.size(); i++) {
      List<StoredRequest> file = files.get(i);
      int noted = store.meta(NOTED).map(Integer::parseInt).orElse(0);
      String submission = BatchJobs.submissionKey(owner(store), noted, file.stream().map(StoredRequest::id).toList());
      int part = i + 1;
      BatchJobs.Submitted submitted = jobs.submit(submission, () -> {
        Path input = dir.resolve(System.currentTimeMillis() + "-" + part + "-input.jsonl");
        BatchFiles.writeInput(file, parameters, input);
        return input;
      });
      log.accept(submitted.found() ? "found batch " + submitted.batchId() + ", submitted before the run stopped without noting it"
          : "submitted batch " + submitted.batchId() + " with " + file.size() + " requests"
              + (files.size() > 1 ? " (file " + part + " of " + files.size() + ")" : ""));
      flying.add(submitted.batchId());
      // noted together: the next submission's key differs even when it asks the same requests
      noteInFlight(store, flying, Map.of(NOTED, Integer.toString(noted + 1)));
    }
    store.setMeta(CUT, null);
    return List.copyOf(flying);
  }

  /** Saves and ingests an ended batch's output and error files, then drops it from the batches in flight. */
  private void read(BatchClient.Batch batch, Path dir, RunStore store) {
    String batchId = batch.id();
    for (String fileId : new String[] {batch.outputFileId().orElse(null), batch.errorFileId().orElse(null)}) {
      if (fileId != null) {
        Path file = dir.resolve(batchId + "-" + fileId + ".jsonl");
        try {
          Files.writeString(file, client.content(fileId), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw UserError.in(file, "cannot save the batch results: " + e.getMessage());
        }
        BatchFiles.Ingested in = BatchFiles.ingest(file, store, prices);
        log.accept("batch " + batchId + ": " + in.answered() + " answered, " + in.failed() + " failed");
      }
    }
    List<String> flying = new ArrayList<>(inFlight(store));
    flying.remove(batchId);
    noteInFlight(store, flying, Map.of());
    log.accept("batch " + batchId + " ended as " + batch.status());
  }

  /** The run's random id, made and kept the first time a batch is submitted. */
  private static String owner(RunStore store) {
    return store.meta(OWNER).orElseGet(() -> {
      String id = UUID.randomUUID().toString();
      store.setMeta(OWNER, id);
      return id;
    });
  }
}
