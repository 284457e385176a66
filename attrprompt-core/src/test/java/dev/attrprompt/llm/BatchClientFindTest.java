package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.WorkFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Looking for a batch already bought: only a provider that says it cannot list batches counts as
 * "none found"; a listing that fails for a while is an error, never a reason to buy again.
 */
@Timeout(30)
class BatchClientFindTest {
  @AutoClose
  private final Scripted server = new Scripted();

  private BatchClient client() {
    Connection c = Connection.resolve(Map.of(), Optional.of(server.baseUrl()), Optional.of(Secret.of("k")), List.of(),
        Duration.ofSeconds(2), Duration.ofSeconds(5));
    return new BatchClient(HttpEdge.open(c, new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(50))));
  }

  @Test
  void aProviderThatCannotListBatchesHasNoneToFind() {
    server.enqueue(Scripted.error(404, "invalid_request_error", "", "Unknown request URL"),
        Scripted.error(405, "invalid_request_error", "", "Method not allowed"));
    assertThat(client().find(BatchJobs.SUBMISSION, "key")).isEmpty();
    assertThat(client().find(BatchJobs.SUBMISSION, "key")).isEmpty();
  }

  @Test
  void aListingThatKeepsFailingIsAnErrorThatSaysToRunAgainNotNoBatch() {
    for (int status : List.of(503, 429, 500)) {
      for (int i = 0; i < 3; i++) {
        server.enqueue(Scripted.error(status, "server_error", "", "try later"));
      }
      assertThatThrownBy(() -> client().find(BatchJobs.SUBMISSION, "key"))
          .isInstanceOf(WorkFailure.class)
          .hasMessageContaining("could not list the batches to look for one already bought")
          .hasMessageContaining("HTTP " + status)
          .hasMessageEndingWith("run the same command again")
          .hasMessageNotContaining("k\"");
    }
  }

  @Test
  void aBatchCarryingTheKeyIsFoundAfterARetriedBlip() {
    server.enqueue(Scripted.error(503, "server_error", "", "overloaded"), new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json").body("""
            {"data":[{"id":"batch_1","status":"in_progress","metadata":{"attrprompt_submission":"key"}}]}""").build());
    assertThat(client().find(BatchJobs.SUBMISSION, "key")).map(BatchClient.Batch::id).contains("batch_1");
  }
}
