package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewCommandTest {
  @TempDir Path tmp;

  private static List<String> values(JsonNode review, String dimension, String label) {
    List<String> out = new ArrayList<>();
    for (JsonNode d : review.get("dimensions")) {
      if (d.get("name").asText().equals(dimension)) {
        JsonNode list = label == null ? d.get("values") : d.get("values").get(label);
        list.forEach(v -> out.add(v.get("value").asText() + " | " + v.get("provenance").asText()));
      }
    }
    return out;
  }

  @Test
  void rejectsAddsAndEditsAreWrittenAsAPersons() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    CliTest.Result r = CliTest.run("attributes", "review", task.toString(), "--json",
        "--reject", "tone:terse, a few short sentences",
        "--add", "subtopic:billing:VAT reverse charge on an EU invoice",
        "--edit", "location:Kenya=Ghana");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode review = CliTest.parse(r.out());
    assertThat(review.get("changes").asInt()).isEqualTo(3);
    assertThat(values(review, "tone", null)).hasSize(5).noneMatch(v -> v.startsWith("terse"));
    assertThat(values(review, "subtopic", "billing"))
        .contains("VAT reverse charge on an EU invoice | written by a person: attributes review");
    assertThat(values(review, "location", null)).contains("Ghana | written by a person: attributes review")
        .noneMatch(v -> v.startsWith("Kenya"));
    assertThat(Files.readString(task.resolve("attributes/location.yaml"))).contains("Ghana").doesNotContain("Kenya");
    // the edited set still plans
    assertThat(CliTest.run("prompts", task.toString(), "--per-class", "1", "--json").code()).isZero();
  }

  @Test
  void aValueThatDoesNotExistIsOneLineExit2AndChangesNothing() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    String before = Files.readString(task.resolve("attributes/tone.yaml"));
    CliTest.Result r = CliTest.run("attributes", "review", task.toString(), "--reject", "tone:sarcastic");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: reject tone:sarcastic: no such value");
    CliTest.Result dep = CliTest.run("attributes", "review", task.toString(), "--reject", "subtopic:dark mode");
    assertThat(dep.code()).isEqualTo(2);
    assertThat(dep.err()).contains("use subtopic:LABEL:VALUE");
    assertThat(Files.readString(task.resolve("attributes/tone.yaml"))).isEqualTo(before);
  }

  @Test
  void onATerminalAPersonTypesChanges() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    ReviewCommand command = new ReviewCommand();
    command.terminal = new java.io.BufferedReader(new java.io.StringReader(
        "reject tone:polite and patient\nhello\nadd customer:a hospital purchasing officer\n\n"));
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(command);
    cli.setOut(new java.io.PrintWriter(out));
    assertThat(cli.execute(task.toString())).isZero();
    assertThat(out.toString()).contains("(not understood").contains("2 change(s) written");
    assertThat(Files.readString(task.resolve("attributes/tone.yaml"))).doesNotContain("polite and patient");
    assertThat(Files.readString(task.resolve("attributes/customer.yaml"))).contains("a hospital purchasing officer");
  }

  @Test
  void disablingADimensionAndChangingSimilarClassesAreWrittenAndPlansFollowThem() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    CliTest.Result r = CliTest.run("attributes", "review", task.toString(), "--json",
        "--disable", "tone", "--similar", "billing=cancellation, account access",
        "--add", "location:Ghana");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode review = CliTest.parse(r.out());
    assertThat(review.get("changes").asInt()).isEqualTo(3);
    for (JsonNode d : review.get("dimensions")) {
      assertThat(d.get("enabled").asBoolean()).as(d.get("name").asText()).isEqualTo(!d.get("name").asText().equals("tone"));
    }
    assertThat(review.get("similar").get("billing").toString()).isEqualTo("[\"cancellation\",\"account_access\"]");
    assertThat(Files.readString(task.resolve("attributes/tone.yaml"))).contains("enabled: false");
    assertThat(values(review, "location", null)).contains("Ghana | written by a person: attributes review");
    // a disabled dimension stays in the files but plans no longer sample it
    JsonNode prompts = CliTest.parse(CliTest.run("prompts", task.toString(), "--per-class", "2", "--json").out());
    assertThat(prompts.toString()).contains("\"location\"").doesNotContain("\"tone\"");

    CliTest.Result back = CliTest.run("attributes", "review", task.toString(), "--enable", "tone",
        "--similar", "billing=");
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(back.out()).contains("2 change(s) written").contains("tone (independent)")
        .doesNotContain("similar billing=");
  }

  @Test
  void anUnknownDimensionOrLabelIsOneLineExit2() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    CliTest.Result dim = CliTest.run("attributes", "review", task.toString(), "--disable", "mood");
    assertThat(dim.code()).isEqualTo(2);
    assertThat(dim.err().strip()).startsWith("error: disable mood: no dimension 'mood'; use one of:")
        .doesNotContain("\n");
    CliTest.Result label = CliTest.run("attributes", "review", task.toString(), "--similar", "billing=sales");
    assertThat(label.code()).isEqualTo(2);
    assertThat(label.err().strip()).startsWith("error: similar billing=sales: 'sales' is not a label of the task");
  }
}
