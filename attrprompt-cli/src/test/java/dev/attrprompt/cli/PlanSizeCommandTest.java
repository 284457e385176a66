package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ten million per label: estimated from a sample, refused as a run before anything is written. */
class PlanSizeCommandTest {
  @TempDir Path tmp;

  @Test
  void estimateAtTenMillionPerLabelCountsASampleAndStatesItsMargin() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    CliTest.Result r = CliTest.run("estimate", task.toString(), "--per-class", "10000000", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode e = CliTest.parse(r.out());
    assertThat(e.get("requests").asLong()).isEqualTo(50_000_000L);
    assertThat(e.get("counted").asText()).isEqualTo("sample");
    assertThat(e.get("sampled_per_label").asInt()).isEqualTo(10_000);
    long input = e.get("input_tokens").asLong();
    // the bundled task's prompts run to about a hundred tokens each
    assertThat(input / 50_000_000L).isBetween(50L, 400L);
    assertThat(e.get("input_tokens_margin_95").asLong()).isPositive().isLessThan(input / 100);

    CliTest.Result text = CliTest.run("estimate", task.toString(), "--per-class", "10000000");
    assertThat(text.out()).contains("from 10,000 sampled prompts per label");
  }

  @Test
  void planOnlyAtTenMillionPerLabelIsRefusedInOneLineAndWritesNothing() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    CliTest.Result r = CliTest.run("generate", task.toString(), "--per-class", "10000000", "--plan-only",
        "--out", run.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: --per-class 10,000,000 plans 50,000,000 requests (5 labels)")
        .contains("use --per-class 200,000 or less per run").doesNotContain("\n").doesNotContain("Exception");
    assertThat(run).doesNotExist();
    // the same folder then takes a plan of another size
    CliTest.Result small = CliTest.run("generate", task.toString(), "--per-class", "3", "--plan-only",
        "--out", run.toString());
    assertThat(small.code()).as(small.err()).isZero();
    assertThat(small.out()).contains("15 requests wait for answers");
  }
}
