package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init --from-attrprompt on the release folders in ../shared/data, then prompts and estimate. */
class InitFromReleaseSharedDataTest {
  @TempDir Path tmp;

  static Path release(String name) {
    String configured = System.getProperty("attrprompt.shared.data");
    Path data = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
    Path dir = data.resolve("attrprompt-attributes").resolve(name);
    if (!dir.toFile().isDirectory()) {
      throw new IllegalStateException("the shared real data is missing: expected " + dir.toAbsolutePath());
    }
    return dir;
  }

  @Test
  void arxivImportsAsMultiLabelAndItsPromptsCarryLabelLists() {
    Path dir = tmp.resolve("arxiv");
    CliTest.Result init = CliTest.run("init", dir.toString(), "--from-attrprompt", release("arxiv").toString());
    assertThat(init.code()).isZero();
    assertThat(init.out()).contains("98 labels (multi-label)");
    CliTest.Result prompts = CliTest.run("prompts", dir.toString(), "--per-class", "2", "--json");
    List<JsonNode> lines = prompts.out().lines().map(CliTest::parse).toList();
    assertThat(lines).hasSize(196);
    assertThat(lines).allSatisfy(l -> assertThat(l.get("labels").isArray()).isTrue());
    assertThat(lines).allSatisfy(l -> assertThat(l.get("labels").toString()).contains(l.get("label").asText()));
  }

  @Test
  void agnewsImportsAndPricesLikeThePaperSetUp() {
    Path dir = tmp.resolve("agnews");
    assertThat(CliTest.run("init", dir.toString(), "--from-attrprompt", release("agnews").toString(),
        "--domain", "news", "--source", "AG News").code()).isZero();
    CliTest.Result estimate = CliTest.run("estimate", dir.toString(), "--per-class", "100",
        "--model", "gpt-3.5-turbo", "--json");
    JsonNode e = CliTest.parse(estimate.out());
    assertThat(e.get("requests").asLong()).isEqualTo(400);
    assertThat(e.get("encoding").asText()).isEqualTo("cl100k_base");
    // lengths 30 and 100 ask for 55 or 125 words on average: 74 or 167 tokens each
    assertThat(e.get("output_tokens").asLong()).isBetween(400L * 74, 400L * 167);
  }
}
