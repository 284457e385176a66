package dev.attrprompt.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.SharedData;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.LabelRole;
import dev.attrprompt.task.Task;
import dev.attrprompt.task.TaskInit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Imports the eight folders of the AttrPrompt release from ../shared/data and reads their prompts
 * against ../shared/METHOD.md: the label's role, the requirements in the authors' order, labels
 * written with spaces, and no similar-class clause that contradicts a multi-label sample.
 */
class ReleasePromptsSharedDataTest {
  @TempDir Path tmp;

  private Task imported(String dataset) {
    return TaskInit.fromRelease(tmp.resolve(dataset), SharedData.attrPromptRelease(dataset),
        Optional.empty(), Optional.empty()).task();
  }

  private static List<PlannedRequest> plan(Task task, Method method, int perClass) {
    return Plan.of(task, new PlanOptions(method, perClass, 42, SamplingMode.UNIFORM)).requests()
        .toList();
  }

  /** The requirement lines of a prompt ("- ..."), without the bullet. */
  private static List<String> requirements(String prompt) {
    return prompt.lines().filter(l -> l.startsWith("- ")).map(l -> l.substring(2)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      nyt           | topic     | Focus on this subtopic: ; Length: between ; Writing style: ; Location:
      agnews        | topic     | Focus on this subtopic: ; Length: between ; Writing style: ; Location:
      amazon        | category  | The product: ; Its brand: ; Length: between ; Usage experience: ; Review style: ; The product should clearly belong to the
      reddit        | community | Focus on this experience: ; Length: between ; Writing style: ; Mention this resource: ; It should clearly fit the
      stackexchange | tag       | The asker's scenario: ; Length: between ; The asker's technical depth: ; Writing style: ; It should clearly call for the tag
      sst-2         | sentiment | Its overall rating is ; The movie's genre: ; Focus on this subtopic: ; Length: between ; Writing style:
      yelp          | sentiment | Its overall rating is ; The restaurant's cuisine: ; Focus on this subtopic: ; Length: between ; Writing style:
      arxiv         | topic     | Focus on this subtopic: ; Use this technique: ; Length: between ; Writing style:
      """)
  void everyPromptCarriesTheDatasetsRequirementsInTheAuthorsOrder(String dataset, String role,
      String order) {
    Task task = imported(dataset);
    assertThat(task.labelRole()).isEqualTo(LabelRole.parse(role).orElseThrow());
    List<String> expected = List.of(order.split(" ; "));
    List<PlannedRequest> requests = plan(task, Method.ATTRPROMPT, 3);
    for (PlannedRequest r : requests) {
      List<String> lines = requirements(r.prompt());
      // which requirement each line states; a multi-label sample states some once per label
      List<Integer> stated = new ArrayList<>();
      for (String line : lines) {
        int at = -1;
        for (int i = 0; i < expected.size() && at < 0; i++) {
          at = line.startsWith(expected.get(i)) ? i : -1;
        }
        assertThat(at).as(r.id() + ": " + line).isNotNegative();
        if (stated.isEmpty() || stated.getLast() != at) {
          stated.add(at);
        }
      }
      assertThat(stated).as(r.id()).isEqualTo(java.util.stream.IntStream.range(0, expected.size())
          .boxed().toList());
      assertThat(lines).as(r.id()).hasSize(expected.size()
          + (r.labels().size() > 1 && dataset.equals("arxiv") ? r.labels().size() - 1 : 0));
      // a descriptive value is stated by its name: no requirement runs on into its description
      assertThat(lines).as(r.id()).allSatisfy(l -> assertThat(l.length()).isLessThan(600));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"agnews", "amazon", "arxiv", "nyt", "reddit", "sst-2", "stackexchange", "yelp"})
  void noPromptCarriesALabelJoinedWithUnderscores(String dataset) throws IOException {
    Task task = imported(dataset);
    List<String> written = Files.readAllLines(SharedData.attrPromptRelease(dataset)
        .resolve("label.txt"), StandardCharsets.UTF_8).stream().map(String::strip)
        .filter(s -> s.contains("_")).toList();
    List<PlannedRequest> requests = new ArrayList<>(plan(task, Method.ATTRPROMPT, 2));
    requests.addAll(plan(task, Method.SIMPROMPT, 1));
    for (PlannedRequest r : requests) {
      for (String raw : written) {
        assertThat(r.prompt()).as(r.id()).doesNotContainIgnoringCase(raw);
      }
      for (String name : r.labels()) {
        assertThat(r.prompt()).as(r.id()).contains(task.label(name).orElseThrow().display());
        if (name.contains("_")) {
          assertThat(r.prompt()).as(r.id()).doesNotContain(name);
        }
      }
    }
    // the names behind request ids and exports stay as the release wrote them
    assertThat(task.labels()).extracting(Label::name).containsAll(written.stream()
        .map(Label::normalise).toList());
  }

  @Test
  void sentimentDatasetsAskForAReviewWhoseOverallRatingIsTheLabel() {
    for (String[] c : new String[][] {{"sst-2", "movie review"}, {"yelp", "restaurant review"}}) {
      Task task = imported(c[0]);
      for (String rating : List.of("negative", "positive")) {
        Label label = task.label(rating).orElseThrow();
        String sim = Plan.of(task, new PlanOptions(Method.SIMPROMPT, 1, 42, SamplingMode.UNIFORM))
            .item(label, 0).prompt();
        assertThat(sim).isEqualTo("Write one " + rating + " " + c[1] + ".\nIts overall rating is "
            + rating + ".\nReply with the " + c[1]
            + " only, with no title and no comments before or after it.");
        String attr = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 1, 42, SamplingMode.UNIFORM))
            .item(label, 0).prompt();
        assertThat(attr).startsWith("Write one " + rating + " " + c[1]
            + ".\nIt must meet these requirements:\n- Its overall rating is " + rating + ".\n")
            .doesNotContain("about \"" + rating + "\"");
      }
    }
  }

  @Test
  void theOtherRolesAreWordedAsThePaperAskedForThem() {
    Map<String, String> firstLines = Map.of(
        "amazon", "Write one Amazon review of a product in the \"camera & photo\" category.",
        "reddit", "Write one Reddit post in the \"fortnite br\" community.",
        "stackexchange", "Write one Stack Exchange question tagged \"unity\".",
        "agnews", "Write one news article about \"Sci Tech\".",
        "nyt", "Write one news article about \"the affordable care act\", of the kind found in "
            + "The New York Times.");
    Map<String, String> labels = Map.of("amazon", "camera_photo", "reddit", "fortnite_br",
        "stackexchange", "unity", "agnews", "sci_tech", "nyt", "the_affordable_care_act");
    firstLines.forEach((dataset, line) -> {
      Task task = imported(dataset);
      Label label = task.label(labels.get(dataset)).orElseThrow();
      for (Method method : Method.values()) {
        String prompt = Plan.of(task, new PlanOptions(method, 1, 42, SamplingMode.UNIFORM))
            .item(label, 0).prompt();
        assertThat(prompt.lines().findFirst().orElseThrow()).as(dataset + " " + method)
            .isEqualTo(line);
      }
    });
  }

  @Test
  void everyArxivPromptOfAPlanAgreesWithItsLabels() throws IOException {
    Task task = imported("arxiv");
    List<PlannedRequest> requests = plan(task, Method.ATTRPROMPT, 5);
    assertThat(requests).hasSize(98 * 5);
    assertThat(requests).filteredOn(r -> r.labels().size() > 1).isNotEmpty();
    // as the authors did: no similar-class clause at all
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.prompt()).doesNotContain("should clearly");
      assertNamesEveryLabel(task, r);
      // one technique for each of its labels
      List<String> techniques = requirements(r.prompt()).stream()
          .filter(l -> l.startsWith("Use this technique: ")).toList();
      assertThat(techniques).as(r.id()).hasSize(r.labels().size());
      if (r.labels().size() > 1) {
        for (String name : r.labels()) {
          assertThat(techniques).as(r.id()).anySatisfy(t -> assertThat(t)
              .endsWith("(for \"" + task.label(name).orElseThrow().display() + "\")."));
        }
      }
    });

    // and with the clause turned back on, it never names one of the sample's own labels
    Path yaml = task.dir().resolve("task.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("similar_clause: false", ""));
    Task withClause = Task.load(task.dir());
    assertThat(withClause.similarClause()).isTrue();
    List<PlannedRequest> again = plan(withClause, Method.ATTRPROMPT, 5);
    assertThat(again).filteredOn(r -> r.prompt().contains("should clearly")).hasSizeGreaterThan(400);
    for (PlannedRequest r : again) {
      assertNamesEveryLabel(withClause, r);
      String clause = r.prompt().lines().filter(l -> l.contains("and not to")).findFirst()
          .orElse("");
      String avoided = clause.contains("and not to") ? clause.substring(clause.indexOf("and not to"))
          : "";
      for (String name : r.labels()) {
        assertThat(avoided).as(r.id() + " " + r.labels())
            .doesNotContain("\"" + withClause.label(name).orElseThrow().display() + "\"");
      }
    }
  }

  private static void assertNamesEveryLabel(Task task, PlannedRequest r) {
    String first = r.prompt().lines().findFirst().orElseThrow();
    String quoted = r.labels().stream()
        .map(n -> "\"" + task.label(n).orElseThrow().display() + "\"")
        .collect(Collectors.joining(", "));
    assertThat(first).as(r.id()).startsWith("Write one arXiv paper abstract about ");
    for (String name : r.labels()) {
      assertThat(first).as(r.id() + " names " + quoted)
          .contains("\"" + task.label(name).orElseThrow().display() + "\"");
    }
  }
}
