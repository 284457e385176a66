package dev.attrprompt.attributes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class ListItemsPropertiesTest {

  @Provide
  Arbitrary<String> items() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '(', ')', ':', ',', '\'')
        .ofMinLength(1).ofMaxLength(30)
        .map(String::strip).filter(s -> !s.isEmpty() && Character.isLetter(s.charAt(0)));
  }

  @Provide
  Arbitrary<String> decorations() {
    return Arbitraries.of("", "- ", "* ", "• ", "1. ", "12) ", "3: ", "  - ", "1. - ");
  }

  @Property
  void decorationsAndQuotesAreStripped(@ForAll("items") String item, @ForAll("decorations") String prefix,
      @ForAll boolean quoted) {
    String line = prefix + (quoted ? "\"" + item + "\"" : item) + "  ";
    assertThat(ListItems.clean(line)).isEqualTo(item);
  }

  @Property
  void itemsKeepsFirstOccurrencesAndCountsWhatItDrops(@ForAll @Size(max = 30) List<@net.jqwik.api.From("items") String> raw) {
    List<String> lines = new ArrayList<>(raw);
    lines.add("");
    lines.add("   ");
    ListItems.Result result = ListItems.items(lines);
    assertThat(result.empty()).isEqualTo(2);
    assertThat(result.items().size() + result.repeated()).isEqualTo(raw.size());
    assertThat(result.items().stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().count())
        .isEqualTo(result.items().size());
    assertThat(raw).containsAll(result.items());
  }

  @Example
  void innerQuotesAndNumbersInsideValuesStay() {
    assertThat(ListItems.clean("\"Thriller\" by Michael Jackson (CD)")).isEqualTo("\"Thriller\" by Michael Jackson (CD)");
    assertThat(ListItems.clean("2.5D platform games")).isEqualTo("2.5D platform games");
    assertThat(ListItems.clean("10. Path planning algorithms for aerial robots.")).isEqualTo("Path planning algorithms for aerial robots.");
    assertThat(ListItems.clean("**Bold item**")).isEqualTo("Bold item");
  }
}
