package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** "Which label fits this text?" prompts, answered through the real server. */
class JudgingTest {
  private static final String PROMPT =
      Wire.attrPrompt("sports", "marathon training", "casual", "Kenya", 60);

  private static Simulator start(UnaryOperator<SimulatorConfig.Builder> config) throws Exception {
    return Simulator.start(config.apply(SimulatorConfig.builder()).build());
  }

  static String question(String text, String... options) {
    StringBuilder b = new StringBuilder("Which one of these labels fits the news article below best?\n");
    for (String o : options) {
      b.append("- ").append(o).append('\n');
    }
    return b.append("\nNews article:\n\"\"\"\n").append(text).append("\n\"\"\"\n\n")
        .append("Reply with the label exactly as it is written in the list, and nothing else.").toString();
  }

  private static String content(Wire w, String prompt, long seed) throws Exception {
    return Wire.json(w.post("/chat/completions", Wire.chatBody(prompt, seed)).body())
        .at("/choices/0/message/content").asText();
  }

  /** The option named in an answer, whatever its wording (bare, quoted, in a sentence, upper case). */
  private static String named(String answer, List<String> options) {
    String a = answer.toLowerCase(Locale.ROOT);
    return options.stream().filter(o -> a.contains(o.toLowerCase(Locale.ROOT))).findFirst().orElse("?" + answer);
  }

  @Test
  void answersTheLabelTheTextWasWrittenAboutAndOffLabelTextsGetTheirRealLabel() throws Exception {
    List<String> options = List.of("Sports", "Politics", "none of these");
    try (Simulator plain = start(b -> b); Simulator off = start(b -> b.faultOffLabel(1.0))) {
      Wire p = new Wire(plain);
      Wire o = new Wire(off);
      for (long seed = 1; seed <= 12; seed++) {
        String onLabel = content(p, PROMPT, seed);
        String offLabel = content(o, PROMPT, seed);
        assertThat(named(content(p, question(onLabel, options.toArray(String[]::new)), seed), options))
            .isEqualTo("Sports");
        // the off-label text is about the similar class the generation prompt named
        assertThat(named(content(p, question(offLabel, options.toArray(String[]::new)), seed), options))
            .isEqualTo("Politics");
      }
    }
  }

  @Test
  void aTextAboutNoOfferedLabelIsNoneOfThese() throws Exception {
    try (Simulator sim = start(b -> b)) {
      Wire w = new Wire(sim);
      String text = content(w, Wire.attrPrompt("science", "comets", "dry", "Chile", 40), 3);
      assertThat(content(w, question(text, "sports", "politics", "none of these"), 3).toLowerCase(Locale.ROOT))
          .contains("none of these");
    }
  }

  @Test
  void theErrorRateNamesAWrongOptionAboutThatOften() throws Exception {
    List<String> options = List.of("sports", "politics", "business", "none of these");
    int wrong = 0;
    int n = 200;
    try (Simulator sim = start(b -> b.judgeError(0.2))) {
      Wire w = new Wire(sim);
      String text = content(w, PROMPT, 1);
      for (long seed = 0; seed < n; seed++) {
        if (!named(content(w, question(text, options.toArray(String[]::new)), seed), options).equals("sports")) {
          wrong++;
        }
      }
    }
    assertThat(wrong).isBetween(25, 55); // 40 expected
  }

  @Test
  void labelsAreMatchedLooselyAndAnswersComeInSeveralWordings() throws Exception {
    java.util.Set<String> wordings = new java.util.HashSet<>();
    try (Simulator sim = start(b -> b)) {
      Wire w = new Wire(sim);
      String text = content(w, Wire.attrPrompt("sci tech", "chips", "dry", "Chile", 40), 5);
      for (long seed = 0; seed < 40; seed++) {
        String a = content(w, question(text, "World", "Sci_Tech", "none of these"), seed);
        assertThat(a.toLowerCase(Locale.ROOT)).contains("sci_tech");
        wordings.add(a.replace("SCI_TECH", "Sci_Tech"));
      }
    }
    assertThat(wordings).contains("Sci_Tech").hasSizeGreaterThan(2);
  }

  @Test
  void judgeErrorIsValidated() {
    assertThatThrownBy(() -> SimulatorConfig.builder().judgeError(-0.1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("judgeError");
  }
}
