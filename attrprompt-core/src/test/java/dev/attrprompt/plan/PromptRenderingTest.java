package dev.attrprompt.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptRenderingTest {
  @TempDir Path dir;

  @Test
  void attrPromptStatesEveryAttributeTheLengthRangeAndTheSimilarClasses() throws IOException {
    Task task = Task.load(TestTasks.write(dir));
    Plan plan = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 3, 5, SamplingMode.UNIFORM));
    PlannedRequest r = plan.item(task.label("sci_tech").orElseThrow(), 2);

    assertThat(r.id()).isEqualTo("sci_tech-000002");
    assertThat(r.labels()).containsExactly("sci_tech");
    assertThat(r.attributes()).containsOnlyKeys("subtopic", "length", "style");
    int length = Integer.parseInt(r.attributes().get("length"));
    assertThat(r.prompt())
        .startsWith("Write one news article about \"Sci Tech\".")
        .contains("- Focus on this subtopic: " + r.attributes().get("subtopic") + ".")
        .contains("- Writing style: " + r.attributes().get("style") + ".")
        .contains("- Length: between " + length + " and " + (length + 50) + " words.")
        .contains("- It should clearly belong to \"Sci Tech\" and not to \"World\" or \"Sports\".")
        .doesNotContain("{{");
  }

  @Test
  void simPromptIsTheSameForEveryItemOfALabelButTheSeedDiffers() throws IOException {
    Task task = Task.load(TestTasks.write(dir));
    Plan plan = Plan.of(task, new PlanOptions(Method.SIMPROMPT, 5, 5, SamplingMode.UNIFORM));
    List<PlannedRequest> world = plan.requests().filter(r -> r.label().equals("world")).toList();
    assertThat(world).extracting(PlannedRequest::prompt).containsOnly(
        "Write one news article about \"World\".\n"
            + "Reply with the news article only, with no title and no comments before or after it.");
    assertThat(world).extracting(PlannedRequest::seed).doesNotHaveDuplicates();
    assertThat(world).allSatisfy(r -> assertThat(r.attributes()).isEmpty());
  }

  @Test
  void customTemplatesPhrasesAndCatchAllAreRendered() throws IOException {
    TestTasks.write(dir, TestTasks.TASK + """
        source: Reuters
        templates:
          attrprompt: "{{label}}|{{subtopic}}|{{length}}|{{#attributes}}[{{phrase}}]{{/attributes}}|{{source}}"
        """);
    TestTasks.put(dir, "attributes/subtopic.yaml", TestTasks.SUBTOPIC
        + "phrase: \"About {{value}}, for {{label}}\"\ncatch_all: \"other {{label}} news\"\n");
    Task task = Task.load(dir);
    Plan plan = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 200, 1, SamplingMode.BALANCED));
    List<PlannedRequest> sports = plan.requests().filter(r -> r.label().equals("sports")).toList();
    assertThat(sports).extracting(r -> r.attributes().get("subtopic"))
        .containsOnly("transfer news", "doping case", "other Sports news");
    PlannedRequest r = sports.get(0);
    assertThat(r.prompt()).startsWith("Sports|" + r.attributes().get("subtopic") + "|between ")
        .contains("[About " + r.attributes().get("subtopic") + ", for Sports]")
        .endsWith("|Reuters");
  }

  private Task withRole(String role, String domain) throws IOException {
    TestTasks.write(dir, TestTasks.TASK.replace("domain: news article",
        "domain: " + domain + "\nlabel_role: " + role));
    return Task.load(dir);
  }

  @Test
  void eachLabelRoleWordsTheRequestAndTheSimilarClassClause() throws IOException {
    String[][] cases = {
        {"topic", "news article", "Write one news article about \"Sci Tech\".",
            "- It should clearly belong to \"Sci Tech\" and not to \"World\" or \"Sports\"."},
        {"category", "Amazon review", "Write one Amazon review of a product in the \"Sci Tech\" category.",
            "- The product should clearly belong to the \"Sci Tech\" category and not to \"World\" or \"Sports\"."},
        {"community", "Reddit post", "Write one Reddit post in the \"Sci Tech\" community.",
            "- It should clearly fit the \"Sci Tech\" community and be irrelevant to \"World\" or \"Sports\"."},
        {"tag", "Stack Exchange question", "Write one Stack Exchange question tagged \"Sci Tech\".",
            "- It should clearly call for the tag \"Sci Tech\" and not for \"World\" or \"Sports\"."},
    };
    for (String[] c : cases) {
      Task task = withRole(c[0], c[1]);
      Label sciTech = task.label("sci_tech").orElseThrow();
      String attr = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 1, 5, SamplingMode.UNIFORM))
          .item(sciTech, 0).prompt();
      String sim = Plan.of(task, new PlanOptions(Method.SIMPROMPT, 1, 5, SamplingMode.UNIFORM))
          .item(sciTech, 0).prompt();
      assertThat(attr).as(c[0]).startsWith(c[2] + "\nIt must meet these requirements:\n- Focus on")
          .contains(c[3]).doesNotContain("overall rating");
      assertThat(sim).as(c[0]).isEqualTo(c[2] + "\nReply with the " + c[1]
          + " only, with no title and no comments before or after it.");
    }
  }

  @Test
  void aSentimentLabelIsTheOverallRatingStatedFirst() throws IOException {
    Task task = withRole("sentiment", "movie review");
    Label world = task.label("world").orElseThrow();
    PlannedRequest r = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 1, 5, SamplingMode.UNIFORM))
        .item(world, 0);
    assertThat(r.prompt()).startsWith("Write one World movie review.\n"
            + "It must meet these requirements:\n- Its overall rating is World.\n- Focus on")
        .contains("- Its overall rating should clearly be World and not Sports.");
    assertThat(Plan.of(task, new PlanOptions(Method.SIMPROMPT, 1, 5, SamplingMode.UNIFORM))
        .item(world, 0).prompt()).isEqualTo("Write one World movie review.\n"
            + "Its overall rating is World.\n"
            + "Reply with the movie review only, with no title and no comments before or after it.");
  }

  @Test
  void descriptiveValuesStateTheirNameAndGiveTheDescriptionAsGuidance() throws IOException {
    TestTasks.write(dir);
    TestTasks.put(dir, "attributes/style.yaml", """
        values:
          - "Op-Eds: This style involves the expression of opinions and ideas on current events."
        """);
    Task task = Task.load(dir);
    PlannedRequest r = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 1, 5, SamplingMode.UNIFORM))
        .item(task.label("world").orElseThrow(), 0);
    assertThat(r.attributes().get("style"))
        .isEqualTo("Op-Eds: This style involves the expression of opinions and ideas on current events.");
    assertThat(r.prompt()).contains("\n- Writing style: Op-Eds.\n"
            + "  Guidance: This style involves the expression of opinions and ideas on current events.\n")
        .doesNotContain("Writing style: Op-Eds: ");
  }

  @Test
  void turnedOffTheSimilarClassClauseLeavesNoTraceOfTheSimilarClasses() throws IOException {
    TestTasks.write(dir, TestTasks.TASK + "similar_clause: false\ntemplates:\n"
        + "  attrprompt: \"{{request_text}}|{{similar_text}}|{{#similar}}{{.}}{{/similar}}\"\n");
    Task task = Task.load(dir);
    assertThat(Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 1, 5, SamplingMode.UNIFORM))
        .item(task.label("sci_tech").orElseThrow(), 0).prompt())
        .isEqualTo("one news article about \"Sci Tech\"||");
  }

  @Test
  void aMultiLabelPromptNamesEveryLabelAndNeverAsksToAvoidOne() throws IOException {
    TestTasks.write(dir, """
        domain: paper abstract
        multi_label: true
        labels: [Vision, Learning, Robotics]
        """);
    TestTasks.put(dir, "attributes/subtopic.yaml", """
        scope: dependent
        assigns_labels: true
        values:
          vision: [segmentation, shared optimisation]
          learning: [boosting, shared optimisation]
          robotics: [grasping]
        """);
    TestTasks.put(dir, "attributes/style.yaml", """
        scope: dependent
        phrase: "Use this method: {{value}}."
        values:
          vision: [convolutions]
          learning: [gradient descent]
          robotics: [inverse kinematics]
        """);
    TestTasks.put(dir, "attributes/similar.yaml",
        "similar:\n  vision: [learning, robotics]\n  learning: [vision]\n");
    Task task = Task.load(dir);
    List<PlannedRequest> all = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 40, 3,
        SamplingMode.UNIFORM)).requests().toList();
    List<PlannedRequest> shared = all.stream().filter(r -> r.labels().size() == 2).toList();
    assertThat(shared).isNotEmpty().allSatisfy(r -> assertThat(r.prompt())
        .startsWith("Write one paper abstract about \"Vision\" and \"Learning\".")
        .doesNotContain("not to \"Learning\"").doesNotContain("not to \"Vision\""));
    assertThat(shared).filteredOn(r -> r.label().equals("vision")).isNotEmpty().allSatisfy(r ->
        assertThat(r.prompt()).contains("- It should clearly belong to \"Vision\" and \"Learning\" "
            + "and not to \"Robotics\".")
            // a method for each label, the planned label's first; its attributes keep that one
            .contains("- Use this method: convolutions (for \"Vision\").\n"
                + "- Use this method: gradient descent (for \"Learning\").\n"));
    assertThat(shared).filteredOn(r -> r.label().equals("vision"))
        .allSatisfy(r -> assertThat(r.attributes().get("style")).isEqualTo("convolutions"));
    assertThat(all).filteredOn(r -> r.labels().equals(List.of("vision"))).isNotEmpty()
        .allSatisfy(r -> assertThat(r.prompt()).contains("and not to \"Learning\" or \"Robotics\".")
            .contains("- Use this method: convolutions.\n").doesNotContain("(for "));
  }

  @Test
  void attrPromptWithoutDimensionsSaysWhatToDo() throws IOException {
    Path empty = dir.resolve("empty");
    java.nio.file.Files.createDirectories(empty);
    TestTasks.put(empty, "task.yaml", "domain: news\nlabels: [a, b]\n");
    Task task = Task.load(empty);
    assertThatThrownBy(() -> Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 1, 1, SamplingMode.UNIFORM)))
        .isInstanceOf(UserError.class).hasMessageContaining("no enabled attribute dimensions")
        .hasMessageContaining("--method simprompt");
    assertThat(Plan.of(task, new PlanOptions(Method.SIMPROMPT, 2, 1, SamplingMode.UNIFORM)).size()).isEqualTo(4);
  }
}
