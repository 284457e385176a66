package dev.attrprompt.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import dev.attrprompt.run.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLedgerTest {
  @TempDir Path tmp;

  /** What a check notes and crosses out, read back by the next process (a new ledger object). */
  private static void notesAndCrossesOut(BatchLedger first, BatchLedger later) {
    BatchLedger.State fresh = first.read();
    assertThat(fresh.inFlight()).isEmpty();
    assertThat(fresh.noted()).isZero();
    // the owner is written on the first read: every later read, in any process, sees the same one
    assertThat(later.read().owner()).isEqualTo(fresh.owner());
    first.write(first.read().with(new BatchLedger.Entry("batch_1", List.of("a#1", "b#2"))));
    first.write(first.read().with(new BatchLedger.Entry("batch_2", List.of("c#3"))));
    BatchLedger.State two = later.read();
    assertThat(two.noted()).isEqualTo(2);
    assertThat(two.inFlight()).containsExactly(new BatchLedger.Entry("batch_1", List.of("a#1", "b#2")),
        new BatchLedger.Entry("batch_2", List.of("c#3")));
    later.write(two.without("batch_1"));
    BatchLedger.State one = first.read();
    assertThat(one.inFlight()).extracting(BatchLedger.Entry::batchId).containsExactly("batch_2");
    assertThat(one.noted()).as("crossing out does not lower the count in submission keys").isEqualTo(2);
    assertThat(one.owner()).isEqualTo(fresh.owner());
  }

  @Test
  void aStateFileKeepsTheOwnerTheCountAndTheBatchesInFlightAcrossProcesses() {
    Path file = tmp.resolve("state").resolve("judge.json");
    notesAndCrossesOut(BatchLedger.inFile(file), BatchLedger.inFile(file));
    assertThat(file).exists();
    assertThat(file.resolveSibling(".judge.json.tmp")).doesNotExist();
  }

  @Test
  void aRunKeepsOneLedgerForEachJudge() {
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      notesAndCrossesOut(BatchLedger.inRun(store, "llm:m:q1"), BatchLedger.inRun(store, "llm:m:q1"));
      assertThat(BatchLedger.inRun(store, "llm:other:q1").read().inFlight()).isEmpty();
    }
  }

  @Test
  void aDamagedStateFileIsOneLineThatSaysWhatToDo() throws Exception {
    Path file = tmp.resolve("judge.json");
    Files.writeString(file, "{\"noted\": 1");
    assertThatThrownBy(() -> BatchLedger.inFile(file).read()).isInstanceOf(UserError.class)
        .hasMessageContaining(file.getFileName().toString()).hasMessageContaining("delete the file");
  }

  @Test
  void aDamagedLedgerInARunIsAUserErrorNamingTheRun() {
    Path dir = tmp.resolve("damaged-run");
    try (RunStore store = RunStore.open(dir)) {
      store.setMeta("judge_batches:llm:m:q1", "{\"noted\": 1");
      assertThatThrownBy(() -> BatchLedger.inRun(store, "llm:m:q1").read()).isInstanceOf(UserError.class)
          .hasMessageStartingWith(dir.toString()).hasMessageContaining("judge_batches:llm:m:q1");
    }
  }

  @Test
  void aBatchBeingBoughtIsKeptWithItsKeyAndQuestionsUntilItsIdIsNoted() {
    Path file = tmp.resolve("buying.json");
    BatchLedger ledger = BatchLedger.inFile(file);
    ledger.write(ledger.read().buying(new BatchLedger.Pending("key-1", List.of("a#1"))));
    assertThat(BatchLedger.inFile(file).read().submitting())
        .contains(new BatchLedger.Pending("key-1", List.of("a#1")));
    ledger.write(ledger.read().with(new BatchLedger.Entry("batch_1", List.of("a#1"))));
    assertThat(BatchLedger.inFile(file).read().submitting()).isEmpty();
    assertThat(BatchLedger.inFile(tmp.resolve("never.json")).existing()).isEmpty();
    assertThat(tmp.resolve("never.json")).as("looking writes nothing").doesNotExist();
  }
}
