package dev.attrprompt.task;

import dev.attrprompt.attributes.AttributeSet;
import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the AttrPrompt authors asked for each dataset of their release, so that an imported task's
 * prompts carry the same requirements in the same order: the kind of text, the label's role,
 * whether the similar-class clause was used, and for each dimension its place and wording. The
 * facts come from the authors' generation scripts; the wording is ours.
 *
 * @param domain the kind of text
 * @param source where such texts appear, if the prompts named it
 * @param phrases the dimensions' requirements, in the order the prompts stated them
 * @param displays label names shown otherwise than with spaces for underscores
 */
record ReleaseProfile(String domain, Optional<String> source, LabelRole role,
    boolean similarClause, List<Phrase> phrases, Map<String, String> displays) {

  /** A dimension's requirement: {@code dimension} stated as {@code phrase}. */
  record Phrase(String dimension, String phrase) {}

  private static final String LENGTH = "Length: {{value}}.";
  private static final String STYLE = "Writing style: {{value}}.";
  private static final String SUBTOPIC = "Focus on this subtopic: {{value}}.";

  /** For folders the profiles do not know: a topic task about "text", default wording. */
  static final ReleaseProfile GENERIC = new ReleaseProfile("text", Optional.empty(),
      LabelRole.TOPIC, true, List.of(), Map.of());

  private static final Map<String, ReleaseProfile> KNOWN = Map.of(
      "nyt", new ReleaseProfile("news article", Optional.of("The New York Times"), LabelRole.TOPIC,
          true, List.of(p("subtopics", SUBTOPIC), p("length", LENGTH), p("style", STYLE),
              p("location", "Location: {{value}}.")), Map.of()),
      "agnews", new ReleaseProfile("news article", Optional.empty(), LabelRole.TOPIC, false,
          List.of(p("subtopics", SUBTOPIC), p("length", LENGTH), p("style", STYLE),
              p("location", "Location: {{value}}.")), Map.of()),
      "amazon", new ReleaseProfile("Amazon review", Optional.empty(), LabelRole.CATEGORY, true,
          List.of(p("product_name", "The product: {{value}}."), p("brands", "Its brand: {{value}}."),
              p("length", LENGTH), p("experience", "Usage experience: {{value}}."),
              p("style", "Review style: {{value}}.")),
          Map.of("camera_photo", "camera & photo", "tools_hardware", "tools & hardware",
              "toys_games", "toys & games", "sports_outdoors", "sports & outdoors",
              "cell_phones_service", "cell phones & service")),
      "reddit", new ReleaseProfile("Reddit post", Optional.empty(), LabelRole.COMMUNITY, true,
          List.of(p("experience", "Focus on this experience: {{value}}."), p("length", LENGTH),
              p("style", STYLE), p("resource", "Mention this resource: {{value}}.")), Map.of()),
      "stackexchange", new ReleaseProfile("Stack Exchange question", Optional.empty(),
          LabelRole.TAG, true, List.of(p("scenario", "The asker's scenario: {{value}}."),
              p("length", LENGTH), p("depth", "The asker's technical depth: {{value}}."),
              p("style", STYLE)), Map.of()),
      "sst-2", sentiment("movie review", "genre", "The movie's genre: {{value}}."),
      "sst2", sentiment("movie review", "genre", "The movie's genre: {{value}}."),
      "yelp", sentiment("restaurant review", "cuisine", "The restaurant's cuisine: {{value}}."),
      // no similar-class clause: a sample carries every label of its subtopic
      "arxiv", new ReleaseProfile("arXiv paper abstract", Optional.empty(), LabelRole.TOPIC, false,
          List.of(p("subtopics", SUBTOPIC), p("technique", "Use this technique: {{value}}."),
              p("length", LENGTH), p("style", STYLE)), Map.of()));

  /** The profile of release folder {@code dataset} ("nyt", "sst-2", ...), or the generic one. */
  static ReleaseProfile of(String dataset) {
    return KNOWN.getOrDefault(dataset.toLowerCase(Locale.ROOT), GENERIC);
  }

  private static ReleaseProfile sentiment(String domain, String dimension, String phrase) {
    // the overall rating is stated first by the built-in templates, then these
    return new ReleaseProfile(domain, Optional.empty(), LabelRole.SENTIMENT, false,
        List.of(p(dimension, phrase), p("subtopics", SUBTOPIC), p("length", LENGTH),
            p("style", STYLE)), Map.of());
  }

  private static Phrase p(String dimension, String phrase) {
    return new Phrase(dimension, phrase);
  }

  /** The label as the profile shows it: its own display name, or the profile's. */
  Label display(Label label) {
    String shown = displays.get(label.name());
    return shown == null ? label : new Label(label.name(), shown, label.description());
  }

  /**
   * {@code attributes} with the profile's phrases and order: the profile's dimensions first, in
   * its order (10, 20, ...), any others after them as they were.
   */
  AttributeSet apply(AttributeSet attributes) {
    List<Dimension> out = new ArrayList<>();
    for (Dimension d : attributes.dimensions()) {
      int at = indexOf(d.name());
      out.add(at < 0 ? d : new Dimension(d.name(), d.scope(), d.kind(), d.description(),
          Optional.of(phrases.get(at).phrase()), d.catchAll(), d.enabled(), d.filtered(),
          d.assignsLabels(), 10 * (at + 1), d.values(), d.byLabel()));
    }
    return new AttributeSet(out, attributes.similar());
  }

  /**
   * {@code attributes} with label and dimension names inside values written with spaces, as the
   * authors' prompts showed them: the release's catch-all lines read "Others product_name for
   * outdoor_living.", which a prompt should send as "Others product name for outdoor living.".
   *
   * @param rewritten counts the values changed
   */
  static AttributeSet spaced(AttributeSet attributes, List<Label> labels, int[] rewritten) {
    List<String> joined = new ArrayList<>();
    labels.stream().map(Label::name).filter(n -> n.contains("_")).forEach(joined::add);
    attributes.dimensions().stream().map(Dimension::name).filter(n -> n.contains("_"))
        .forEach(joined::add);
    joined.sort(java.util.Comparator.comparingInt(String::length).reversed());
    java.util.function.UnaryOperator<List<Value>> fix = list -> list.stream().map(v -> {
      String text = v.text();
      for (String name : joined) {
        text = text.replaceAll("(?i)(?<![\\p{L}\\p{N}_])" + java.util.regex.Pattern.quote(name)
            + "(?![\\p{L}\\p{N}_])", java.util.regex.Matcher.quoteReplacement(name.replace('_', ' ')));
      }
      if (text.equals(v.text())) {
        return v;
      }
      rewritten[0]++;
      return new Value(text, v.weight(), v.provenance());
    }).toList();
    List<Dimension> out = new ArrayList<>();
    for (Dimension d : attributes.dimensions()) {
      Map<String, List<Value>> byLabel = new java.util.LinkedHashMap<>();
      d.byLabel().forEach((label, list) -> byLabel.put(label, fix.apply(list)));
      out.add(new Dimension(d.name(), d.scope(), d.kind(), d.description(), d.phrase(),
          d.catchAll(), d.enabled(), d.filtered(), d.assignsLabels(), d.order(),
          fix.apply(d.values()), byLabel));
    }
    return new AttributeSet(out, attributes.similar());
  }

  private int indexOf(String dimension) {
    for (int i = 0; i < phrases.size(); i++) {
      if (phrases.get(i).dimension().equals(dimension)) {
        return i;
      }
    }
    return -1;
  }
}
