package dev.attrprompt.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.plan.PlannedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run opened only to read changes nothing in its folder, and reads a run another connection writes. */
class RunReadOnlyTest {
  @TempDir Path tmp;

  /** Every file of {@code dir} with its bytes' hash and modification time. */
  static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)) + " "
            + Files.getLastModifiedTime(p).toInstant());
      }
    }
    return out;
  }

  private static void dropNewerTables(Path dir) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(RunStore.FILE));
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE person_rejections");
      s.execute("DROP TABLE person_verdict_log");
      s.execute("DROP TABLE judgements");
    }
  }

  @Test
  void readingAnOlderStoreChangesNoFileAndAddsNoTable() throws Exception {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 3, 6);
    dropNewerTables(made.dir());
    Thread.sleep(20); // a write now would show in the modification time
    Map<String, String> before = files(made.dir());
    assertThat(before).containsKey(RunStore.FILE).doesNotContainKeys(RunStore.FILE + "-wal", RunStore.FILE + "-shm");

    try (Run run = Run.openReadOnly(made.dir())) {
      RunStatus status = run.status();
      assertThat(status.totals().accepted()).isEqualTo(9); // 3 labels × 3
      assertThat(run.personVerdicts()).isEmpty();
      assertThat(run.samples(SampleQuery.Filter.all()).total()).isEqualTo(status.totals().planned());
      assertThat(run.sampleFacets().verdicts()).containsKey(SampleVerdict.ACCEPTED);
      String id = run.samples(SampleQuery.Filter.all().withVerdict(SampleVerdict.ACCEPTED)).rows().get(0).id();
      assertThat(run.sample(id)).isPresent();
      assertThat(files(made.dir())).as("while it is open").isEqualTo(before);
      assertThatThrownBy(() -> run.rejectByPerson(id, "no")).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(run::plan).isInstanceOf(IllegalStateException.class);
    }
    try (RunStore store = RunStore.openReadOnly(made.dir())) {
      assertThat(store.samples()).hasSize(9);
      assertThat(store.judgements("llm:x")).isEmpty();
      assertThat(store.usage().responses()).isPositive();
    }
    assertThat(files(made.dir())).isEqualTo(before);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + made.dir().resolve(RunStore.FILE));
        Statement s = c.createStatement()) {
      assertThat(s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('person_rejections', "
          + "'person_verdict_log', 'judgements')").getInt(1)).as("no table was added").isZero();
    }
  }

  @Test
  void aStoreAnotherConnectionWritesIsReadWithWhatItCommitted() throws Exception {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 2, 6);
    try (RunStore writer = RunStore.open(made.dir())) {
      long planned = writer.requestIds().size();
      assertThat(Files.exists(made.dir().resolve(RunStore.FILE + "-wal"))).isTrue();
      try (Run reader = Run.openReadOnly(made.dir())) {
        assertThat(reader.status().totals().planned()).isEqualTo(planned);
        writer.plan(List.of(new PlannedRequest("world-900", "world", List.of("world"), 900, Map.of(), 1, "a prompt")), 9);
        // committed to the writer's log, not yet to the file: the reader sees it
        assertThat(reader.status().totals().planned()).isEqualTo(planned + 1);
        assertThat(reader.sample("world-900")).isPresent();
      }
    }
  }

  @Test
  void aReaderOpenedBeforeAWriterStartedSeesWhatTheWriterCheckpointed() throws Exception {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 2, 6);
    try (RunStore reader = RunStore.openReadOnly(made.dir())) {
      int planned = reader.requestIds().size();
      try (RunStore writer = RunStore.open(made.dir())) {
        writer.plan(List.of(new PlannedRequest("world-901", "world", List.of("world"), 901, Map.of(), 1, "a prompt")), 9);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + made.dir().resolve(RunStore.FILE));
            Statement s = c.createStatement()) {
          s.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // the file itself changes under the reader
        }
        assertThat(reader.requestIds()).hasSize(planned + 1).contains("world-901");
        writer.plan(List.of(new PlannedRequest("world-902", "world", List.of("world"), 902, Map.of(), 1, "a prompt")), 9);
        assertThat(reader.requestIds()).hasSize(planned + 2);
      }
    }
  }

  @Test
  void aWriterThatClosesBeforeTheFirstReadLeavesNoLogBehindTheReader() throws Exception {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 2, 6);
    Path wal = made.dir().resolve(RunStore.FILE + "-wal");
    Path shm = made.dir().resolve(RunStore.FILE + "-shm");
    RunStore writer = RunStore.open(made.dir());
    writer.plan(List.of(new PlannedRequest("world-903", "world", List.of("world"), 903, Map.of(), 1, "a prompt")), 9);
    int planned = writer.requestIds().size();
    assertThat(wal).exists();
    AtomicReference<Map<String, String>> afterWriter = new AtomicReference<>();
    // the writer closes after the reader saw its log and before the reader's first read
    ReadOnlyStore.beforeFirstRead = () -> {
      if (afterWriter.get() == null) {
        writer.close();
        try {
          afterWriter.set(files(made.dir()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    try (RunStore reader = RunStore.openReadOnly(made.dir())) {
      assertThat(afterWriter.get()).as("the writer closed in between").isNotNull()
          .doesNotContainKeys(RunStore.FILE + "-wal", RunStore.FILE + "-shm");
      assertThat(reader.requestIds()).hasSize(planned).contains("world-903");
      assertThat(wal).as("while the reader is open").doesNotExist();
      assertThat(shm).doesNotExist();
    } finally {
      ReadOnlyStore.beforeFirstRead = () -> {};
    }
    assertThat(files(made.dir())).isEqualTo(afterWriter.get());
    try (RunStore next = RunStore.openReadOnly(made.dir())) {
      assertThat(next.requestIds()).hasSize(planned);
    }
    assertThat(files(made.dir())).as("a later reader does not take the store for a live one")
        .isEqualTo(afterWriter.get());
  }

  @Test
  void aNewWritersLogMadeBeforeTheFirstReadIsLeftToIt() throws Exception {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 2, 6);
    Path wal = made.dir().resolve(RunStore.FILE + "-wal");
    RunStore first = RunStore.open(made.dir());
    int planned = first.requestIds().size();
    AtomicReference<RunStore> second = new AtomicReference<>();
    // the writer closes and another starts (a new, still empty log) before the reader's first read
    ReadOnlyStore.beforeFirstRead = () -> {
      if (second.get() == null) {
        first.close();
        second.set(RunStore.open(made.dir()));
      }
    };
    try (RunStore reader = RunStore.openReadOnly(made.dir())) {
      assertThat(second.get()).isNotNull();
      assertThat(wal).as("the new writer's log").exists();
      second.get().plan(List.of(new PlannedRequest("world-905", "world", List.of("world"), 905, Map.of(), 1,
          "a prompt")), 9);
      assertThat(reader.requestIds()).hasSize(planned + 1).contains("world-905");
    } finally {
      ReadOnlyStore.beforeFirstRead = () -> {};
      if (second.get() != null) {
        second.get().close();
      }
    }
    try (RunStore store = RunStore.openReadOnly(made.dir())) {
      assertThat(store.requestIds()).as("nothing the writer wrote was lost").contains("world-905");
    }
  }

  @Test
  void aWriterThatClosesWhileTheReaderIsOpenKeepsItsLogAndTheReaderSeesIt() throws Exception {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 2, 6);
    Path wal = made.dir().resolve(RunStore.FILE + "-wal");
    RunStore writer = RunStore.open(made.dir());
    int planned = writer.requestIds().size();
    try (RunStore reader = RunStore.openReadOnly(made.dir())) {
      writer.plan(List.of(new PlannedRequest("world-904", "world", List.of("world"), 904, Map.of(), 1, "a prompt")), 9);
      writer.close();
      assertThat(wal).as("the reader's lock keeps the writer's log").exists();
      assertThat(reader.requestIds()).hasSize(planned + 1).contains("world-904");
    }
  }

  @Test
  void tablesANewerWriterMakesWhileTheReaderIsOpenAreReadFromTheStore() throws Exception {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 3, 6);
    dropNewerTables(made.dir());
    // an older writer holds the store (its log is there), so the reader reads it live
    try (Connection older = DriverManager.getConnection("jdbc:sqlite:" + made.dir().resolve(RunStore.FILE));
        Statement s = older.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.executeQuery("SELECT COUNT(*) FROM requests").close();
      assertThat(made.dir().resolve(RunStore.FILE + "-wal")).exists();
      try (RunStore reader = RunStore.openReadOnly(made.dir())) {
        assertThat(PersonVerdicts.current(reader)).isEmpty();
        String id = reader.samples().get(0).id();
        try (RunStore newer = RunStore.open(made.dir())) { // makes the tables the older store lacks
          PersonVerdicts.reject(newer, id, "off topic");
        }
        assertThat(PersonVerdicts.current(reader)).as("read from the table the writer made").containsOnlyKeys(id);
        assertThat(PersonVerdicts.history(reader, java.util.Optional.empty())).hasSize(1);
        assertThat(reader.samples()).hasSize(8);
      }
    }
  }

  @Test
  void aWriterThatStartsAndClosesBetweenTwoReadsIsSeenByTheSecond() throws Exception {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 2, 6);
    Path file = made.dir().resolve(RunStore.FILE);
    try (RunStore reader = RunStore.openReadOnly(made.dir())) {
      int planned = reader.requestIds().size();
      long size = Files.size(file);
      try (RunStore writer = RunStore.open(made.dir())) {
        List<PlannedRequest> more = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
          more.add(new PlannedRequest("world-" + (910 + i), "world", List.of("world"), 910 + i, Map.of(), 1,
              "a prompt that takes some room in the file ".repeat(20)));
        }
        writer.plan(more, 9);
      }
      // the writer's close moved its log into the file and removed it: only the file tells
      assertThat(made.dir().resolve(RunStore.FILE + "-wal")).doesNotExist();
      assertThat(Files.size(file)).isGreaterThan(size);
      assertThat(reader.requestIds()).hasSize(planned + 40).contains("world-949");
    }
  }

  @Test
  void aFolderWithoutAStoreIsAUserErrorAndStaysEmpty() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty folder #1"));
    assertThatThrownBy(() -> Run.openReadOnly(empty)).isInstanceOf(dev.attrprompt.UserError.class)
        .hasMessageContaining("not a run folder");
    try (Stream<Path> s = Files.list(empty)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aFolderNameThatIsNotAPlainUriStillOpens() throws Exception {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 2, 6);
    Path odd = tmp.resolve("a run? #50% ok");
    Files.move(made.dir(), odd);
    Map<String, String> before = files(odd);
    try (Run run = Run.openReadOnly(odd)) {
      assertThat(run.status().totals().accepted()).isEqualTo(6);
    }
    assertThat(files(odd)).isEqualTo(before);
  }
}
