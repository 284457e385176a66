package dev.attrprompt.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a run's samples by label, attribute value, verdict, reason and text, paged; one sample whole. */
class SampleQueryTest {
  @TempDir Path tmp;
  CuratedRuns.Made made;

  @BeforeEach
  void makeRun() throws IOException {
    made = CuratedRuns.make(tmp, 10, 6);
  }

  @Test
  void filtersSelectExactlyTheMatchingRows() {
    try (Run run = Run.open(made.dir())) {
      SampleQuery.Facets facets = run.sampleFacets();
      assertThat(facets.labels().keySet()).containsExactly("sci_tech", "sports", "world");
      assertThat(facets.values()).containsKeys("subtopic", "style", "length");
      assertThat(facets.reasons()).containsKey("refusal");
      long all = facets.verdicts().values().stream().mapToLong(Long::longValue).sum();
      assertThat(facets.verdicts()).containsEntry(SampleVerdict.ACCEPTED, 30L);

      SampleQuery.Page everything = run.samples(SampleQuery.Filter.all().page(500, 0));
      assertThat(everything.total()).isEqualTo(all).isEqualTo(everything.rows().size());
      assertThat(everything.rows()).extracting(SampleRow::id).isSorted();

      SampleQuery.Page sports = run.samples(SampleQuery.Filter.all().withLabel("sports").withVerdict(SampleVerdict.ACCEPTED));
      assertThat(sports.total()).isEqualTo(10);
      assertThat(sports.rows()).allSatisfy(r -> {
        assertThat(r.label()).isEqualTo("sports");
        assertThat(r.verdict()).isEqualTo(SampleVerdict.ACCEPTED);
        assertThat(r.text()).hasValueSatisfying(t -> assertThat(t).startsWith("Report "));
      });

      SampleQuery.Page doping = run.samples(SampleQuery.Filter.all().withAttribute("subtopic", "doping case"));
      assertThat(doping.total()).isPositive().isEqualTo(everything.rows().stream()
          .filter(r -> "doping case".equals(r.attributes().get("subtopic"))).count());
      SampleQuery.Page dopingInterview = run.samples(SampleQuery.Filter.all().withAttribute("subtopic", "doping case")
          .withAttribute("style", "interview"));
      assertThat(dopingInterview.rows()).allSatisfy(r -> assertThat(r.attributes())
          .containsEntry("subtopic", "doping case").containsEntry("style", "interview"));
      assertThat(dopingInterview.total()).isLessThan(doping.total());

      SampleQuery.Page refusals = run.samples(SampleQuery.Filter.all().withReason("refusal"));
      assertThat(refusals.total()).isEqualTo(facets.reasons().get("refusal"));
      assertThat(refusals.rows()).allSatisfy(r -> assertThat(r.verdict()).isEqualTo(SampleVerdict.REJECTED));

      SampleQuery.Page search = run.samples(SampleQuery.Filter.all().withSearch("MARS ROVER"));
      assertThat(search.total()).isPositive().isEqualTo(everything.rows().stream()
          .filter(r -> r.text().orElse("").toLowerCase().contains("mars rover")).count());
    }
  }

  @Test
  void pagesWalkTheRowsInIdOrder() {
    try (Run run = Run.open(made.dir())) {
      SampleQuery.Filter accepted = SampleQuery.Filter.all().withVerdict(SampleVerdict.ACCEPTED);
      SampleQuery.Page first = run.samples(accepted.page(7, 0));
      SampleQuery.Page second = run.samples(accepted.page(7, 7));
      SampleQuery.Page last = run.samples(accepted.page(7, 28));
      assertThat(first.total()).isEqualTo(30);
      assertThat(first.rows()).hasSize(7);
      assertThat(first.hasMore()).isTrue();
      assertThat(last.rows()).hasSize(2);
      assertThat(last.hasMore()).isFalse();
      assertThat(first.rows().get(6).id()).isLessThan(second.rows().get(0).id());
      assertThatThrownBy(() -> accepted.page(0, 0)).isInstanceOf(UserError.class);
      assertThatThrownBy(() -> accepted.page(501, 0)).isInstanceOf(UserError.class);
      assertThatThrownBy(() -> accepted.page(10, -1)).isInstanceOf(UserError.class);
    }
  }

