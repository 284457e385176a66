package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the simulated model writes, through the real server. */
class ContentTest {
  private static Simulator sim;
  private static Wire wire;

  @BeforeAll
  static void start() throws Exception {
    sim = Simulator.start(SimulatorConfig.defaults());
    wire = new Wire(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void sameRequestGivesIdenticalContent() throws Exception {
    String prompt = Wire.attrPrompt("business", "supply chains", "analytical", "Vietnam", 80);
    String first = wire.content(prompt, 5);
    String second = wire.content(prompt, 5);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void differentSeedsGiveDifferentContent() throws Exception {
    String prompt = Wire.attrPrompt("business", "supply chains", "analytical", "Vietnam", 80);
    Set<String> texts = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      texts.add(wire.content(prompt, seed));
    }
    assertThat(texts).hasSize(10);
  }

  @Test
  void choicesDifferFromEachOther() throws Exception {
    String body = "{\"model\":\"m\",\"n\":3,\"seed\":1,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Write one news article about \\\"health\\\".\"}]}";
    JsonNode answer = Wire.json(wire.post("/chat/completions", body).body());
    assertThat(answer.get("choices")).hasSize(3);
    Set<String> texts = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      assertThat(answer.at("/choices/" + i + "/index").asInt()).isEqualTo(i);
      texts.add(answer.at("/choices/" + i + "/message/content").asText());
    }
    assertThat(texts).hasSize(3);
  }

  @Test
  void wordRangeIsHonoured() throws Exception {
    for (int low : List.of(10, 30, 100, 250)) {
      String text = wire.content(Wire.attrPrompt("sports", "tennis", "formal", "Spain", low), low);
      assertThat(Wire.words(text)).as("words for %d..%d", low, low + 50)
          .isBetween(low, low + 50);
    }
    String to = wire.content("Write a short story about \"travel\" in 120 to 140 words.", 3);
    assertThat(Wire.words(to)).isBetween(120, 140);
  }

  @Test
  void attributesAndLabelAppearInTheText() throws Exception {
    String text = wire.content(Wire.attrPrompt("technology", "quantum computing startups",
        "investigative", "South Korea", 60), 9);
    assertThat(text).contains("technology", "quantum computing startups", "investigative",
        "South Korea");
    assertThat(text).contains("simulated news article");
    assertThat(text).doesNotContain("politics"); // the similar class is not mentioned
  }

  @Test
  void genericRequirementLinesAreMentioned() throws Exception {
    String prompt = "Write one product review about \"headphones\".\n"
        + "- Price range: under 50 dollars.\n- Tone: enthusiastic.\n"
        + "- Length: between 40 and 90 words.";
    String text = wire.content(prompt, 2);
    assertThat(text).contains("headphones", "under 50 dollars", "enthusiastic",
        "simulated product review");
    assertThat(Wire.words(text)).isBetween(40, 90);
  }

  @Test
  void everyWayOfNamingTheLabelIsReadAndHonoured() throws Exception {
    String tail = "- Length: between 40 and 90 words.\n"
        + "Reply with the text only, with no title and no comments before or after it.";
    String sentiment = wire.content("Write one negative movie review.\n"
        + "It must meet these requirements:\n- Its overall rating is negative.\n"
        + "- The movie's genre: Comedy.\n- Focus on this subtopic: Weak Plot.\n"
        + "  Guidance: A poorly developed or uninteresting storyline that fails to engage.\n"
        + tail, 3);
    assertThat(sentiment).contains("simulated movie review", "negative", "Comedy", "Weak Plot")
        .doesNotContain("negative movie review", "Guidance", "poorly developed");
    assertThat(Wire.words(sentiment)).isBetween(40, 90);

    String community = wire.content("Write one Reddit post in the \"guitar\" community.\n"
        + "It must meet these requirements:\n- Focus on this experience: first open mic.\n"
        + "- Mention this resource: Justin Guitar.\n" + tail, 4);
    assertThat(community).contains("simulated Reddit post", "guitar", "first open mic",
        "Justin Guitar");
    assertThat(Wire.words(community)).isBetween(40, 90);

    String tag = wire.content("Write one Stack Exchange question tagged \"unity\".\n"
        + "It must meet these requirements:\n- The asker's scenario: sprites flicker.\n"
        + "- Writing style: Troubleshooting.\n" + tail, 5);
    assertThat(tag).contains("simulated Stack Exchange question", "unity", "sprites flicker",
        "Troubleshooting");

    String category = wire.content("Write one Amazon review of a product in the "
        + "\"camera & photo\" category.\nIt must meet these requirements:\n"
        + "- The product: PixelPal.\n- Location: Kenya.\n" + tail, 6);
    assertThat(category).contains("simulated Amazon review", "camera & photo", "PixelPal",
        "Kenya");

    String several = wire.content("Write one arXiv paper abstract about \"Machine Learning\" "
        + "and \"Robotics\".\n" + tail, 7);
    assertThat(several).contains("Machine Learning and Robotics", "simulated arXiv paper abstract");

    String simPrompt = wire.content("Write one positive restaurant review.\n"
        + "Its overall rating is positive.\nReply with the restaurant review only.", 8);
    assertThat(simPrompt).contains("simulated restaurant review", "positive");
    assertThat(Wire.words(simPrompt)).isBetween(PromptReading.DEFAULT_MIN_WORDS,
        PromptReading.DEFAULT_MAX_WORDS);
  }

  @Test
  void listRequestsGiveExactlyNNumberedItems() throws Exception {
    String text = wire.content("List 7 subtopics of \"sports\" that a news article could "
        + "focus on.", 4);
    List<String> lines = text.lines().toList();
    assertThat(lines).hasSize(7);
    for (int i = 0; i < 7; i++) {
      assertThat(lines.get(i)).startsWith((i + 1) + ". ").contains("sports");
    }
    assertThat(new HashSet<>(lines.stream().map(l -> l.substring(3)).toList())).hasSize(7);

    String dims = wire.content("List 10 attribute dimensions that make news articles diverse.",
        1);
    assertThat(dims.lines().map(l -> l.replaceFirst("^\\d+\\. ", "").toLowerCase()).distinct())
        .hasSize(10).allMatch(Vocabulary.DIMENSIONS::contains);

    String similar = wire.content("Which labels are most similar to \"sports\"? Candidates: "
        + "\"politics\", \"business\", \"health\", \"entertainment\". Give 2 labels.", 1);
    assertThat(similar.lines()).hasSize(2).allMatch(l -> l.matches("[12]\\. (politics|business"
        + "|health|entertainment)"));
  }

  @Test
  void listItemsFollowWhatIsAskedFor() throws Exception {
    assertThat(items(wire.content("List 5 writing styles for news articles.", 1)))
        .hasSize(5).allMatch(i -> Vocabulary.STYLES.contains(i.toLowerCase()));
    assertThat(items(wire.content("Give 6 countries where a news story could be set.", 1)))
        .hasSize(6).allMatch(Vocabulary.LOCATIONS::contains);
    // values of a dimension are not dimension names
    List<String> values = items(wire.content("List 4 values for the dimension \"subtopic\" of "
        + "news about \"sports\".", 1));
    assertThat(values).hasSize(4).allMatch(i -> i.endsWith(" in sports"))
        .noneMatch(i -> Vocabulary.DIMENSIONS.contains(i.toLowerCase()));
    // quoted strings are not options unless the prompt asks to choose among them
    assertThat(items(wire.content("List 3 subtopics that combine \"music\" and \"film\".", 1)))
        .hasSize(3).doesNotContain("music", "film");
  }

  private static List<String> items(String list) {
    return list.lines().map(l -> l.replaceFirst("^\\d+\\. ", "")).toList();
  }

  @Test
  void yesNoQuestionsGetABareAnswer() throws Exception {
    Set<String> numeric = new HashSet<>();
    Set<String> words = new HashSet<>();
    for (long seed = 0; seed < 30; seed++) {
      numeric.add(wire.content("Is the subtopic \"football tactics\" relevant to any of these "
          + "classes: \"politics\", \"business\"? Answer 0 or 1.", seed));
      words.add(wire.content("Does \"tennis\" belong to \"health\"? Reply yes or no.", seed));
    }
    assertThat(numeric).containsExactlyInAnyOrder("0", "1");
    assertThat(words).containsExactlyInAnyOrder("yes", "no");
    assertThat(wire.content("Is \"chess\" a kind of sport?", 1)).isIn("yes", "no");
  }

  @Test
  void systemMessageInstructionsCount() throws Exception {
    String body = "{\"model\":\"m\",\"seed\":1,\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Always answer in between 20 and 25 words.\"},"
        + "{\"role\":\"user\",\"content\":\"Write one poem about \\\"rain\\\".\"}]}";
    String text = Wire.json(wire.post("/chat/completions", body).body())
        .at("/choices/0/message/content").asText();
    assertThat(Wire.words(text)).isBetween(20, 25);
    assertThat(text).contains("rain");
  }
}
