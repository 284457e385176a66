package dev.attrprompt.attributes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.SharedData;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import dev.attrprompt.task.TaskInit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Imports all eight dataset folders of the AttrPrompt release from ../shared/data. The expected
 * counts were taken from the files themselves (non-blank lines, less the few case-insensitive
 * repeats), not from the importer.
 */
class AttrPromptReleaseSharedDataTest {
  @TempDir Path tmp;

  private Task imported(String dataset) {
    return TaskInit.fromRelease(tmp.resolve(dataset), SharedData.attrPromptRelease(dataset),
        Optional.empty(), Optional.empty()).task();
  }

  private static Map<String, String> summary(Task task) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Dimension d : task.attributes().dimensions()) {
      out.put(d.name(), d.scope().yamlName() + ":" + d.size() + (d.enabled() ? "" : ":off"));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      agnews        | 4  | false | length=independent:2 location=independent:30 location_continent=independent:6:off location_full=independent:60:off style=independent:5 subtopics=dependent:71
      amazon        | 23 | false | brands=dependent:227 experience=independent:5 length=independent:2 product_name=dependent:378 style=independent:5
      arxiv         | 98 | true  | length=independent:2 style=independent:4 subtopics=dependent:1887 technique=dependent:973
      nyt           | 26 | false | length=independent:2 location=independent:6 location_fine=independent:30:off style=independent:5 subtopics=dependent:234
      reddit        | 45 | false | experience=dependent:550 length=independent:2 resource=dependent:449 style=independent:5
      sst-2         | 2  | false | genre=independent:10 length=independent:2 style=independent:4 subtopics=dependent:20
      stackexchange | 50 | false | depth=independent:4 length=independent:2 scenario=dependent:487 style=independent:5
      yelp          | 2  | false | cuisine=independent:30 length=independent:2 style=independent:5 subtopics=dependent:20
      """)
  void importsEveryReleaseFolderWithTheFilesCounts(String dataset, int labels, boolean multiLabel,
      String dimensions) {
    Task task = imported(dataset);

    assertThat(task.labels()).hasSize(labels);
    assertThat(task.multiLabel()).isEqualTo(multiLabel);
    Map<String, String> expected = new LinkedHashMap<>();
    for (String pair : dimensions.split(" ")) {
      String[] kv = pair.split("=", 2);
      expected.put(kv[0], kv[1]);
    }
    Map<String, String> actual = new java.util.TreeMap<>(summary(task));
    assertThat(actual).containsExactlyEntriesOf(expected);
    assertThat(task.attributes().dimension("length").orElseThrow().kind()).isEqualTo(Kind.LENGTH);
  }

  @Test
  void agnewsLabelsAreShownWithSpacesAndKeepTheReleasesNames() {
    Task task = imported("agnews");
    assertThat(task.labels()).extracting(Label::name).containsExactly("world", "sports", "business", "sci_tech");
    assertThat(task.labels()).extracting(Label::display).containsExactly("World", "Sports", "Business", "Sci Tech");
    Dimension subtopics = task.attributes().dimension("subtopics").orElseThrow();
    assertThat(subtopics.byLabel().get("world").get(0).text()).isEqualTo("International politics and diplomacy");
    assertThat(subtopics.byLabel().get("world").get(0).provenance())
        .isEqualTo(new Provenance.Imported("AttrPrompt release: agnews/attrprompt/gpt-3.5-turbo/subtopics/world.jsonl",
            Optional.of("gpt-3.5-turbo")));
  }

  @Test
  void arxivNumberingIsStrippedAndSharedSubtopicsCarrySeveralLabels() {
    Task task = imported("arxiv");
    Dimension technique = task.attributes().dimension("technique").orElseThrow();
    assertThat(technique.byLabel().get("robotics").get(0).text()).isEqualTo("Task planning and scheduling algorithms");
    Dimension subtopics = task.attributes().dimension("subtopics").orElseThrow();
    assertThat(subtopics.assignsLabels()).isTrue();
    assertThat(subtopics.byLabel().get("computer_vision_and_pattern_recognition"))
        .extracting(Value::text).contains("optimization techniques for computer vision");
    assertThat(subtopics.byLabel().get("machine_learning"))
        .extracting(Value::text).contains("optimization techniques for computer vision");

    Plan plan = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 400, 3, SamplingMode.UNIFORM));
    Label cv = task.label("computer_vision_and_pattern_recognition").orElseThrow();
    PlannedRequest shared = java.util.stream.LongStream.range(0, 400).mapToObj(i -> plan.item(cv, i))
        .filter(r -> r.attributes().get("subtopics").equals("optimization techniques for computer vision"))
        .findFirst().orElseThrow();
    assertThat(shared.labels()).containsExactly("computer_vision_and_pattern_recognition", "machine_learning");
  }

  @Test
  void amazonKeepsInnerQuotesAndMatchesLooselyWrittenSimilarClasses() {
    Task task = imported("amazon");
    Dimension products = task.attributes().dimension("product_name").orElseThrow();
    assertThat(products.byLabel().get("music_album").get(0).text()).isEqualTo("\"Thriller\" by Michael Jackson (CD)");
    assertThat(task.attributes().similarTo("apparel")).startsWith("electronics", "toys_games", "sports_outdoors");
  }

  @Test
  void nytSkipsTheRenamedCosmosFileAndMarksFilteredValues() {
    TaskInit.Imported result = TaskInit.fromRelease(tmp.resolve("nyt"), SharedData.attrPromptRelease("nyt"),
        Optional.of("news story"), Optional.of("NYT"));
    assertThat(result.task().domain()).isEqualTo("news story");
    assertThat(result.task().source()).contains("NYT");
    assertThat(result.task().attributes().dimension("subtopics").orElseThrow().filtered()).isTrue();
    assertThat(result.notes()).anyMatch(n -> n.contains("cosmos.jsonl: skipped"));
  }

  @Test
  void redditSimilarFilesUnderOldNamesAreSkippedAndReported() {
    TaskInit.Imported result = TaskInit.fromRelease(tmp.resolve("reddit"), SharedData.attrPromptRelease("reddit"),
        Optional.empty(), Optional.empty());
    assertThat(result.notes()).filteredOn(n -> n.contains("/similar/") && n.contains("skipped")).hasSize(8);
    assertThat(result.task().attributes().similar()).hasSize(45);
    assertThat(result.task().attributes().similarTo("adhd")).contains("build_a_pc", "social_anxiety");
  }
}
