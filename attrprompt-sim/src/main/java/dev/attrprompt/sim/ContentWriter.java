package dev.attrprompt.sim;

import dev.attrprompt.sim.PromptReading.Aspect;
import dev.attrprompt.sim.PromptReading.Requirement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulator's "model": a pure function from (messages, seed, choice index) to content. Same
 * inputs give the same characters on every machine; a different seed or index draws different
 * words from {@link Vocabulary}.
 *
 * <p>Texts say they are simulated ("This simulated news article ..."), mention the label and
 * every requirement value verbatim, and have a word count inside the requested range. Lists and
 * yes/no answers keep the bare format a parser expects; {@code model} and
 * {@code system_fingerprint} mark those as simulated.
 */
final class ContentWriter {
  static final String REFUSAL = "I'm sorry, but I can't help with that request.";
  /** Probability of "yes" (or "1"): filters should keep most values, as a real model would. */
  private static final double YES_RATE = 0.25;

  private ContentWriter() {}

  /** The content of choices 0..n-1; the prompt is read once for all of them. */
  static List<String> write(List<ChatRequest.Message> messages, long seed, int n) {
    return write(messages, seed, n, 0.0);
  }

  /**
   * As {@link #write(List, long, int)}; a prompt that asks which option a text belongs to is
   * answered by {@link Judging}, wrongly with probability {@code judgeError}.
   */
  static List<String> write(List<ChatRequest.Message> messages, long seed, int n, double judgeError) {
    String prompt = promptOf(messages);
    long base = Hashing.mix(hash(messages), seed);
    java.util.Optional<Judging.Question> question = Judging.read(prompt);
    List<String> out = new ArrayList<>(n);
    if (question.isPresent()) {
      for (int i = 0; i < n; i++) {
        out.add(Judging.answer(question.get(), judgeError, new SplittableRandom(Hashing.mix(base, i))));
      }
      return out;
    }
    PromptReading reading = PromptReading.read(prompt);
    for (int i = 0; i < n; i++) {
      out.add(write(reading, new SplittableRandom(Hashing.mix(base, i))));
    }
    return out;
  }

