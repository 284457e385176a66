package dev.attrprompt.eval.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Countries (all UN members and observers, with common name variants and demonyms where they are
 * unambiguous) and about 150 major cities, mapped to continents; read from {@code gazetteer.tsv}
 * beside this class, which says how ambiguous names are handled. {@link #find} returns the places
 * a text mentions, longest name first ("South Africa" is not "Africa").
 */
public final class Gazetteer {
  /** A place: its name, its country (itself for a country; empty for a continent or region). */
  public record Place(String name, Optional<String> country, Optional<Continent> continent) {}

  private static final Pattern DOTTED = Pattern.compile("\\b(\\p{Lu})\\.(\\p{Lu})\\.(?:(\\p{Lu})\\.)?");
  private static final Gazetteer DEFAULT = load();

  private final Map<String, Place> anyCase;   // lower-cased name -> place
  private final Map<String, Place> exactCase; // name as written -> place
  private final Set<String> firstWords;       // lower-cased first word of every name
  private final int longest;
  private final int countries;

  private Gazetteer(Map<String, Place> anyCase, Map<String, Place> exactCase, Set<String> firstWords, int longest,
      int countries) {
    this.anyCase = anyCase;
    this.exactCase = exactCase;
    this.firstWords = firstWords;
    this.longest = longest;
    this.countries = countries;
  }

  public static Gazetteer standard() {
    return DEFAULT;
  }

  /** Countries listed (with Taiwan, Kosovo, Palestine, the Vatican, Puerto Rico, generic Congo and Korea). */
  public int countryCount() {
    return countries;
  }

  /** The places mentioned in {@code text}, in order, each mention once. */
  public List<Place> find(String text) {
    List<String> tokens = tokens(text);
    List<Place> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      int matched = 0;
      if (firstWords.contains(tokens.get(i).toLowerCase(Locale.ROOT))) {
        for (int len = Math.min(longest, tokens.size() - i); len >= 1 && matched == 0; len--) {
          String name = String.join(" ", tokens.subList(i, i + len));
          Place p = exactCase.get(name);
          if (p == null) {
            p = anyCase.get(name.toLowerCase(Locale.ROOT));
          }
          if (p != null) {
            if (p.continent().isPresent()) {
              out.add(p);
            }
            matched = len;
          }
        }
      }
      i += Math.max(1, matched);
    }
    return out;
  }

  /**
   * Whether {@code text} names the {@code requested} location as real text does, not only
   * verbatim: a requested country counts when the text names it, its people or adjective
   * ("Nigerian"), or one of its cities ("in Lagos", "Seoul's" for South Korea); a requested city
   * counts when the text names that city; a requested continent counts when the text names any
   * place on it. A value the gazetteer does not know counts only verbatim (ignoring case).
   */
  public boolean names(String text, String requested) {
    String value = requested.strip();
    if (value.isEmpty()) {
      return false;
    }
    if (text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT))) {
      return true;
    }
    List<Place> asked = find(value);
    if (asked.isEmpty()) {
      return false;
    }
    List<Place> found = find(text);
    for (Place a : asked) {
      for (Place f : found) {
        boolean country = a.country().isPresent() && a.country().get().equals(a.name());
        if (f.name().equals(a.name())
            || country && f.country().equals(a.country())
            || a.country().isEmpty() && a.continent().isPresent() && f.continent().equals(a.continent())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Words as the gazetteer sees them: letters and digits, "U.S." read as "US". */
  static List<String> tokens(String text) {
    String t = DOTTED.matcher(text).replaceAll("$1$2$3");
    List<String> out = new ArrayList<>();
    int n = t.length();
    int i = 0;
    while (i < n) {
      while (i < n && !wordChar(t.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && wordChar(t.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(t.substring(start, i));
      }
    }
    return out;
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  static Gazetteer load() {
    Map<String, Place> anyCase = new HashMap<>();
    Map<String, Place> exactCase = new HashMap<>();
    Set<String> first = new HashSet<>();
    Map<String, Boolean> countries = new LinkedHashMap<>();
    int longest = 1;
    try (InputStream in = Gazetteer.class.getResourceAsStream("gazetteer.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        if (cols.length != 4) {
          throw new IllegalStateException("gazetteer.tsv: bad line: " + line);
        }
        Optional<Continent> continent = cols[0].equals("--") ? Optional.empty() : Optional.of(Continent.ofCode(cols[0]));
        Optional<String> country = cols[2].equals("-") ? Optional.empty() : Optional.of(cols[2]);
        Place place = new Place(cols[1], country, continent);
        if (country.isPresent() && country.get().equals(cols[1])) {
          countries.put(cols[1], true);
        }
        for (String raw : cols[3].split(";")) {
          boolean exact = raw.startsWith("=");
          String form = exact ? raw.substring(1) : raw;
          List<String> variants = form.endsWith("+s")
              ? List.of(form.substring(0, form.length() - 2), form.substring(0, form.length() - 2) + "s")
              : List.of(form);
          for (String v : variants) {
            List<String> words = tokens(v);
            String key = String.join(" ", words);
            Place previous = exact ? exactCase.put(key, place) : anyCase.put(key.toLowerCase(Locale.ROOT), place);
            if (previous != null && !previous.equals(place)) {
              throw new IllegalStateException("gazetteer.tsv: '" + v + "' names both " + previous.name() + " and " + cols[1]);
            }
            first.add(words.get(0).toLowerCase(Locale.ROOT));
            longest = Math.max(longest, words.size());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Gazetteer(Map.copyOf(anyCase), Map.copyOf(exactCase), Set.copyOf(first), longest, countries.size());
  }
}
