package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume compares the whole manifest: any other option is refused in one line naming it and
 * both values, and nothing is bought; new screening rules need --rescreen and are recorded.
 */
class RunResumeTest {
  @TempDir Path tmp;

  static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "k");

  @Test
  void anotherModelBaseUrlTemperatureOrRuleIsRefusedInOneLineAndBuysNothing() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).build());
        Simulator other = Simulator.start(SimulatorConfig.builder().port(0).build())) {
      String url = sim.baseUrl().toString();
      String[] base = {task.toString(), "--per-class", "4", "--out", run.toString(), "--base-url", url};
      assertThat(GenerateWithSimulatorTest.generate(ENV, base).code()).isZero();
      long served = sim.stats().requests();
      Map<String[], String> refused = Map.of(
          plus(base, "--model", "gpt-4o"), "--model was gpt-4o-mini when the run began, not gpt-4o",
          plus(base, "--min-words", "100000"), "--min-words was 5 when the run began, not 100000",
          plus(base, "--max-rounds", "2"), "--max-rounds was 6 when the run began, not 2",
          plus(base, "--mode", "balanced"), "--mode was uniform when the run began, not balanced");
      for (Map.Entry<String[], String> e : refused.entrySet()) {
        CliTest.Result r = GenerateWithSimulatorTest.generate(ENV, e.getKey());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(e.getValue());
        assertThat(r.err().strip().lines()).hasSize(1);
      }
      String[] moved = base.clone();
      moved[moved.length - 1] = other.baseUrl().toString();
      CliTest.Result r = GenerateWithSimulatorTest.generate(ENV, moved);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("--base-url was " + url + " when the run began, not " + other.baseUrl());

      Files.writeString(task.resolve("task.yaml"), Files.readString(task.resolve("task.yaml"))
          .replace("temperature: 1.0", "temperature: 0.7"));
      CliTest.Result hot = GenerateWithSimulatorTest.generate(ENV, base);
      assertThat(hot.code()).isEqualTo(2);
      assertThat(hot.err()).contains("was").contains("when the run began");
      assertThat(sim.stats().requests()).as("nothing bought by a refused resume").isEqualTo(served);
      assertThat(other.stats().requests()).isZero();
    }
  }

  @Test
  void newScreeningRulesWithRescreenAreRecordedAndBuyOnlyTheNewShortfall() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path run = tmp.resolve("run");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).build())) {
      String[] base = {task.toString(), "--per-class", "6", "--out", run.toString(), "--base-url",
          sim.baseUrl().toString()};
      assertThat(GenerateWithSimulatorTest.generate(ENV, base).code()).isZero();
      long servedBefore = sim.stats().requests();
      long plannedBefore = totals(run).get("requests").asLong();
      // a word floor above some of the accepted texts' lengths
      String[] stricter = plus(base, "--min-words", "60", "--rescreen");
      CliTest.Result r = GenerateWithSimulatorTest.generate(ENV, stricter);
      assertThat(r.code()).as(r.out() + r.err()).isIn(0, 1);
      JsonNode totals = totals(run);
      long bought = sim.stats().requests() - servedBefore;
      assertThat(bought).as("only the new shortfall, each once").isEqualTo(totals.get("requests").asLong() - plannedBefore);
      assertThat(bought).isPositive();
      assertThat(totals.get("rejected").asLong()).isPositive();

      Path export = tmp.resolve("export");
      assertThat(CliTest.run("export", run.toString(), "--out", export.toString()).code()).isZero();
      String card = Files.readString(export.resolve("README.md"));
      assertThat(card).contains("| screening rules in force | min_words 60, max_words 2000, near_duplicate 0.8 |")
          .contains("min_words 5 → 60");
    }
  }

  @Test
  void aFolderThatIsNotARunIsRefusedAndAFailedStartLeavesNoFolder() throws Exception {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path notes = tmp.resolve("notes");
    Files.createDirectories(notes);
    Files.writeString(notes.resolve("notes.txt"), "mine");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).build())) {
      CliTest.Result r = GenerateWithSimulatorTest.generate(ENV, task.toString(), "--per-class", "2", "--out",
          notes.toString(), "--base-url", sim.baseUrl().toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("holds files but no run");
      try (Stream<Path> files = Files.list(notes)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
      }
      assertThat(sim.stats().requests()).isZero();
      // a start refused after the folder would be made (an unknown price with a budget) leaves nothing
      CliTest.Result priced = GenerateWithSimulatorTest.generate(ENV, task.toString(), "--per-class", "2", "--out",
          tmp.resolve("new").toString(), "--base-url", sim.baseUrl().toString(), "--model", "local", "--budget-usd", "1");
      assertThat(priced.code()).isEqualTo(2);
      // and so does a task that cannot be planned (no attribute dimensions for attrprompt)
      Path blank = tmp.resolve("blank");
      dev.attrprompt.task.TaskInit.blank(blank, java.util.List.of("yes", "no"), "answer", java.util.Optional.empty());
      CliTest.Result unplannable = GenerateWithSimulatorTest.generate(ENV, blank.toString(), "--per-class", "2", "--out",
          tmp.resolve("new").toString(), "--base-url", sim.baseUrl().toString());
      assertThat(unplannable.code()).isEqualTo(2);
      assertThat(unplannable.err()).contains("no enabled attribute dimensions");
      try (Stream<Path> files = Files.list(tmp)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("task", "notes", "blank");
      }
    }
  }

  private static JsonNode totals(Path run) {
    return CliTest.parse(CliTest.run("status", run.toString(), "--json").out()).get("totals");
  }

  static String[] plus(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }
}
