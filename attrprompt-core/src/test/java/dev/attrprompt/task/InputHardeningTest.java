package dev.attrprompt.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.plan.SamplingMode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs that used to slip through: text that is not UTF-8, labels that cannot be ids, malformed
 * template tags and huge files. Each is refused with one line naming the file and the place.
 */
class InputHardeningTest {
  @TempDir Path dir;

  private String errorOf(String file, byte[] bytes) throws IOException {
    TestTasks.write(dir);
    Files.write(dir.resolve(file), bytes);
    return errorOfLoad();
  }

  private String errorOf(String file, String text) throws IOException {
    return errorOf(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private String errorOfLoad() {
    try {
      Task.load(dir);
    } catch (UserError e) {
      assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception");
      return e.getMessage();
    }
    throw new AssertionError("the task loaded without an error");
  }

  // --- text that is not UTF-8

  @Test
  void aLatin1TaskFileNamesTheLineColumnAndByteOfTheFirstBadByte() throws IOException {
    String text = TestTasks.TASK.replace("domain: news article", "domain: café news");
    byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
    int offset = text.indexOf('é');
    String message = errorOf("task.yaml", latin1);
    assertThat(message).isEqualTo(dir.resolve("task.yaml") + ":2:12: not UTF-8 text: byte 0xE9 at "
        + "offset " + offset + "; save the file as UTF-8");
  }

  @Test
  void aNonUtf8AttributeFileIsNamedWithItsLine() throws IOException {
    String text = TestTasks.STYLE.replace("breaking news", "naïve diary");
    String message = errorOf("attributes/style.yaml", text.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(message).startsWith(dir.resolve("attributes/style.yaml") + ":6:7: not UTF-8 text: byte 0xEF")
        .endsWith("save the file as UTF-8");
  }

  @Test
  void aUtf16FileIsRecognisedAsSuch() throws IOException {
    String message = errorOf("task.yaml", TestTasks.TASK.getBytes(StandardCharsets.UTF_16LE) /* no BOM */);
    assertThat(message).isEqualTo(dir.resolve("task.yaml") + ":1:2: not UTF-8 text: byte 0x00 at offset 1 "
        + "(the file looks like UTF-16); save the file as UTF-8");
    byte[] bom = TestTasks.TASK.getBytes(StandardCharsets.UTF_16); // big-endian with its byte-order mark
    message = errorOf("task.yaml", bom);
    assertThat(message).contains("byte 0xFE at offset 0 (the file looks like UTF-16); save the file as UTF-8");
  }

  @Test
  void aUtf8ByteOrderMarkIsAccepted() throws IOException {
    TestTasks.write(dir);
    byte[] text = TestTasks.TASK.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[text.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, withBom, 3, text.length);
    Files.write(dir.resolve("task.yaml"), withBom);
    assertThat(Task.load(dir).name()).isEqualTo("mini");
  }

  // --- labels that cannot become ids

  @ParameterizedTest
  @ValueSource(strings = {"\"!!!\"", "\"../../etc\"", "a/b", "'..\\\\x'", "\"  \"", "\"--\""})
  void aLabelThatCannotBeAnIdIsRefusedWithItsLine(String label) throws IOException {
    String message = errorOf("task.yaml", "domain: news\nlabels:\n  - sports\n  - " + label + "\n");
    assertThat(message).startsWith(dir.resolve("task.yaml") + ":4:5: label '")
        .containsAnyOf("has no letter or digit", "contains a path separator", "is empty")
        .contains("attrprompt refuses them rather than rewrite the ids");
  }

  @Test
  void aLabelInMappingFormIsCheckedToo() throws IOException {
    String message = errorOf("task.yaml",
        "domain: news\nlabels:\n  - sports\n  - name: \"a/b\"\n    description: x\n");
    assertThat(message).startsWith(dir.resolve("task.yaml") + ":4:11: label 'a/b' contains a path separator");
  }

  @Test
  void labelsWithLettersOrDigitsKeepTheirIds() throws IOException {
    Files.writeString(dir.resolve("task.yaml"), "domain: news\nlabels:\n  - Sci Tech\n  - économie\n  - c++\n  - .net\n"
        + "  - 'Distributed, Parallel, and Cluster Computing'\n  - '2024'\n");
    Task task = Task.load(dir);
    Plan plan = Plan.of(task, new PlanOptions(Method.SIMPROMPT, 1, 7, SamplingMode.UNIFORM));
    assertThat(plan.requests().map(PlannedRequest::id).toList()).containsExactly("sci_tech-000000",
        "économie-000000", "c++-000000", ".net-000000",
        "distributed,_parallel,_and_cluster_computing-000000", "2024-000000");
  }

  @Test
  void initWithLabelsRefusesABadLabelAndWritesNothing() {
    Path target = dir.resolve("new-task");
    assertThatThrownBy(() -> TaskInit.blank(target, List.of("sports", "!!!"), "news", Optional.empty()))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("labels: label '!!!' has no letter or digit");
    assertThat(target).doesNotExist();
  }

  @Test
  void importingAReleaseFolderRefusesABadLabelAndWritesNothing() throws IOException {
    Path release = dir.resolve("release");
    Files.createDirectories(release);
    Files.writeString(release.resolve("label.txt"), "sports\n../../etc\n", StandardCharsets.UTF_8);
    Path target = dir.resolve("imported");
    assertThatThrownBy(() -> TaskInit.fromRelease(target, release, Optional.of("news"), Optional.empty()))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith(release.resolve("label.txt") + ": label '../../etc' contains a path separator");
    assertThat(target).doesNotExist();
  }

  // --- malformed template tags

  private String templateError(String template) throws IOException {
    return errorOf("task.yaml", TestTasks.TASK + "templates:\n  simprompt: |\n    Write one news article.\n    "
        + template + "\n");
  }

  @Test
  void aTagClosedWithOneBraceIsRefusedAtItsPlace() throws IOException {
    String message = templateError("It is about {{label}} in the {{ domain } style.");
    assertThat(message).isEqualTo(dir.resolve("task.yaml") + ":14:34: template 'templates.simprompt' has a "
        + "tag that is not closed, '{{ domain } style.'; close it with '}}', e.g. {{domain}}");
  }

  @Test
  void anUnclosedTagAtTheEndIsRefused() throws IOException {
    String message = templateError("It is about {{label");
    assertThat(message).startsWith(dir.resolve("task.yaml") + ":14:17: template 'templates.simprompt' has a "
        + "tag that is not closed, '{{label'");
  }

  @Test
  void aTagOpenedWithOneBraceIsRefused() throws IOException {
    String message = templateError("It is about { label}} now.");
    assertThat(message).startsWith(dir.resolve("task.yaml") + ":14:17: template 'templates.simprompt' has a "
        + "tag opened with one brace, '{ label}}'");
  }

  @Test
  void anUnknownFieldWithSpacesIsRefused() throws IOException {
    String message = templateError("It is about {{ unknown_field }}.");
    assertThat(message).startsWith(dir.resolve("task.yaml") + ":14:17: template 'templates.simprompt' uses "
        + "{{unknown_field}}, which names no dimension or field;");
  }

  @Test
  void singleBracesAroundAFieldNameAreRefused() throws IOException {
    String message = templateError("It is about {label}.");
    assertThat(message).isEqualTo(dir.resolve("task.yaml") + ":14:17: template 'templates.simprompt' has "
        + "'{label}' with single braces, which would reach the LLM as written; write {{label}}");
  }

  @Test
  void aTagThatNamesNothingIsRefused() throws IOException {
    String message = templateError("It is about {{ }} and {{a b}}.");
    assertThat(message).contains(":14:17:").contains("has the tag '{{ }}', which names no field");
  }

  @Test
  void aMalformedPhraseInAnAttributeFileIsRefusedThere() throws IOException {
    String message = errorOf("attributes/style.yaml",
        "phrase: \"Write it as {{ value }.\"\n" + TestTasks.STYLE);
    assertThat(message).startsWith(dir.resolve("attributes/style.yaml") + ":1:22: template 'phrase' has a "
        + "tag that is not closed, '{{ value }.'");
    message = errorOf("attributes/style.yaml", "phrase: \"Style: {{domain}}.\"\n" + TestTasks.STYLE);
    assertThat(message).startsWith(dir.resolve("attributes/style.yaml") + ":1:17: template 'phrase' uses "
        + "{{domain}}, which names no dimension or field; a phrase may use value, name, label");
  }

  @Test
  void wellFormedTemplatesStillLoad() throws IOException {
    TestTasks.write(dir, TestTasks.TASK + "templates:\n  attrprompt: |\n    A {{domain}} about {{label}}"
        + "{{#source}} from {{source}}{{/source}}.\n    {{#attributes}}\n    - {{phrase}}\n    {{/attributes}}\n"
        + "    {{! a comment }}Reply as JSON: {\"text\": \"...\"}\n");
    assertThat(Task.load(dir).templates().attrprompt()).contains("{{#attributes}}");
  }

  // --- huge files

  @Test
  void anAttributeFileOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
    TestTasks.write(dir);
    Path big = dir.resolve("attributes/huge.yaml");
    try (OutputStream out = Files.newOutputStream(big)) {
      out.write("scope: independent\nvalues:\n".getBytes(StandardCharsets.UTF_8));
      byte[] line = "  - a value that is repeated to make a file of fifty megabytes\n".getBytes(StandardCharsets.UTF_8);
      for (long written = 0; written < 50_000_000; written += line.length) {
        out.write(line);
      }
    }
    String message = errorOfLoad();
    assertThat(message).startsWith(big + ": 50.0 MB is over the 8 MB limit for task and attribute files")
        .contains("parsed whole in memory");
  }
}
