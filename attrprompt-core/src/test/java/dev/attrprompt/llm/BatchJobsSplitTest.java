package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a batch's lines into input files the provider accepts, by requests and by bytes. */
class BatchJobsSplitTest {
  @Test
  void aFileEndsAtTheMostRequests() {
    List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7);
    assertThat(BatchJobs.split(items, i -> 10, new BatchJobs.FileLimits(3, 1_000)))
        .containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
  }

  @Test
  void aFileEndsBeforeTheLineThatWouldTakeItPastTheMostBytesNewlinesCounted() {
    // lines of 9 bytes + newline: two make 20 bytes, a third would make 30 > 25
    List<Integer> items = List.of(1, 2, 3, 4, 5);
    assertThat(BatchJobs.split(items, i -> 9, new BatchJobs.FileLimits(100, 25)))
        .containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    // exactly at the limit still fits
    assertThat(BatchJobs.split(items, i -> 9, new BatchJobs.FileLimits(100, 20)))
        .containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
  }

  @Test
  void aLineAboveTheByteLimitGetsAFileOfItsOwnAndNothingIsLost() {
    List<Integer> items = List.of(1, 2, 3);
    assertThat(BatchJobs.split(items, i -> i == 2 ? 500 : 5, new BatchJobs.FileLimits(100, 50)))
        .containsExactly(List.of(1), List.of(2), List.of(3));
    assertThat(BatchJobs.split(List.<Integer>of(), i -> 5, BatchJobs.FileLimits.OPENAI)).isEmpty();
  }
}
