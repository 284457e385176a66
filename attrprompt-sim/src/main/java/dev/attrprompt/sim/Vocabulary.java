package dev.attrprompt.sim;

import java.util.List;

/**
 * The small word lists simulated text is drawn from. Neutral on purpose: the words should not
 * lean towards any label, so that what makes a text "about" its label is the label and the
 * attribute values the prompt asked for.
 */
final class Vocabulary {
  private Vocabulary() {}

  static final List<String> ADJECTIVES = List.of("careful", "steady", "quiet", "bold", "local",
      "recent", "detailed", "broad", "modest", "practical", "surprising", "gradual", "familiar",
      "rare", "complex", "simple", "notable", "uneven", "lasting", "brief", "sharp", "measured",
      "promising", "cautious", "fresh", "distant", "central", "shared", "public", "regional",
      "long", "slow", "rapid", "clear", "subtle", "decisive", "minor", "major", "solid", "early");

  static final List<String> NOUNS = List.of("report", "plan", "season", "project", "community",
      "detail", "approach", "question", "moment", "group", "record", "result", "decision", "idea",
      "process", "change", "effort", "schedule", "network", "routine", "pattern", "signal",
      "draft", "window", "measure", "framework", "outline", "method", "habit", "trend", "story",
      "campaign", "venture", "proposal", "review", "sample", "journey", "milestone", "benchmark",
      "workshop", "initiative", "neighborhood", "landmark", "forecast", "survey", "program",
      "feature", "factor", "challenge", "priority", "response", "timeline", "estimate",
      "baseline", "context", "scenario", "narrative", "discussion", "agreement", "outcome");

  static final List<String> VERBS = List.of("shapes", "reflects", "supports", "changes",
      "highlights", "reveals", "follows", "connects", "explains", "questions", "extends", "tests",
      "frames", "improves", "challenges", "drives", "outlines", "balances", "tracks", "revisits",
      "strengthens", "shifts", "informs", "echoes", "mirrors", "anticipates", "complicates",
      "clarifies", "sustains", "reshapes");

  static final List<String> CONNECTORS = List.of("Meanwhile,", "In practice,", "Over time,",
      "By contrast,", "At the same time,", "For now,", "In short,", "Even so,", "Later,",
      "Notably,", "Still,", "As a result,");

  /** Answers to "list N writing styles". */
  static final List<String> STYLES = List.of("formal", "conversational", "analytical",
      "narrative", "persuasive", "descriptive", "humorous", "concise", "investigative",
      "opinionated", "technical", "lyrical", "matter-of-fact", "enthusiastic", "critical",
      "reflective", "journalistic", "academic", "casual", "dramatic");

  /** Answers to "list N locations / countries". */
  static final List<String> LOCATIONS = List.of("Brazil", "Canada", "Kenya", "Japan", "Germany",
      "India", "Australia", "Mexico", "Nigeria", "France", "South Korea", "Egypt", "Argentina",
      "Norway", "Vietnam", "Chile", "Morocco", "Poland", "Indonesia", "New Zealand", "Turkey",
      "Spain", "Ghana", "Peru", "Thailand");

  /** Answers to "list N attribute dimensions". */
  static final List<String> DIMENSIONS = List.of("subtopic", "writing style", "location",
      "length", "tone", "target audience", "time period", "point of view", "format", "sentiment",
      "level of detail", "formality", "genre", "purpose", "setting", "complexity", "perspective",
      "structure", "register", "era");

  /** Exact-length closings for when a text needs one, two or three more words. */
  static final List<String> SHORT = List.of("", "Indeed.", "Nothing more.", "That is all.");
}