  @Test
  void typedTextIsDataNotSql() {
    try (Run run = Run.open(made.dir())) {
      assertThat(run.samples(SampleQuery.Filter.all().withLabel("x' OR '1'='1")).total()).isZero();
      assertThat(run.samples(SampleQuery.Filter.all().withReason("refusal' OR 1=1 --")).total()).isZero();
      assertThat(run.samples(SampleQuery.Filter.all().withAttribute("subtopic') OR 1=1 --", "x")).total()).isZero();
      // LIKE wildcards are literal: no text holds a percent sign; only the sci_tech texts an underscore
      assertThat(run.samples(SampleQuery.Filter.all().withSearch("%")).total()).isZero();
      assertThat(run.samples(SampleQuery.Filter.all().withSearch("sci%tech")).total()).isZero();
      List<SampleRow> all = run.samples(SampleQuery.Filter.all().page(500, 0)).rows();
      long underscores = all.stream().filter(r -> r.text().orElse("").contains("_")).count();
      assertThat(underscores).isPositive().isLessThan(all.size());
      assertThat(run.samples(SampleQuery.Filter.all().withSearch("_")).total()).isEqualTo(underscores);
    }
  }

  @Test
  void aPersonsRejectionIsItsOwnVerdict() {
    try (Run run = Run.open(made.dir())) {
      String id = run.samples(SampleQuery.Filter.all().withVerdict(SampleVerdict.ACCEPTED)).rows().get(3).id();
      run.rejectByPerson(id, "too bland");
      SampleQuery.Page person = run.samples(SampleQuery.Filter.all().withVerdict(SampleVerdict.PERSON_REJECTED));
      assertThat(person.rows()).extracting(SampleRow::id).containsExactly(id);
      assertThat(person.rows().get(0).reason()).contains("person: too bland");
      assertThat(person.rows().get(0).text()).isPresent();
      assertThat(run.samples(SampleQuery.Filter.all().withVerdict(SampleVerdict.REJECTED)).rows())
          .extracting(SampleRow::id).doesNotContain(id);
      assertThat(run.samples(SampleQuery.Filter.all().withReason("person: too bland")).total()).isEqualTo(1);
      assertThat(run.sampleFacets().verdicts()).containsEntry(SampleVerdict.PERSON_REJECTED, 1L)
          .containsEntry(SampleVerdict.ACCEPTED, 29L);
    }
  }

  @Test
  void oneSampleWholeHasItsPromptAndRawAnswer() {
    try (Run run = Run.open(made.dir()); RunStore store = RunStore.openExisting(made.dir())) {
      SampleRow row = run.samples(SampleQuery.Filter.all().withReason("refusal")).rows().get(0);
      SampleDetail d = run.sample(row.id()).orElseThrow();
      StoredRequest planned = store.unanswered().isEmpty()
          ? store.answers().stream().map(StoredResponse::request).filter(r -> r.id().equals(row.id())).findFirst().orElseThrow()
          : null;
      assertThat(d.prompt()).isEqualTo(planned.prompt()).contains("news article");
      assertThat(d.seed()).isEqualTo(planned.seed());
      assertThat(d.answer()).hasValueSatisfying(a -> {
        assertThat(a.content()).isEqualTo("I'm sorry, but I can't help with that.");
        assertThat(a.model()).isEqualTo("fake");
        assertThat(a.completionTokens()).isEqualTo(20);
        assertThat(a.finishReason()).contains("stop");
      });
      assertThat(d.row().verdict()).isEqualTo(SampleVerdict.REJECTED);
      assertThat(d.toMap()).containsEntry("verdict", "rejected").containsEntry("reason", "refusal");
      assertThat(run.sample("no-such-id")).isEmpty();
      assertThat(run.sample("' OR 1=1 --")).isEmpty();
    }
  }

  @Test
  void verdictNamesParseAndABadOneListsThem() {
    assertThat(SampleVerdict.parse("Person-Rejected")).isEqualTo(SampleVerdict.PERSON_REJECTED);
    assertThat(List.of(SampleVerdict.values())).extracting(SampleVerdict::id)
        .containsExactly("accepted", "rejected", "person-rejected", "failed", "pending");
    assertThatThrownBy(() -> SampleVerdict.parse("good")).isInstanceOf(UserError.class)
        .hasMessage("a verdict is one of accepted, rejected, person-rejected, failed, pending, not 'good'");
    assertThat(new SampleQuery.Filter(Optional.of(" "), Map.of(), Optional.empty(), Optional.of(""),
        Optional.of("  "), 5, 0)).isEqualTo(new SampleQuery.Filter(Optional.empty(), Map.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), 5, 0));
  }
}
