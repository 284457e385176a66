package dev.attrprompt.llm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Buying a batch at most once and waiting for it: what {@code generate --batch} and
 * {@code check --batch} share.
 *
 * <p>A caller notes a batch's id where it keeps its state once the batch exists, but a process
 * stopped between the provider creating the batch and that note would lose track of it. So each
 * batch carries a submission key in its metadata, a digest of who asks, how many batches that
 * asker has noted so far and what it asks; {@link #submit} first looks for that key among the
 * provider's latest batches and takes the batch it finds instead of buying it again. Counting the
 * noted batches makes the key of a second try at the same questions (after a batch whose lines all
 * failed) differ from the first.
 */
public final class BatchJobs {
  /** The metadata key that carries a batch's submission key. */
  public static final String SUBMISSION = "attrprompt_submission";

  /** What the provider accepts in one Batch input file. */
  public record FileLimits(int requests, long bytes) {
    /** OpenAI's: 50,000 requests and 200 MB per file. */
    public static final FileLimits OPENAI = new FileLimits(50_000, 200_000_000L);

    public FileLimits {
      if (requests < 1 || bytes < 1) {
        throw new IllegalArgumentException("a batch file must hold at least one request");
      }
    }
  }

  /** A batch to wait for; {@code found} when it was created before, by a process that stopped. */
  public record Submitted(String batchId, boolean found) {}

  private final BatchClient client;
  private final Duration poll;

  /** @param poll the time between two polls of a batch in flight */
  public BatchJobs(BatchClient client, Duration poll) {
    this.client = client;
    this.poll = poll;
  }

  public BatchClient client() {
    return client;
  }

  /**
   * The batch that carries {@code submissionKey}: found among the provider's latest batches, else
   * created from the input file {@code input} writes (only then is it written and uploaded).
   */
  public Submitted submit(String submissionKey, Supplier<Path> input) {
    Optional<BatchClient.Batch> lost = client.find(SUBMISSION, submissionKey);
    if (lost.isPresent()) {
      return new Submitted(lost.get().id(), true);
    }
    String fileId = client.upload(input.get());
    return new Submitted(client.create(fileId, Map.of(SUBMISSION, submissionKey)).id(), false);
  }

  /**
   * Polls batch {@code id} every poll interval until it ends (completed, failed, expired or
   * cancelled). Empty when the waiting thread is interrupted; its interrupt flag is then set again.
   */
  public Optional<BatchClient.Batch> await(String id) {
    while (true) {
      BatchClient.Batch b = client.get(id);
      if (b.ended()) {
        return Optional.of(b);
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  /**
   * {@code items} cut, in order, into input files within {@code limits}: a file ends before the
   * line that would take it past the most requests or bytes (a line's bytes as {@code lineBytes}
   * says, plus its newline). A single line above the byte limit still gets a file of its own; the
   * provider refuses it alone. Pure: the same items and limits give the same files.
   */
  public static <T> List<List<T>> split(List<T> items, ToLongFunction<T> lineBytes, FileLimits limits) {
    List<List<T>> files = new ArrayList<>();
    List<T> file = new ArrayList<>();
    long bytes = 0;
    for (T item : items) {
      long size = lineBytes.applyAsLong(item) + 1L;
      if (!file.isEmpty() && (file.size() >= limits.requests() || bytes + size > limits.bytes())) {
        files.add(List.copyOf(file));
        file = new ArrayList<>();
        bytes = 0;
      }
      file.add(item);
      bytes += size;
    }
    if (!file.isEmpty()) {
      files.add(List.copyOf(file));
    }
    return List.copyOf(files);
  }

  /**
   * A submission key: a digest of {@code owner} (a random id kept by the asker), {@code noted}
   * (how many batches the asker has noted) and the ids of what is asked, in sorted order.
   */
  public static String submissionKey(String owner, int noted, Collection<String> ids) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update((owner + "\n" + noted).getBytes(StandardCharsets.UTF_8));
    ids.stream().sorted().forEach(id -> {
      sha.update((byte) '\n');
      sha.update(id.getBytes(StandardCharsets.UTF_8));
    });
    return HexFormat.of().formatHex(sha.digest());
  }
}
