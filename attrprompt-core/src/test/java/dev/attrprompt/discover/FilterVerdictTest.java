package dev.attrprompt.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
import dev.attrprompt.attributes.Scope;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What discovery left on disk for a person to review: filter verdicts and proposed dimensions. */
class FilterVerdictTest {
  @TempDir Path dir;

  @Test
  void verdictsAreReadFromTheRecordInOrder() throws IOException {
    Task task = Task.load(TestTasks.write(dir.resolve("t")));
    assertThat(FilterVerdict.read(task)).isEmpty();
    assertThat(Discovery.proposals(task)).isEmpty();
    Files.createDirectories(task.dir().resolve("discovery"));
    Files.writeString(task.dir().resolve("discovery/record.json"), """
        {"model": "m", "exchanges": [], "drops": {},
         "filter_verdicts": [
          {"dimension": "subtopic", "label": "world", "value": "doping case", "answer": "Yes.", "verdict": "removed"},
          {"dimension": "subtopic", "label": "world", "value": "elections", "answer": "No", "verdict": "kept"}]}
        """);
    List<FilterVerdict> verdicts = FilterVerdict.read(task);
    assertThat(verdicts).containsExactly(
        new FilterVerdict("subtopic", "world", "doping case", "Yes.", "removed"),
        new FilterVerdict("subtopic", "world", "elections", "No", "kept"));
    assertThat(verdicts.get(0).removed()).isTrue();
    assertThat(verdicts.get(1).removed()).isFalse();
    Map<String, FilterVerdict> byKey = FilterVerdict.byKey(verdicts);
    assertThat(byKey.keySet()).containsExactly("subtopic:world:doping case", "subtopic:world:elections");
  }

  @Test
  void aBrokenRecordIsOneClearError() throws IOException {
    Task task = Task.load(TestTasks.write(dir.resolve("t")));
    Files.createDirectories(task.dir().resolve("discovery"));
    Files.writeString(task.dir().resolve("discovery/record.json"), "{\"filter_verdicts\": [");
    assertThatThrownBy(() -> FilterVerdict.read(task)).isInstanceOf(UserError.class)
        .hasMessageContaining("record.json: cannot read the discovery record");
  }

  @Test
  void proposalsCarryThePersonsKeepFlags() throws IOException {
    Task task = Task.load(TestTasks.write(dir.resolve("t")));
    Proposals.write(task.dir().resolve("discovery").resolve(Proposals.FILE), List.of(
        new ProposedDimension("subtopic", Scope.DEPENDENT, true), new ProposedDimension("tone", Scope.INDEPENDENT, false)));
    assertThat(Discovery.proposals(task)).containsExactly(new ProposedDimension("subtopic", Scope.DEPENDENT, true),
        new ProposedDimension("tone", Scope.INDEPENDENT, false));
  }
}
