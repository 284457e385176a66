package dev.attrprompt.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
import dev.attrprompt.attributes.Kind;
import dev.attrprompt.attributes.Scope;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake in a task folder is one line naming the file, line and column and what to do. */
class TaskValidationTest {
  @TempDir Path dir;

  private String errorOf(String file, String text) throws IOException {
    TestTasks.write(dir);
    TestTasks.put(dir, file, text);
    try {
      Task.load(dir);
    } catch (UserError e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
    throw new AssertionError("no error for " + file);
  }

  @Test
  void aValidTaskLoadsWithItsAttributeSet() throws IOException {
    Task task = Task.load(TestTasks.write(dir));
    assertThat(task.labels()).extracting(Label::name).containsExactly("world", "sports", "sci_tech");
    assertThat(task.label("Sci Tech").orElseThrow().description()).contains("science and technology");
    assertThat(task.attributes().dimensions()).extracting(d -> d.name()).containsExactly("subtopic", "length", "style");
    assertThat(task.attributes().dimension("subtopic").orElseThrow().scope()).isEqualTo(Scope.DEPENDENT);
    assertThat(task.attributes().dimension("length").orElseThrow().kind()).isEqualTo(Kind.LENGTH);
    assertThat(task.attributes().dimension("style").orElseThrow().values().get(1).weight()).isEqualTo(3.0);
    assertThat(task.attributes().similarTo("sci_tech")).containsExactly("world", "sports");
    assertThat(task.generation().perClass()).isEqualTo(4);
    assertThat(task.generation().seed()).isEqualTo(11);
    assertThat(task.templates()).isEqualTo(Templates.DEFAULTS);
  }

  @Test
  void badYamlSyntaxPointsAtTheLine() throws IOException {
    String message = errorOf("task.yaml", "name: x\ndomain: news\nlabels: [a, b\n");
    assertThat(message).startsWith(dir.resolve("task.yaml") + ":4:").contains("invalid YAML");
  }

  @Test
  void anUnknownLabelRoleIsOneLineWithItsPlaceAndTheRolesToUse() throws IOException {
    String message = errorOf("task.yaml", TestTasks.TASK.replace("domain: news article",
        "domain: news article\nlabel_role: mood"));
    assertThat(message).isEqualTo(dir.resolve("task.yaml") + ":3:13: unknown label_role 'mood'; "
        + "use one of topic, sentiment, category, community, tag");
  }

  @Test
  void theLabelRoleDefaultsToTopicAndALabelMayCarryItsOwnDisplayName() throws IOException {
    assertThat(Task.load(TestTasks.write(dir)).labelRole()).isEqualTo(LabelRole.TOPIC);
    TestTasks.write(dir, TestTasks.TASK.replace("domain: news article", "domain: news article\n"
        + "label_role: Sentiment\nsimilar_clause: false").replace("  - World",
        "  - {name: World, display: the world}"));
    Task task = Task.load(dir);
    assertThat(task.labelRole()).isEqualTo(LabelRole.SENTIMENT);
    assertThat(task.similarClause()).isFalse();
    assertThat(task.label("world").orElseThrow().display()).isEqualTo("the world");
  }

  @Test
  void wrongTypeNamesTheKeyAndItsPlace() throws IOException {
    String message = errorOf("task.yaml", TestTasks.TASK.replace("seed: 11", "seed: 11\n  temperature: hot"));
    assertThat(message).isEqualTo(dir.resolve("task.yaml")
        + ":11:16: 'generation.temperature' must be a number, but is 'hot'");
  }

  @Test
  void unknownKeyListsTheAllowedOnes() throws IOException {
    String message = errorOf("task.yaml", TestTasks.TASK.replace("seed: 11", "seed: 11\n  tempreature: 0.7"));
    assertThat(message).startsWith(dir.resolve("task.yaml") + ":11:3: unknown key 'tempreature' in 'generation'")
        .contains("allowed keys: model, temperature, top_p");
  }

  @Test
  void emptyLabelsAreRejected() throws IOException {
    String message = errorOf("task.yaml", "domain: news\nlabels: []\n");
    assertThat(message).isEqualTo(dir.resolve("task.yaml")
        + ":2:9: a classification task needs at least two labels; list them under 'labels'");
  }

  @Test
  void duplicateLabelsAfterNormalisationAreRejected() throws IOException {
    String message = errorOf("task.yaml", "domain: news\nlabels:\n  - Sci Tech\n  - world\n  - sci_tech\n");
    assertThat(message).startsWith(dir.resolve("task.yaml") + ":5:5: label 'sci_tech' is listed twice");
  }

  @Test
  void aTemplatePlaceholderThatNamesNoDimensionIsLocated() throws IOException {
    String task = TestTasks.TASK + "templates:\n  attrprompt: |\n    Write a {{domain}} about {{label}}.\n    Focus on {{subtopc}}.\n";
    String message = errorOf("task.yaml", task);
    assertThat(message).startsWith(dir.resolve("task.yaml") + ":14:14: template 'templates.attrprompt' uses {{subtopc}}")
        .contains("subtopic").contains("style");
  }

  @Test
  void aSimPromptTemplateMayNotUseDimensions() throws IOException {
    String task = TestTasks.TASK + "templates:\n  simprompt: \"Write about {{label}} in {{style}}\"\n";
    String message = errorOf("task.yaml", task);
    assertThat(message).contains(":12:40:").contains("uses {{style}}").contains("SimPrompt prompts have no attributes");
  }

  @Test
  void anAttributeListForAnUnknownLabelIsLocated() throws IOException {
    String message = errorOf("attributes/subtopic.yaml", TestTasks.SUBTOPIC.replace("sports:", "sport:"));
    assertThat(message).isEqualTo(dir.resolve("attributes/subtopic.yaml")
        + ":5:3: 'sport' is not a label of the task; use one of: sci_tech, sports, world");
  }

  @Test
  void aDependentDimensionMustCoverEveryLabel() throws IOException {
    String message = errorOf("attributes/subtopic.yaml", "scope: dependent\nvalues:\n  world: [a]\n  sports: [b]\n");
    assertThat(message).contains("subtopic.yaml:3:3: dimension 'subtopic' has no values for label 'sci_tech'");
  }

  @Test
  void similarClassesMustBeOtherLabels() throws IOException {
    assertThat(errorOf("attributes/similar.yaml", "similar:\n  world: [sports, politics]\n"))
        .isEqualTo(dir.resolve("attributes/similar.yaml")
            + ":2:19: similar class 'politics' is not a label of the task; use one of the task's labels or remove it");
    assertThat(errorOf("attributes/similar.yaml", "similar:\n  world: [world]\n"))
        .contains(":2:11: a label cannot be similar to itself");
  }

  @Test
  void lengthValuesMustBeWordCounts() throws IOException {
    assertThat(errorOf("attributes/length.yaml", "kind: length\nvalues: [30, long]\n"))
        .isEqualTo(dir.resolve("attributes/length.yaml")
            + ":2:14: a length value must be a positive whole number of words, but is 'long'");
  }

  @Test
  void duplicateKeysAndMissingDomainAreReported() throws IOException {
    assertThat(errorOf("task.yaml", "domain: a\ndomain: b\nlabels: [x, y]\n")).contains(":2:1: duplicate key 'domain'");
    assertThat(errorOf("task.yaml", "labels: [x, y]\n")).contains(":1:1: missing required key 'domain'");
  }

  @Test
  void weightsMustBePositive() throws IOException {
    assertThat(errorOf("attributes/style.yaml", "values:\n  - {value: a, weight: 0}\n"))
        .contains("style.yaml:2:24: weight must be a positive number");
  }

  @Test
  void aMissingTaskFileSaysHowToMakeOne() {
    assertThatThrownBy(() -> Task.load(dir)).isInstanceOf(UserError.class)
        .hasMessage(dir.resolve("task.yaml") + ": no task.yaml in this folder; create one with 'attrprompt init'");
  }
}
