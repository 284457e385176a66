package dev.attrprompt.attributes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.From;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DescribedValuePropertiesTest {

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('-', '/', '\'').ofMinLength(1)
        .ofMaxLength(9).filter(w -> Character.isLetter(w.charAt(0)));
  }

  private static String capitalised(List<String> words) {
    String joined = String.join(" ", words);
    return Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
  }

  @Property
  void aShortNameFollowedByASentenceSplitsIntoNameAndGuidance(
      @ForAll @Size(min = 1, max = 6) List<@From("words") String> name,
      @ForAll @Size(min = 5, max = 40) List<@From("words") String> sentence) {
    String n = capitalised(name);
    String s = capitalised(sentence) + ".";
    DescribedValue v = DescribedValue.parse(n + ": " + s);
    assertThat(v.name()).isEqualTo(n);
    assertThat(v.guidance()).contains(s);
  }

  @Property
  void aValueWithoutColonAndSpaceStaysWhole(
      @ForAll @Size(min = 1, max = 30) List<@From("words") String> words) {
    String text = String.join(" ", words).replace(":", "");
    assertThat(DescribedValue.parse(text)).isEqualTo(new DescribedValue(text.strip(), Optional.empty()));
  }

  @Property
  void tooLongANameOrTooShortADescriptionKeepsTheValueWhole(
      @ForAll @Size(min = 7, max = 10) List<@From("words") String> longName,
      @ForAll @Size(min = 1, max = 4) List<@From("words") String> shortTail,
      @ForAll @IntRange(min = 0, max = 1) int which) {
    String text = which == 0
        ? capitalised(longName) + ": " + capitalised(longName) + "."
        : capitalised(List.of("name")) + ": " + capitalised(shortTail);
    assertThat(DescribedValue.parse(text).guidance()).isEmpty();
    assertThat(DescribedValue.parse(text).name()).isEqualTo(text);
  }

  @Example
  void theReleasesDescriptiveValuesAndTitlesThatOnlyLookLikeThem() {
    assertThat(DescribedValue.parse("Op-Eds: This style involves the expression of opinions."))
        .isEqualTo(new DescribedValue("Op-Eds",
            Optional.of("This style involves the expression of opinions.")));
    assertThat(DescribedValue.parse("Excellent: The highest level of satisfaction. Users love it."))
        .extracting(DescribedValue::name).isEqualTo("Excellent");
    assertThat(DescribedValue.parse("Informative/Educational: Create posts that aim to inform."))
        .extracting(DescribedValue::name).isEqualTo("Informative/Educational");
    for (String whole : List.of("Call of Duty: Modern Warfare",
        "Planetary Society website: planetary.org",
        "\"Call of Duty: Modern Warfare\"",
        "Unity compilation error: \"error CS0103: The name does not exist in the current context\"",
        "COVID-19: How to Manage Your Symptoms at Home - https://www.example.org/covid",
        "Comedy")) {
      assertThat(DescribedValue.parse(whole)).as(whole)
          .isEqualTo(new DescribedValue(whole, Optional.empty()));
    }
  }
}
