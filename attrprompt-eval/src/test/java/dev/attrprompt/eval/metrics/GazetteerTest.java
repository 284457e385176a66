package dev.attrprompt.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GazetteerTest {
  private final Gazetteer g = Gazetteer.standard();

  private List<String> names(String text) {
    return g.find(text).stream().map(Gazetteer.Place::name).toList();
  }

  @Test
  void coversEveryCountry() {
    assertThat(g.countryCount()).isGreaterThanOrEqualTo(195);
  }

  @Test
  void longestNameWinsAndAbbreviationsAreRead() {
    assertThat(names("South Africa beat New Zealand in Cape Town; the U.S. and the UK watched."))
        .containsExactly("South Africa", "New Zealand", "Cape Town", "United States", "United Kingdom");
    assertThat(names("Papua New Guinea and Equatorial Guinea, not Guinea-Bissau"))
        .containsExactly("Papua New Guinea", "Equatorial Guinea", "Guinea-Bissau");
    assertThat(names("Iraq's oil, Brazilian coffee and Americans in São Paulo"))
        .containsExactly("Iraq", "Brazil", "United States", "Sao Paulo");
  }

  @Test
  void placesMapToTheirContinent() {
    assertThat(g.find("Tokyo").get(0)).isEqualTo(new Gazetteer.Place("Tokyo", Optional.of("Japan"), Optional.of(Continent.ASIA)));
    assertThat(g.find("Moscow").get(0).continent()).contains(Continent.EUROPE);
    assertThat(g.find("Istanbul").get(0).continent()).contains(Continent.ASIA);
    assertThat(g.find("Mexico City").get(0).continent()).contains(Continent.NORTH_AMERICA);
    assertThat(g.find("Lima").get(0).continent()).contains(Continent.SOUTH_AMERICA);
    assertThat(g.find("Nairobi").get(0).continent()).contains(Continent.AFRICA);
    assertThat(g.find("Fijian").get(0).continent()).contains(Continent.OCEANIA);
    assertThat(g.find("in Europe").get(0)).isEqualTo(new Gazetteer.Place("Europe", Optional.empty(), Optional.of(Continent.EUROPE)));
  }

  @Test
  void commonWordsMatchOnlyWithTheirCapitals() {
    assertThat(names("we ate turkey on fine china with polish on the table")).isEmpty();
    assertThat(names("Turkey and China met in Poland; Polish leaders")).containsExactly("Turkey", "China", "Poland", "Poland");
    assertThat(names("a trip to japan and france")).containsExactly("Japan", "France");
    assertThat(names("us and them")).isEmpty();
  }

  @Test
  void ambiguousNamesAreLeftOutOrConsumed() {
    assertThat(names("Michael Jordan played in Georgia")).isEmpty();
    assertThat(names("Latin America and New Mexico")).isEmpty();
    assertThat(names("Jordanian officials")).containsExactly("Jordan");
  }

  @Test
  void regionsCountEachPlaceOncePerText() {
    List<String> texts = List.of("Paris, Paris and France", "Kenya", "nothing here", "Brazil and Peru");
    Regions r = Regions.of(texts, new int[] {0, 1, 2, 3}, g);
    assertThat(r.textsWithPlace()).isEqualTo(3);
    assertThat(r.continents()).containsEntry(Continent.EUROPE, 2L).containsEntry(Continent.AFRICA, 1L)
        .containsEntry(Continent.SOUTH_AMERICA, 2L).containsEntry(Continent.ASIA, 0L);
    assertThat(r.mentions()).isEqualTo(5);
    assertThat(r.top(2)).containsExactly(java.util.Map.entry("Brazil", 1L), java.util.Map.entry("France", 1L));
    double h = -(0.4 * Math.log(0.4) * 2 + 0.2 * Math.log(0.2));
    assertThat(r.normalisedEntropy()).isCloseTo(h / Math.log(6), within(1e-12));
    assertThat(r.klToUniform()).isCloseTo(Math.log(6) - h, within(1e-12));
  }
}
