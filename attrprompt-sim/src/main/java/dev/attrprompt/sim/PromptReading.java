package dev.attrprompt.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a prompt asks for, read with a few forgiving patterns: a text (with a word range, a label
 * and requirement lines), a numbered list of N items, or a yes/no answer. Pure; the simulator's
 * content is a function of this reading and a seeded generator.
 *
 * @param intent what kind of answer the prompt wants
 * @param count the number of list items (LIST only)
 * @param numeric answer "0"/"1" rather than "yes"/"no" (YES_NO only)
 * @param minWords the least words a text may have
 * @param maxWords the most words a text may have
 * @param domain the kind of text ("news article"), or "text"
 * @param label the quoted label the text is about (several joined with "and"), or the overall
 *     rating a review must give ("Its overall rating is negative."), or empty
 * @param rated whether {@code label} is an overall rating rather than a subject
 * @param requirements "Key: value" lines, in prompt order
 * @param listSubject what the list is of ("subtopics of sports"), or empty
 * @param candidates quoted or listed options, when the prompt asks to choose among them
 */
record PromptReading(Intent intent, int count, boolean numeric, int minWords, int maxWords,
    String domain, String label, boolean rated, List<Requirement> requirements, String listSubject,
    List<String> candidates) {

  static final int DEFAULT_MIN_WORDS = 50;
  static final int DEFAULT_MAX_WORDS = 100;
  /** Bounds the work one request can ask for. */
  static final int MAX_WORDS = 5_000;
  static final int MAX_ITEMS = 200;

  enum Intent { TEXT, LIST, YES_NO }

  /** Which attribute a requirement line names. */
  enum Aspect { SUBTOPIC, STYLE, LOCATION, OTHER }

  /** One "Key: value" requirement. */
  record Requirement(String key, String value, Aspect aspect) {}

  private static final String NUMBER = "(\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten"
      + "|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)";
  private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
      Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
      Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
      Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
      Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
      Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
      Map.entry("nineteen", 19), Map.entry("twenty", 20));

  private static final Pattern BETWEEN =
      Pattern.compile("(?i)\\bbetween\\s+(\\d{1,5})\\s+and\\s+(\\d{1,5})\\s+words");
  private static final Pattern TO =
      Pattern.compile("(?i)\\b(\\d{1,5})\\s*(?:to|-|–|—)\\s*(\\d{1,5})\\s+words");
  private static final Pattern AT_LEAST =
      Pattern.compile("(?i)\\bat\\s+least\\s+(\\d{1,5})\\s+words");
  private static final Pattern AT_MOST = Pattern.compile("(?i)\\b(?:at\\s+most|no\\s+more\\s+than"
      + "|up\\s+to|fewer\\s+than|less\\s+than|under|maximum\\s+of)\\s+(\\d{1,5})\\s+words");
  private static final Pattern ABOUT = Pattern.compile("(?i)\\b(\\d{1,5})\\s+words");

  private static final Pattern YES_NO = Pattern.compile("(?i)\\byes\\W{0,3}\\s*(?:or|/)\\s*"
      + "\\W{0,3}no\\b|\\bno\\W{0,3}\\s*(?:or|/)\\s*\\W{0,3}yes\\b");
  private static final Pattern ZERO_ONE = Pattern.compile(
      "(?<![\\w.])[\"'`]?[01][\"'`]?\\s*(?:or|/)\\s*[\"'`]?[01][\"'`]?(?!\\w|\\.\\d)");
  // "Answer 1 for yes and 0 for no", "Reply with yes if ...": formats the two patterns above miss.
  private static final Pattern ZERO_ONE_RULE =
      Pattern.compile("(?i)(?<![\\w.])[\"'`]?[01][\"'`]?\\s*(?:for|if|when|=|means)\\s");
  private static final Pattern YES_NO_RULE = Pattern.compile("(?i)\\b(?:answer|reply|respond)"
      + "\\s+(?:only\\s+)?(?:with\\s+)?(?:a\\s+)?[\"'“`]?(?:yes|no)\\b");
  private static final Pattern QUESTION = Pattern.compile("(?i)^(?:is|are|does|do|did|can|could"
      + "|would|should|will|has|have|was|were)\\b.*\\?$");
  private static final Pattern LIST = Pattern.compile("(?i)\\b(?:list|give|name|suggest|provide"
      + "|generate|propose|enumerate|brainstorm|identify|write|return|produce|output|come up with"
      + "|what are)\\b(?:\\s+(?:me|us|a list of|a numbered list of|exactly|at least|up to|the|top"
      + "|some|another|more|other|of))*\\s+" + NUMBER + "\\b\\s*([^\\n.?!]{0,160})");
  private static final Pattern NOT_A_LIST =
      Pattern.compile("(?i)^(?:words|sentences|paragraphs|characters|lines|tokens)\\b");

  private static final Pattern ABOUT_LABEL =
      Pattern.compile("(?i)\\babout\\s+[\"“]([^\"”\\n]{1,100})[\"”]");
  private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”\\n]{1,100})[\"”]");
  private static final Pattern MORE_QUOTED =
      Pattern.compile("(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+)[\"“]([^\"”\\n]{1,100})[\"”]");
  private static final Pattern RATING = Pattern.compile(
      "(?i)\\boverall\\s+rating\\s+(?:is|should be|of)\\s+([^.\"“”\\n]{1,60}?)\\s*[.\\n]");
  private static final Pattern DOMAIN = Pattern.compile("(?i)\\b(?:write|generate|compose"
      + "|create|produce)\\s+(?:one|a|an|a single|1)\\s+(?:new\\s+|short\\s+)?"
      + "([a-z][a-z -]{1,40}?)(?:\\s+(?:about|on|for|that|which|in|of|tagged)\\b|\\s*[.,;:!]"
      + "|\\s*$)");
  private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•]|\\d{1,3}[.)])\\s*");
  private static final Pattern KEY_VALUE =
      Pattern.compile("^([A-Za-z][A-Za-z0-9 '_/-]{0,48}?)\\s*:\\s*(.+?)\\s*$");
  private static final Pattern OPTIONS = Pattern.compile(
      "(?i)\\b(?:labels|classes|categories|candidates|options|choices)\\s*(?:are)?\\s*:\\s*(.+)");
  // Only prompts that ask to choose among given options are answered with those options.
  private static final Pattern CHOOSING = Pattern.compile("(?i)\\b(?:similar|following|among"
      + "|candidates|choose|which of|from these|from this list|options)\\b");
  private static final Pattern FOCUS = Pattern.compile(
      "(?i)\\b(?:of|for|about|in|related to|within)\\s+(?:the\\s+)?([^,;:]{1,60})");

  /** Reads {@code prompt}; never fails, falling back to a default text. */
  static PromptReading read(String prompt) {
    String label = label(prompt);
    List<String> candidates = candidates(prompt, label);
    String lastLine = lastLine(prompt);
    boolean numeric = ZERO_ONE.matcher(prompt).find() || ZERO_ONE_RULE.matcher(prompt).find();
    if (numeric || YES_NO.matcher(prompt).find() || YES_NO_RULE.matcher(prompt).find()) {
      return yesNo(numeric, label, candidates);
    }
    Matcher list = LIST.matcher(prompt);
    while (list.find()) {
      String subject = list.group(2).strip();
      int count = number(list.group(1));
      if (count >= 2 && !NOT_A_LIST.matcher(subject).find()) {
        return new PromptReading(Intent.LIST, Math.min(count, MAX_ITEMS), false, 0, 0, "text",
            label, false, List.of(), subject, candidates);
      }
    }
    if (QUESTION.matcher(lastLine).matches()) {
      return yesNo(false, label, candidates);
    }
    int[] words = wordRange(prompt);
    Matcher rating = RATING.matcher(prompt);
    if (rating.find()) { // "Write one negative movie review. ... Its overall rating is negative."
      String given = rating.group(1).strip();
      return new PromptReading(Intent.TEXT, 0, false, words[0], words[1],
          domain(prompt, given), given, true, requirements(prompt), "", candidates);
    }
    return new PromptReading(Intent.TEXT, 0, false, words[0], words[1], domain(prompt, label),
        label, false, requirements(prompt), "", candidates);
  }

  /** The noun the list's generic items are about: the label, else the subject's object. */
  String focus() {
    if (!label.isEmpty()) {
      return label;
    }
    Matcher m = FOCUS.matcher(listSubject);
    return m.find() ? m.group(1).strip() : "";
  }

  /** The same reading for a text about {@code other}: that label, and no subtopic (it was the label's own). */
  PromptReading about(String other) {
    List<Requirement> kept = requirements.stream().filter(r -> r.aspect() != Aspect.SUBTOPIC).toList();
    return new PromptReading(intent, count, numeric, minWords, maxWords, domain, other, rated, kept, listSubject,
        candidates);
  }

  /** Every double-quoted phrase of the prompt, in order. */
  static List<String> quoted(String prompt) {
    List<String> out = new ArrayList<>();
    Matcher q = QUOTED.matcher(prompt);
    while (q.find()) {
      out.add(q.group(1).strip());
    }
    return out;
  }

  /** The first requirement of {@code aspect}'s value, or empty. */
  String value(Aspect aspect) {
    for (Requirement r : requirements) {
      if (r.aspect() == aspect) {
        return r.value();
      }
    }
    return "";
  }

  private static PromptReading yesNo(boolean numeric, String label, List<String> candidates) {
    return new PromptReading(Intent.YES_NO, 0, numeric, 0, 0, "text", label, false, List.of(), "",
        candidates);
  }

  private static int number(String s) {
    Integer word = NUMBER_WORDS.get(s.toLowerCase(Locale.ROOT));
    return word != null ? word : Integer.parseInt(s);
  }

  private static String lastLine(String prompt) {
    String[] lines = prompt.strip().split("\\R");
    return lines[lines.length - 1].strip();
  }

  static int[] wordRange(String prompt) {
    Matcher m = BETWEEN.matcher(prompt);
    if (m.find() || (m = TO.matcher(prompt)).find()) {
      return ordered(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    if ((m = AT_LEAST.matcher(prompt)).find()) {
      int n = Integer.parseInt(m.group(1));
      return ordered(n, n + 50);
    }
    if ((m = AT_MOST.matcher(prompt)).find()) {
      int n = Integer.parseInt(m.group(1));
      boolean strict = m.group().toLowerCase(Locale.ROOT).matches("(?s)(fewer|less).*");
      int max = strict ? n - 1 : n;
      return ordered(Math.max(1, max / 2), max);
    }
    if ((m = ABOUT.matcher(prompt)).find()) {
      int n = Integer.parseInt(m.group(1));
      return ordered(n - n / 10, n + n / 10);
    }
    return new int[] {DEFAULT_MIN_WORDS, DEFAULT_MAX_WORDS};
  }

  private static int[] ordered(int a, int b) {
    int lo = Math.clamp(Math.min(a, b), 1, MAX_WORDS);
    int hi = Math.clamp(Math.max(a, b), 1, MAX_WORDS);
    return new int[] {lo, hi};
  }

  /**
   * The first quoted label after "about", else the first quoted text ("in the "guitar"
   * community", "tagged "unity""), with any quoted labels listed right after it ("A" and "B").
   */
  private static String label(String prompt) {
    Matcher m = ABOUT_LABEL.matcher(prompt);
    if (!m.find() && !(m = QUOTED.matcher(prompt)).find()) {
      return "";
    }
    List<String> labels = new ArrayList<>(List.of(m.group(1).strip()));
    Matcher more = MORE_QUOTED.matcher(prompt);
    more.region(m.end(), prompt.length());
    while (more.lookingAt()) {
      labels.add(more.group(1).strip());
      more.region(more.end(), prompt.length());
    }
    return String.join(" and ", labels);
  }

  /** The kind of text asked for, without a leading rating ("negative movie review"). */
  private static String domain(String prompt, String label) {
    Matcher m = DOMAIN.matcher(prompt);
    if (!m.find()) {
      return "text";
    }
    String domain = m.group(1).strip();
    String lead = label.toLowerCase(Locale.ROOT) + " ";
    if (!label.isEmpty() && domain.toLowerCase(Locale.ROOT).startsWith(lead)
        && domain.length() > lead.length()) {
      domain = domain.substring(lead.length()).strip();
    }
    return domain;
  }

  private static List<String> candidates(String prompt, String label) {
    if (!CHOOSING.matcher(prompt).find()) {
      return List.of();
    }
    Set<String> found = new LinkedHashSet<>();
    Matcher q = QUOTED.matcher(prompt);
    while (q.find()) {
      found.add(q.group(1).strip());
    }
    for (String line : prompt.split("\\R")) {
      Matcher o = OPTIONS.matcher(line);
      if (o.find()) {
        for (String option : o.group(1).split("[,;]")) {
          String clean = option.strip().replaceAll("^[\"“']+|[\"”'.?]+$", "").strip();
          if (!clean.isEmpty()) {
            found.add(clean);
          }
        }
      }
    }
    found.remove(label);
    return List.copyOf(found);
  }

  private static List<Requirement> requirements(String prompt) {
    List<Requirement> out = new ArrayList<>();
    for (String raw : prompt.split("\\R")) {
      String line = BULLET.matcher(raw).replaceFirst("").strip();
      Matcher m = KEY_VALUE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String key = m.group(1).strip();
      String value = m.group(2).replaceAll("[.;]+$", "").strip();
      String lower = key.toLowerCase(Locale.ROOT);
      if (value.isEmpty() || value.length() > 160 || key.split("\\s+").length > 6
          || lower.equals("length") || value.matches("(?i).*\\bwords?$")) {
        continue; // lengths are honoured as a word range, not mentioned
      }
      if (lower.equals("guidance") || lower.equals("note") || lower.equals("hint")) {
        continue; // explains the requirement above it; not a value to mention
      }
      out.add(new Requirement(key, value, aspect(lower)));
    }
    return List.copyOf(out);
  }

  private static Aspect aspect(String key) {
    if (key.contains("subtopic") || key.equals("topic") || key.contains("focus")) {
      return Aspect.SUBTOPIC;
    }
    if (key.contains("style")) {
      return Aspect.STYLE;
    }
    if (key.contains("location") || key.contains("set it in") || key.contains("setting")
        || key.equals("place") || key.equals("region") || key.equals("country")) {
      return Aspect.LOCATION;
    }
    return Aspect.OTHER;
  }
}
