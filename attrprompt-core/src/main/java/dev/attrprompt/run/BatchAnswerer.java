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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Answers a run's requests through the OpenAI Batch API: writes them as an input file in
 * RUN/batches, uploads it, creates a batch, polls it, and ingests its output and error files. The
 * batch id is kept in the run store while the batch is in flight, so a run stopped while waiting
 * polls the same batch when resumed instead of buying it again. What the batch did not answer
 * (errors, expiry) is submitted again, up to a bounded number of batches.
 *
 * <p>A run stopped after the provider created a batch but before its id was noted would lose
 * track of it: each batch carries a submission key ({@link BatchJobs}) made of the run's own
 * random id, how many batches it has noted, and the requests it asks, and a batch found under
 * that key is polled instead of bought again.
 */
public final class BatchAnswerer implements Answerer {
  /** The run-store key of the id of the batch in flight. */
  public static final String IN_FLIGHT = "batch_in_flight";
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
  private final Consumer<String> log;

  public BatchAnswerer(BatchClient client, Generation parameters, PriceTable prices, Duration poll, int maxBatches,
      Consumer<String> log) {
    this.client = client;
    this.jobs = new BatchJobs(client, poll);
    this.parameters = parameters;
    this.prices = prices;
    this.maxBatches = maxBatches;
    this.log = log;
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
      String batchId = store.meta(IN_FLIGHT).orElse(null);
      if (batchId == null) {
        List<StoredRequest> open = store.unanswered().stream().filter(r -> wanted.contains(r.id())).toList();
        if (open.isEmpty()) {
          return new End.Completed();
        }
        int noted = store.meta(NOTED).map(Integer::parseInt).orElse(0);
        String submission = BatchJobs.submissionKey(owner(store), noted, open.stream().map(StoredRequest::id).toList());
        BatchJobs.Submitted submitted = jobs.submit(submission, () -> {
          Path input = dir.resolve(System.currentTimeMillis() + "-input.jsonl");
          BatchFiles.writeInput(open, parameters, input);
          return input;
        });
        batchId = submitted.batchId();
        log.accept(submitted.found() ? "found batch " + batchId + ", submitted before the run stopped without noting it"
            : "submitted batch " + batchId + " with " + open.size() + " requests");
        // noted together: the next submission's key differs even when it asks the same requests
        store.setMeta(Map.of(IN_FLIGHT, batchId, NOTED, Integer.toString(noted + 1)));
      } else {
        log.accept("resuming batch " + batchId + " submitted before");
      }
      BatchClient.Batch batch = jobs.await(batchId).orElse(null);
      if (batch == null) {
        return new End.Stopped(RunResult.Cause.BATCH_PENDING, "interrupted while batch " + batchId + " runs; run the same command again to poll it");
      }
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
      store.setMeta(IN_FLIGHT, null);
      log.accept("batch " + batchId + " ended as " + batch.status());
    }
    long left = store.unanswered().stream().filter(r -> wanted.contains(r.id())).count();
    return left == 0 ? new End.Completed()
        : new End.Stopped(RunResult.Cause.BATCH_PENDING, left + " requests still unanswered after " + maxBatches + " batches; run the same command again");
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
