package dev.attrprompt.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
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
