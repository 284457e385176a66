package dev.attrprompt.eval.metrics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Regional bias: which places the texts mention and how the mentions spread over the continents.
 * A place counts once per text however often the text names it; a city counts for its continent.
 *
 * @param textsWithPlace texts that mention at least one place
 * @param texts          texts looked at
 * @param continents     mentions per continent, every continent present
 * @param places         mentions per place, most mentioned first
 */
public record Regions(int textsWithPlace, int texts, Map<Continent, Long> continents, Map<String, Long> places) {

  /** The distinct places of each text (looked up in parallel), for {@link #of(List, int[])}. */
  public static List<List<Gazetteer.Place>> find(List<String> texts, Gazetteer gazetteer) {
    return IntStream.range(0, texts.size()).parallel()
        .mapToObj(i -> gazetteer.find(texts.get(i)).stream().distinct().toList()).toList();
  }

  public static Regions of(List<String> texts, int[] docs, Gazetteer gazetteer) {
    return of(find(texts, gazetteer), docs);
  }

  /** The regions of the texts {@code docs}, from the places {@link #find} found in each text. */
  public static Regions of(List<List<Gazetteer.Place>> placesPerText, int[] docs) {
    Map<Continent, Long> continents = new EnumMap<>(Continent.class);
    for (Continent c : Continent.values()) {
      continents.put(c, 0L);
    }
    Map<String, Long> places = new HashMap<>();
    int withPlace = 0;
    for (int d : docs) {
      List<Gazetteer.Place> found = placesPerText.get(d);
      if (!found.isEmpty()) {
        withPlace++;
      }
      for (Gazetteer.Place p : found) {
        continents.merge(p.continent().orElseThrow(), 1L, Long::sum);
        places.merge(p.name(), 1L, Long::sum);
      }
    }
    Map<String, Long> sorted = places.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    return new Regions(withPlace, docs.length, continents, sorted);
  }

  public long mentions() {
    return continents.values().stream().mapToLong(Long::longValue).sum();
  }

  private long[] counts() {
    return continents.values().stream().mapToLong(Long::longValue).toArray();
  }

  /** Share of mentions per continent (zeros when there are none). */
  public Map<Continent, Double> shares() {
    long total = mentions();
    Map<Continent, Double> out = new EnumMap<>(Continent.class);
    continents.forEach((c, n) -> out.put(c, total == 0 ? 0 : (double) n / total));
    return out;
  }

  /** Entropy of the continent distribution over its maximum ln 6: 1 is an even spread. */
  public double normalisedEntropy() {
    return Distribution.normalisedEntropy(counts());
  }

  /** KL divergence of the continent distribution from uniform, in nats (0 is an even spread). */
  public double klToUniform() {
    return Distribution.klToUniform(counts());
  }

  /** The {@code n} most mentioned places. */
  public Map<String, Long> top(int n) {
    return places.entrySet().stream().limit(n)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }
}