  /**
   * Texts about another label than the prompt's: one that the prompt quotes beside its own (the
   * similar class it warns against), else one of the labels that earlier prompts asked for (then
   * the choice depends on what came before). The other label's text has no subtopic (the prompt's
   * belongs to its own label) but keeps the other requirements. Prompts that are not for a
   * labelled text, or with no other label to be found, are answered as usual.
   */
  static List<String> writeOffLabel(List<ChatRequest.Message> messages, long seed, int n,
      java.util.Collection<String> labelsSeen, double judgeError) {
    String prompt = promptOf(messages);
    PromptReading reading = PromptReading.read(prompt);
    if (Judging.read(prompt).isPresent() || reading.intent() != PromptReading.Intent.TEXT
        || reading.label().isEmpty()) {
      return write(messages, seed, n, judgeError);
    }
    List<String> others = new ArrayList<>();
    for (String q : PromptReading.quoted(prompt)) {
      if (!q.equalsIgnoreCase(reading.label()) && !others.contains(q)) {
        others.add(q);
      }
    }
    if (others.isEmpty()) {
      labelsSeen.stream().filter(l -> !l.equalsIgnoreCase(reading.label())).sorted().forEach(others::add);
    }
    if (others.isEmpty()) {
      return write(messages, seed, n, judgeError);
    }
    long base = Hashing.mix(Hashing.mix(hash(messages), seed), 0x6f66666cL);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SplittableRandom rng = new SplittableRandom(Hashing.mix(base, i));
      String other = others.get(rng.nextInt(others.size()));
      out.add(write(reading.about(other), rng));
    }
    return out;
  }

  static String write(PromptReading r, SplittableRandom rng) {
    return switch (r.intent()) {
      case YES_NO -> yesNo(r, rng);
      case LIST -> list(r, rng);
      case TEXT -> text(r, rng);
    };
  }

  /** Instructions live in system messages and the last user turn; earlier turns are context. */
  static String promptOf(List<ChatRequest.Message> messages) {
    StringBuilder prompt = new StringBuilder();
    String lastUser = "";
    for (ChatRequest.Message m : messages) {
      switch (m.role()) {
        case "system", "developer" -> prompt.append(m.content()).append('\n');
        case "user" -> lastUser = m.content();
        default -> { }
      }
    }
    return prompt.append(lastUser).toString();
  }

  private static long hash(List<ChatRequest.Message> messages) {
    List<String> parts = new ArrayList<>(messages.size() * 2);
    for (ChatRequest.Message m : messages) {
      parts.add(m.role());
      parts.add(m.content());
    }
    return Hashing.of(parts);
  }

  private static String yesNo(PromptReading r, SplittableRandom rng) {
    boolean yes = rng.nextDouble() < YES_RATE;
    if (r.numeric()) {
      return yes ? "1" : "0";
    }
    return yes ? "yes" : "no";
  }

  private static String list(PromptReading r, SplittableRandom rng) {
    String subject = r.listSubject().toLowerCase(Locale.ROOT);
    List<String> pool = List.of();
    boolean verbatim = false;
    // "values for the dimension X" asks for values, not for dimension names
    boolean values = subject.matches("(?:\\S+\\s+){0,3}?(values|examples|instances|kinds"
        + "|types)\\b.*");
    if (!values && subject.matches(".*\\b(dimension|attribute|aspect|facet)s?\\b.*")) {
      pool = Vocabulary.DIMENSIONS;
    } else if (subject.contains("style")) {
      pool = Vocabulary.STYLES;
    } else if (subject.matches(".*\\b(location|countr|cit|region|place|setting).*")) {
      pool = Vocabulary.LOCATIONS;
    } else if (r.candidates().size() >= 2) {
      pool = r.candidates(); // "which of these labels ...": answer with their exact spelling
      verbatim = true;
    }
    int wanted = verbatim ? Math.min(r.count(), pool.size()) : r.count();
    Set<String> items = new LinkedHashSet<>();
    for (String pick : shuffled(pool, rng)) {
      if (items.size() == wanted) {
        break;
      }
      items.add(verbatim ? pick : capitalize(pick));
    }
    String focus = r.focus();
    for (int attempt = 0; items.size() < wanted; attempt++) {
      String item = capitalize(pick(Vocabulary.ADJECTIVES, rng) + " " + pick(Vocabulary.NOUNS, rng)
          + (focus.isEmpty() ? "" : " in " + focus));
      items.add(attempt < 1_000 ? item : item + " " + attempt); // vocabulary exhausted: number
    }
    StringBuilder out = new StringBuilder();
    int i = 1;
    for (String item : items) {
      out.append(i == 1 ? "" : "\n").append(i++).append(". ").append(item);
    }
    return out.toString();
  }

  private static String text(PromptReading r, SplittableRandom rng) {
    int target = r.minWords() + rng.nextInt(r.maxWords() - r.minWords() + 1);
    List<String> required = required(r, rng);
    int requiredWords = required.stream().mapToInt(ContentWriter::words).sum();
    if (requiredWords > target) {
      required = List.of(compact(r));
      requiredWords = words(required.getFirst());
    }
    List<String> sentences = fillers(r, rng, target - requiredWords);
    sentences.addFirst(required.getFirst());
    for (String s : required.subList(1, required.size())) {
      sentences.add(1 + rng.nextInt(sentences.size()), s);
    }
    StringBuilder out = new StringBuilder();
    int paragraphBreak = target >= 120 && sentences.size() >= 6 ? sentences.size() / 2 : -1;
    for (int i = 0; i < sentences.size(); i++) {
      if (i > 0) {
        out.append(i == paragraphBreak ? "\n\n" : " ");
      }
      out.append(sentences.get(i));
    }
    return out.toString();
  }

  /** The sentences that carry the label and every requirement value; the first opens. */
  private static List<String> required(PromptReading r, SplittableRandom rng) {
    List<String> out = new ArrayList<>();
    String domain = r.domain();
    String label = r.label();
    String subtopic = r.value(Aspect.SUBTOPIC);
    if (r.rated()) { // a review whose overall rating is the label
      out.add(pick(rng, "This simulated " + domain + " is " + label + " overall.",
          "In this simulated " + domain + ", the overall rating is " + label + ".")
          + (subtopic.isEmpty() ? "" : " It dwells on " + subtopic + "."));
    } else if (!label.isEmpty() && !subtopic.isEmpty()) {
      out.add(pick(rng, "This simulated " + domain + " about " + label + " focuses on "
          + subtopic + ".", "In this simulated " + domain + " about " + label + ", the focus is "
          + subtopic + ".", "A simulated " + domain + " on " + label + ", with a close look at "
          + subtopic + "."));
    } else if (!label.isEmpty()) {
      out.add(pick(rng, "This simulated " + domain + " is about " + label + ".",
          "In this simulated " + domain + ", the subject is " + label + "."));
    } else if (!subtopic.isEmpty()) {
      out.add("This simulated " + domain + " focuses on " + subtopic + ".");
    } else {
      out.add(pick(rng, "This is a simulated " + domain + ".", "A simulated " + domain
          + " follows."));
    }
    boolean subtopicSaid = false;
    for (Requirement q : r.requirements()) {
      String v = q.value();
      switch (q.aspect()) {
        case SUBTOPIC -> {
          if (subtopicSaid || !v.equals(subtopic)) {
            out.add("It also touches on " + v + ".");
          }
          subtopicSaid = true;
        }
        case STYLE -> out.add(pick(rng, "It is written in this style: " + v + ".",
            "The writing style is " + v + "."));
        case LOCATION -> out.add(pick(rng, "It is set in " + v + ".",
            "The setting is " + v + ".", "Much of it takes place in " + v + "."));
        case OTHER -> out.add(pick(rng, other(q.key(), v), q.key() + ": " + v + "."));
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern IMPERATIVE = java.util.regex.Pattern.compile(
      "(?i)^(?:mention|use|include|cite|describe|feature|name)\\s+(?:this\\s+|the\\s+|a\\s+)?(.+)");
  private static final java.util.regex.Pattern DETERMINED =
      java.util.regex.Pattern.compile("(?i)^(?:the|its|their|this)\\s+(.+)");

  /** A requirement "Key: value" as a sentence: "The movie's genre is Comedy." */
  private static String other(String key, String value) {
    java.util.regex.Matcher m = IMPERATIVE.matcher(key);
    if (m.matches()) {
      return "It draws on this " + m.group(1).toLowerCase(Locale.ROOT) + ": " + value + ".";
    }
    m = DETERMINED.matcher(key);
    String noun = m.matches() ? m.group(1) : key;
    return "The " + noun.toLowerCase(Locale.ROOT) + " is " + value + ".";
  }

  /** When the range is too small for full sentences: every value, as few words as possible. */
  private static String compact(PromptReading r) {
    List<String> parts = new ArrayList<>();
    if (!r.label().isEmpty()) {
      parts.add(r.label());
    }
    for (Requirement q : r.requirements()) {
      parts.add(q.value());
    }
    return "Simulated " + r.domain() + ": " + String.join("; ", parts) + ".";
  }

  /** Filler sentences of exactly {@code budget} words in all. */
  private static List<String> fillers(PromptReading r, SplittableRandom rng, int budget) {
    List<String> out = new ArrayList<>();
    int left = budget;
    while (left > 0) {
      String s = filler(r, rng);
      int w = words(s);
      if (w <= left) {
        out.add(s);
        left -= w;
      } else {
        out.add(exact(rng, left));
        left = 0;
      }
    }
    return out;
  }

  private static String filler(PromptReading r, SplittableRandom rng) {
    String topic = topic(r, rng);
    String adj = pick(Vocabulary.ADJECTIVES, rng);
    String noun = pick(Vocabulary.NOUNS, rng);
    String verb = pick(Vocabulary.VERBS, rng);
    String other = pick(Vocabulary.NOUNS, rng);
    return switch (rng.nextInt(10)) {
      case 0 -> pick(Vocabulary.CONNECTORS, rng) + " the " + adj + " " + noun + " " + verb
          + " the " + other + ".";
      case 1 -> "The " + noun + " around " + topic + " " + verb + " " + article(adj) + " " + adj
          + " " + other + ".";
      case 2 -> "Each " + noun + " " + verb + " " + article(adj) + " " + adj + " " + other
          + " for " + topic + ".";
      case 3 -> "Observers note that the " + noun + " " + verb + " the " + adj + " " + other
          + " over time.";
      case 4 -> pick(Vocabulary.CONNECTORS, rng) + " " + topic + " " + verb + " the " + adj + " "
          + noun + ".";
      case 5 -> pick(Vocabulary.CONNECTORS, rng) + " many see " + article(adj) + " " + adj + " "
          + noun + " ahead for " + topic + ".";
      case 6 -> "What stands out is how the " + noun + " " + verb + " the " + other + ".";
      case 7 -> capitalize(article(adj)) + " " + adj + " " + noun + " " + verb
          + " much of the " + other + " here.";
      case 8 -> "There is also " + article(adj) + " " + adj + " " + noun + " that " + verb + " "
          + topic + ".";
      default -> "People close to the " + noun + " say it " + verb + " every " + adj + " "
          + other + ".";
    };
  }

  /** A sentence of exactly {@code k} words, to land on the target word count. */
  private static String exact(SplittableRandom rng, int k) {
    if (k < Vocabulary.SHORT.size()) {
      return Vocabulary.SHORT.get(k);
    }
    StringBuilder s = new StringBuilder("The ").append(pick(Vocabulary.NOUNS, rng)).append(' ')
        .append(pick(Vocabulary.VERBS, rng));
    int left = k - 3;
    if (left == 1) {
      s.append(' ').append(pick(Vocabulary.NOUNS, rng));
    } else if (left == 2) {
      s.append(' ').append(pick(Vocabulary.ADJECTIVES, rng)).append(' ')
          .append(pick(Vocabulary.NOUNS, rng));
    } else {
      s.append(" the ").append(pick(Vocabulary.ADJECTIVES, rng)).append(' ')
          .append(pick(Vocabulary.NOUNS, rng));
      for (left -= 3; left >= 3; left -= 3) {
        s.append(" of the ").append(pick(Vocabulary.NOUNS, rng));
      }
      if (left == 2) {
        s.append(" and ").append(pick(Vocabulary.NOUNS, rng));
      } else if (left == 1) {
        s.append(" again");
      }
    }
    return s.append('.').toString();
  }

  private static String topic(PromptReading r, SplittableRandom rng) {
    String subtopic = r.value(Aspect.SUBTOPIC);
    if (!r.label().isEmpty() && !r.rated() && (subtopic.isEmpty() || rng.nextBoolean())) {
      return r.label();
    }
    return subtopic.isEmpty() ? "the " + pick(Vocabulary.NOUNS, rng) : subtopic;
  }

  static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String pick(List<String> words, SplittableRandom rng) {
    return words.get(rng.nextInt(words.size()));
  }

  private static String pick(SplittableRandom rng, String... options) {
    return options[rng.nextInt(options.length)];
  }

  private static List<String> shuffled(List<String> pool, SplittableRandom rng) {
    List<String> copy = new ArrayList<>(pool);
    for (int i = copy.size() - 1; i > 0; i--) {
      Collections.swap(copy, i, rng.nextInt(i + 1));
    }
    return copy;
  }
}
