package dev.attrprompt.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import dev.attrprompt.post.Screening;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person rejects and restores samples; screening replays, resumes, exports and the card honour it. */
class PersonVerdictTest {
  @TempDir Path tmp;

  private static String firstAccepted(Run run, String label) {
    return run.samples(SampleQuery.Filter.all().withLabel(label).withVerdict(SampleVerdict.ACCEPTED)).rows().get(0).id();
  }

  @Test
  void aRejectedSampleLeavesSamplesAndExportAndTheResumeBuysOnlyTheShortfall() throws IOException {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 6, 6);
    String id;
    try (Run run = Run.open(made.dir())) {
      id = firstAccepted(run, "sports");
      PersonVerdict v = run.rejectByPerson(id, "  reads like an advert ");
      assertThat(v.reason()).contains("reads like an advert");
      assertThat(v.who()).isEqualTo("person");
      RunStatus.Label sports = run.status().labels().get("sports");
      assertThat(sports.counts().accepted()).isEqualTo(5);
      assertThat(sports.rejectedByReason()).containsEntry("person: reads like an advert", 1);
      RunStatus.Counts t = run.status().totals();
      assertThat(t.accepted() + t.rejected() + t.failed() + t.pending()).isEqualTo(t.planned());
    }
    try (RunStore store = RunStore.openExisting(made.dir())) {
      assertThat(store.samples()).extracting(Sample::id).doesNotContain(id).hasSize(17);
    }

    CuratedRuns.Answers answers = new CuratedRuns.Answers();
    Generator.Result resumed = made.resume(answers);
    assertThat(resumed.complete()).isTrue();
    assertThat(answers.calls.get()).as("bought for the one rejected sample (refusals are every 5th)").isBetween(1, 2);
    assertThat(resumed.accepted()).containsEntry("sports", 6).containsEntry("world", 6);

    try (Run run = Run.open(made.dir())) {
      assertThat(run.sample(id).orElseThrow().row().verdict()).isEqualTo(SampleVerdict.PERSON_REJECTED);
      assertThat(run.sample(id).orElseThrow().row().reason()).contains("person: reads like an advert");
      run.export(tmp.resolve("export"), new Exporter.Options(Exporter.Format.JSONL, Map.of(), false));
    }
    List<String> lines = Files.readAllLines(tmp.resolve("export/data.jsonl"));
    assertThat(lines).hasSize(18).noneMatch(l -> l.contains("\"id\":\"" + id + "\""));
    String card = Files.readString(tmp.resolve("export/README.md"), StandardCharsets.UTF_8);
    assertThat(card).contains("| label | accepted | rejected | of them by a person |")
        .contains("## A person's verdicts").contains("1 samples rejected by a person")
        .contains("- reads like an advert: 1");
    assertThat(card.lines().filter(l -> l.startsWith("| sports |")).findFirst().orElseThrow()).endsWith(" | 1 |");

