package dev.attrprompt.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Reading judges' answers as real models word them. */
class LabelAnswerTest {
  private static final List<String> OPTIONS = List.of("World", "Sports", "Business", "Sci_Tech");

  private static LabelAnswer read(String answer) {
    return LabelAnswer.read(answer, OPTIONS);
  }

  @Test
  void bareQuotedMarkedUpAndCaseChangedLabelsAreRead() {
    for (String a : List.of("Sports", "sports", "SPORTS", "\"Sports\"", "'sports'.", "**Sports**", "`Sports`",
        "Sports.", "  Sports\n", "- Sports", "Answer: SPORTS", "Label: sports", "The text belongs to: Sports.",
        "I would say this is about sports.", "The best fit is \"Sports\".", "Sports, not Business",
        "It is not about business; it is sports.")) {
      assertThat(read(a)).as(a).isEqualTo(new LabelAnswer.Named("Sports"));
    }
  }

  @Test
  void underscoresSlashesAndSpacesInLabelsDoNotMatter() {
    for (String a : List.of("Sci_Tech", "sci tech", "Sci/Tech", "SCI-TECH", "The label is Sci Tech.")) {
      assertThat(read(a)).as(a).isEqualTo(new LabelAnswer.Named("Sci_Tech"));
    }
  }

  @Test
  void noneOfTheseInItsWordings() {
    for (String a : List.of("none of these", "None of these.", "\"none of these\"", "NONE", "None of the above",
        "The text fits none of these labels.", "Neither Sports nor Business: none of these.")) {
      assertThat(read(a)).as(a).isEqualTo(new LabelAnswer.NoneOfThese());
    }
  }

  @Test
  void answersThatNameNothingOrSeveralAreUnparseable() {
    for (String a : List.of("", "   ", "I'm sorry, but I can't help with that request.", "Politics",
        "Sports or Business", "Sports and World", "It could be Sports, or none of these.")) {
      assertThat(read(a)).as(a).isEqualTo(new LabelAnswer.Unparseable());
    }
  }

  @Test
  void aLongerLabelIsNotTakenForAShorterOneInsideIt() {
    List<String> options = List.of("tech", "sci tech");
    assertThat(LabelAnswer.read("Sci Tech", options)).isEqualTo(new LabelAnswer.Named("sci tech"));
    assertThat(LabelAnswer.read("It is about sci tech.", options)).isEqualTo(new LabelAnswer.Named("sci tech"));
    assertThat(LabelAnswer.read("tech", options)).isEqualTo(new LabelAnswer.Named("tech"));
  }

  @Property(tries = 300)
  void anyOptionInAnyCommonWrappingIsRead(@ForAll("options") String option, @ForAll("wrappings") String wrapping,
      @ForAll boolean upper) {
    String said = upper ? option.toUpperCase(java.util.Locale.ROOT) : option;
    assertThat(read(wrapping.formatted(said))).isEqualTo(new LabelAnswer.Named(option));
  }

  @Provide
  Arbitrary<String> options() {
    return Arbitraries.of(OPTIONS);
  }

  @Provide
  Arbitrary<String> wrappings() {
    return Arbitraries.of("%s", "\"%s\"", "%s.", "**%s**", "Answer: %s", "The text belongs to: %s.",
        "This news article is about %s.", "Label: \"%s\"", "> %s", "%s\n\nIt reports on a match.",
        "Category: %s (clearly)");
  }
}
