package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import dev.attrprompt.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Imported release folders (../shared/data), generated against the simulator: whatever way a
 * dataset's prompts name the label, the simulated texts carry it, keep to the requested length
 * and name the requested location.
 */
class GenerateReleaseWithSimulatorSharedDataTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      sst-2         | simulated movie review            | rated
      yelp          | simulated restaurant review       | rated
      reddit        | simulated Reddit post             |
      stackexchange | simulated Stack Exchange question |
      amazon        | simulated Amazon review           |
      nyt           | simulated news article            |
      """)
  void simulatedTextsCarryTheLabelTheLengthAndTheLocation(String dataset, String opening,
      String rated) throws Exception {
    Path taskDir = tmp.resolve(dataset);
    assertThat(CliTest.run("init", taskDir.toString(), "--from-attrprompt",
        InitFromReleaseSharedDataTest.release(dataset).toString()).code()).isZero();
    Task task = Task.load(taskDir);
    Path run = tmp.resolve("run-" + dataset);
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).key("k").seed(5)
        .build())) {
      CliTest.Result r = GenerateWithSimulatorTest.generate(Map.of("OPENAI_API_KEY", "k"),
          taskDir.toString(), "--per-class", "2", "--out", run.toString(), "--base-url",
          sim.baseUrl().toString(), "--concurrency", "8");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
    }
    Path export = tmp.resolve("export-" + dataset);
    assertThat(CliTest.run("export", run.toString(), "--out", export.toString()).code()).isZero();
    List<JsonNode> samples = Files.readAllLines(export.resolve("data.jsonl")).stream()
        .map(CliTest::parse).toList();
    assertThat(samples).hasSize(task.labels().size() * 2);
    for (JsonNode s : samples) {
      String text = s.get("text").asText();
      String display = task.label(s.get("label").asText()).orElseThrow().display();
      assertThat(text).as(s.get("id").asText()).containsIgnoringCase(opening).contains(display);
      if (rated != null) {
        // a review that gives the rating, not one about it
        assertThat(text).as(s.get("id").asText()).doesNotContain("about " + display);
      }
      int low = Integer.parseInt(s.get("attributes").get("length").asText());
      assertThat(text.strip().split("\\s+").length).as(s.get("id").asText())
          .isBetween(low, low + 50);
      JsonNode location = s.get("attributes").get("location");
      if (location != null) {
        assertThat(text).as(s.get("id").asText()).contains(location.asText());
      }
    }
  }
}
