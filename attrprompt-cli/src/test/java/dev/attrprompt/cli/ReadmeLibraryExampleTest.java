package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Secret;
import dev.attrprompt.run.Exporter;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunConfig;
import dev.attrprompt.run.RunEvent;
import dev.attrprompt.run.RunResult;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import dev.attrprompt.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example, line for line, with its folders in a temporary directory. */
class ReadmeLibraryExampleTest {
  @TempDir Path tmp;

  @Test
  void theReadmeRunGeneratesTwentyPerLabelWithinItsBudgetAndExports() throws Exception {
    Task task = Task.load(BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("examples/support-tickets")));
    List<String> printed = new ArrayList<>();
    RunResult result;
    // from here as in README.md, with System.out.println as printed::add and paths under tmp
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).build());
        Run run = Run.create(tmp.resolve("runs/library"), task, RunConfig.builder(task).perClass(20).budgetUsd(0.50).build())) {
      run.onEvent(event -> {
        if (event instanceof RunEvent.Screened s) printed.add("accepted so far: " + s.accepted());
      });
      result = run.generate(LlmConfig.builder().baseUrl(sim.baseUrl().toString())
          .apiKey(Secret.of("any")).model(run.manifest().generation().model()).build());
      printed.add(result.message() + "; spent $" + run.status().usage().usd());
      run.export(tmp.resolve("datasets/library"), new Exporter.Options(Exporter.Format.JSONL, Map.of(), false));
    }
    assertThat(result.complete()).isTrue();
    assertThat(printed).isNotEmpty();
    assertThat(printed.get(printed.size() - 1)).startsWith("every label has 20 accepted samples; spent $");
    assertThat(Files.readAllLines(tmp.resolve("datasets/library/data.jsonl"))).hasSize(100);
    assertThat(result.status().usage().usd()).isPositive().isLessThanOrEqualTo(0.50);
  }
}
