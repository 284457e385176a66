package dev.attrprompt.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DuplicateIndexTest {

  @Property(tries = 40)
  void minHashEstimatesJaccardWithinSamplingError(@ForAll @IntRange(min = 20, max = 200) int a,
      @ForAll @IntRange(min = 0, max = 200) int shared, @ForAll @IntRange(min = 20, max = 200) int b) {
    Set<String> x = new HashSet<>();
    Set<String> y = new HashSet<>();
    for (int i = 0; i < shared; i++) {
      x.add("s" + i);
      y.add("s" + i);
    }
    for (int i = 0; i < a; i++) {
      x.add("x" + i);
    }
    for (int i = 0; i < b; i++) {
      y.add("y" + i);
    }
    double exact = (double) shared / (shared + a + b);
    MinHash m = new MinHash(256, 3);
    double estimate = MinHash.similarity(m.signatureOf(x), m.signatureOf(y));
    // standard error of a 256-slot estimate is at most 0.031; allow four of them
    assertThat(estimate).isBetween(exact - 0.125, exact + 0.125);
  }

  @Example
  void exactRepeatsAfterNormalisationAndNearRepeatsAreFound() {
    DuplicateIndex index = new DuplicateIndex(0.7);
    String text = "The city council in Accra approved a new budget for public transport on Monday, "
        + "after a long debate about bus fares, road repairs and the timetable for the new rail line.";
    assertThat(index.add(text)).isEqualTo(DuplicateIndex.Match.NONE);
    assertThat(index.add(text.toUpperCase().replace(",", " ,"))).isEqualTo(DuplicateIndex.Match.EXACT);
    assertThat(index.add(text.replace("Monday", "Tuesday"))).isEqualTo(DuplicateIndex.Match.NEAR);
    assertThat(index.add("A striker from Lyon scored twice as the home side won the derby in the rain "
        + "before a record crowd, while the coach praised the young defenders.")).isEqualTo(DuplicateIndex.Match.NONE);
    assertThat(index.size()).isEqualTo(2);
  }

  @Example
  void nearDuplicateRemovalCanBeSwitchedOff() {
    DuplicateIndex index = new DuplicateIndex(1.01);
    String text = "one two three four five six seven eight nine ten eleven twelve";
    assertThat(index.add(text)).isEqualTo(DuplicateIndex.Match.NONE);
    assertThat(index.add(text.replace("twelve", "thirteen"))).isEqualTo(DuplicateIndex.Match.NONE);
    assertThat(index.add(text)).isEqualTo(DuplicateIndex.Match.EXACT);
  }

  @Example
  void screeningGivesEveryAnswerOneVerdictWithAReason() {
    Screening s = new Screening(new Screening.Rules(5, 40, 0.8));
    String good = "Our invoice for March lists the old company name and the wrong VAT number, please fix it.";
    assertThat(s.screen("Sure! Here is the message:\n" + good, false)).isEqualTo(new Screening.Verdict.Accepted(good));
    assertThat(s.screen(good, false)).isEqualTo(new Screening.Verdict.Rejected(Screening.Reason.DUPLICATE, good));
    assertThat(s.screen("I'm sorry, but I can't help with that.", false))
        .isInstanceOf(Screening.Verdict.Rejected.class).extracting(v -> ((Screening.Verdict.Rejected) v).reason())
        .isEqualTo(Screening.Reason.REFUSAL);
    assertThat(((Screening.Verdict.Rejected) s.screen("Too short here.", false)).reason()).isEqualTo(Screening.Reason.TOO_SHORT);
    assertThat(((Screening.Verdict.Rejected) s.screen("word ".repeat(41), false)).reason()).isEqualTo(Screening.Reason.TOO_LONG);
    assertThat(((Screening.Verdict.Rejected) s.screen("A complete but cut off answer that stops in the", true)).reason())
        .isEqualTo(Screening.Reason.TRUNCATED);
    assertThat(((Screening.Verdict.Rejected) s.screen("  \n ", false)).reason()).isEqualTo(Screening.Reason.EMPTY);
  }
}
