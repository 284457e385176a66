package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init --label-role, the prompts it words, and estimates that price both methods alike. */
class LabelRoleCliTest {
  @TempDir Path tmp;

  @Test
  void initLabelsTakesALabelRoleThatWordsThePrompts() throws Exception {
    Path dir = tmp.resolve("reviews");
    CliTest.Result init = CliTest.run("init", dir.toString(), "--labels", "positive,negative",
        "--domain", "movie review", "--label-role", "sentiment");
    assertThat(init.code()).isZero();
    assertThat(init.out()).contains("2 labels, domain \"movie review\", label role sentiment");
    assertThat(Files.readString(dir.resolve("task.yaml"))).contains("label_role: sentiment");
    CliTest.Result prompts = CliTest.run("prompts", dir.toString(), "--method", "simprompt",
        "--per-class", "1", "--json");
    List<String> texts = prompts.out().lines().map(l -> CliTest.parse(l).get("prompt").asText())
        .toList();
    assertThat(texts).containsExactly(
        "Write one positive movie review.\nIts overall rating is positive.\n"
            + "Reply with the movie review only, with no title and no comments before or after it.",
        "Write one negative movie review.\nIts overall rating is negative.\n"
            + "Reply with the movie review only, with no title and no comments before or after it.");
  }

  @Test
  void anUnknownLabelRoleIsOneLineExitTwoAndWritesNothing() {
    Path dir = tmp.resolve("never");
    CliTest.Result r = CliTest.run("init", dir.toString(), "--labels", "a,b", "--domain", "post",
        "--label-role", "mood");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: unknown --label-role 'mood'; use one of topic, "
        + "sentiment, category, community, tag");
    assertThat(dir).doesNotExist();
  }

  @Test
  void simPromptAndAttrPromptArePricedAtTheirExpectedLengthWithTheBoundBeside() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("example"));
    JsonNode sim = CliTest.parse(CliTest.run("estimate", task.toString(), "--method", "simprompt",
        "--per-class", "10", "--model", "gpt-4o-mini", "--json").out());
    JsonNode attr = CliTest.parse(CliTest.run("estimate", task.toString(), "--method",
        "attrprompt", "--per-class", "10", "--model", "gpt-4o-mini", "--json").out());
    // the example's max_tokens is 300: a typical 300-word reply (400 tokens) is capped at it
    assertThat(sim.get("output_tokens_bound").asLong()).isEqualTo(50 * 300);
    assertThat(attr.get("output_tokens_bound").asLong()).isEqualTo(50 * 300);
    assertThat(sim.get("output_tokens_basis").asText())
        .isEqualTo("a typical unconstrained reply of about 300 words, capped by max_tokens");
    assertThat(attr.get("output_tokens_basis").asText()).isEqualTo("the requested word ranges");
    assertThat(attr.get("output_tokens").asLong()).isLessThan(attr.get("output_tokens_bound").asLong());
    assertThat(sim.get("usd_bound").asDouble()).isGreaterThanOrEqualTo(sim.get("usd").asDouble());

    Path blank = tmp.resolve("blank"); // max_tokens 512, above the typical reply
    assertThat(CliTest.run("init", blank.toString(), "--labels", "a,b", "--domain", "news article")
        .code()).isZero();
    CliTest.Result text = CliTest.run("estimate", blank.toString(), "--method", "simprompt",
        "--per-class", "10", "--model", "gpt-4o-mini");
    assertThat(text.out()).contains("output tokens  8,000 expected (a typical unconstrained reply "
        + "of about 300 words, capped by max_tokens); at most 10,240 (max_tokens per request)");
  }
}