    // a second resume buys nothing, and a rescreen with other rules keeps the person's rejection
    CuratedRuns.Answers again = new CuratedRuns.Answers();
    assertThat(made.resume(again).complete()).isTrue();
    assertThat(again.calls.get()).isZero();
    try (RunStore store = RunStore.openExisting(made.dir())) {
      RunSpec looser = new RunSpec(made.spec().plan(), new Screening.Rules(3, 3000, 0.9), made.spec().maxRounds());
      new Generator(made.task(), looser, store).screen();
      assertThat(store.samples()).extracting(Sample::id).doesNotContain(id);
      assertThat(store.rejections().get("sports")).containsEntry("person: reads like an advert", 1);
    }
  }

  @Test
  void restoringAfterATopUpKeepsTheQuotaAndBuysNothing() throws IOException {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 6, 6);
    String id;
    try (Run run = Run.open(made.dir())) {
      id = firstAccepted(run, "world");
      run.rejectByPerson(id, "off topic");
    }
    made.resume(new CuratedRuns.Answers());
    String latest;
    try (Run run = Run.open(made.dir())) {
      List<SampleRow> world = run.samples(SampleQuery.Filter.all().withLabel("world")
          .withVerdict(SampleVerdict.ACCEPTED)).rows();
      latest = world.stream().max(java.util.Comparator.comparingInt(SampleRow::round)
          .thenComparing(SampleRow::id)).orElseThrow().id();
      assertThat(run.sample(latest).orElseThrow().row().round()).isGreaterThan(1);

      PersonVerdict restored = run.restore(id);
      assertThat(restored.kind()).isEqualTo(PersonVerdict.Kind.RESTORED);
      assertThat(run.sample(id).orElseThrow().row().verdict()).isEqualTo(SampleVerdict.ACCEPTED);
      assertThat(run.sample(latest).orElseThrow().row().reason()).contains("over_quota");
      assertThat(run.accepted()).containsEntry("world", 6);
      assertThat(run.personVerdicts()).extracting(PersonVerdict::kind)
          .containsExactly(PersonVerdict.Kind.REJECTED, PersonVerdict.Kind.RESTORED);
      assertThat(run.sample(id).orElseThrow().personVerdicts()).hasSize(2);
    }
    CuratedRuns.Answers again = new CuratedRuns.Answers();
    assertThat(made.resume(again).complete()).isTrue();
    assertThat(again.calls.get()).isZero();

    // rejecting it again: the answer over the quota takes its place; nothing is bought
    try (Run run = Run.open(made.dir())) {
      run.rejectByPerson(id, "off topic after all");
    }
    CuratedRuns.Answers third = new CuratedRuns.Answers();
    assertThat(made.resume(third).accepted()).containsEntry("world", 6);
    assertThat(third.calls.get()).isZero();
    try (Run run = Run.open(made.dir())) {
      assertThat(run.sample(latest).orElseThrow().row().verdict()).isEqualTo(SampleVerdict.ACCEPTED);
    }
  }

  @Test
  void curatingOftenDoesNotUseUpTheTopUpRounds() throws IOException {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 3, 1, new CuratedRuns.Answers(false));
    for (int i = 0; i < 4; i++) {
      try (Run run = Run.open(made.dir())) {
        run.rejectByPerson(firstAccepted(run, "sci_tech"), "curated " + i);
      }
      Generator.Result r = made.resume(new CuratedRuns.Answers(false));
      assertThat(r.complete()).as(r.message()).isTrue();
      assertThat(r.accepted()).containsEntry("sci_tech", 3);
    }
  }

  @Test
  void mistakesAreOneLineAndChangeNothing() throws IOException {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 6, 6);
    try (Run run = Run.open(made.dir())) {
      String accepted = firstAccepted(run, "world");
      String refused = run.samples(SampleQuery.Filter.all().withReason("refusal")).rows().get(0).id();
      RunStatus before = run.status();
      assertThatThrownBy(() -> run.rejectByPerson("world-999999", "x")).isInstanceOf(UserError.class)
          .hasMessageContaining("no sample 'world-999999' in this run");
      assertThatThrownBy(() -> run.rejectByPerson(refused, "x")).isInstanceOf(UserError.class)
          .hasMessageContaining("already rejected by screening (refusal)");
      assertThatThrownBy(() -> run.rejectByPerson(accepted, "  ")).isInstanceOf(UserError.class)
          .hasMessageContaining("give a reason");
      assertThatThrownBy(() -> run.rejectByPerson(accepted, "two\nlines")).isInstanceOf(UserError.class)
          .hasMessageContaining("one line");
      assertThatThrownBy(() -> run.rejectByPerson(accepted, "x".repeat(201))).isInstanceOf(UserError.class);
      assertThatThrownBy(() -> run.restore(accepted)).isInstanceOf(UserError.class)
          .hasMessageContaining("was not rejected by a person");
      assertThatThrownBy(() -> run.restore("nope")).isInstanceOf(UserError.class)
          .hasMessageContaining("no sample 'nope'");
      assertThat(run.status()).isEqualTo(before);
      assertThat(run.personVerdicts()).isEmpty();
    }
  }

  @Test
  void aScreeningPassThatRacedARejectionKeepsIt() throws IOException {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 4, 6);
    try (RunStore store = RunStore.openExisting(made.dir())) {
      String id = store.samples().get(0).id();
      String text = store.samples().get(0).text();
      PersonVerdicts.reject(store, id, "late");
      // verdicts computed before the rejection was stored, written after it
      store.writeVerdicts(List.of(new Verdict(id, true, null, text)));
      assertThat(store.samples()).extracting(Sample::id).doesNotContain(id);
      assertThat(store.rejections().values().stream().flatMap(m -> m.keySet().stream())).contains("person: late");
    }
  }

  @Test
  void aScreeningPassThatRacedARestoreDoesNotUndoIt() throws IOException {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 4, 6);
    try (RunStore store = RunStore.openExisting(made.dir())) {
      String id = store.samples().get(0).id();
      String text = store.samples().get(0).text();
      PersonVerdicts.reject(store, id, "late");
      // a pass that read the rejection, then the restore, then the pass's verdicts written
      PersonVerdicts.restore(store, id);
      store.writeVerdicts(List.of(new Verdict(id, false, PersonVerdict.REASON_PREFIX + "late", text)));
      assertThat(store.rejections().values().stream().flatMap(m -> m.keySet().stream())).doesNotContain("person: late");
      assertThat(store.unansweredIds()).doesNotContain(id); // its answer is kept: the next pass screens it again
      assertThat(store.requestRecords().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().status())
          .isEqualTo(RunStore.Status.ANSWERED);
    }
  }

  @Test
  void anOlderStoreWithoutThePersonTablesOpensAndTakesVerdicts() throws Exception {
    CuratedRuns.Made made = CuratedRuns.make(tmp, 3, 6);
    // make it look like a store written before a person's verdicts existed
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + made.dir().resolve(RunStore.FILE));
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE person_rejections");
      s.execute("DROP TABLE person_verdict_log");
      assertThat(s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'person%'").getInt(1)).isZero();
    }
    try (Run run = Run.open(made.dir())) {
      String id = firstAccepted(run, "world");
      run.rejectByPerson(id, "old store");
      assertThat(run.status().labels().get("world").rejectedByReason()).containsEntry("person: old store", 1);
    }
    assertThat(made.resume(new CuratedRuns.Answers()).accepted()).containsEntry("world", 3);
  }
}
