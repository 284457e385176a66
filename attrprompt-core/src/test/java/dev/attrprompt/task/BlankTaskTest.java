package dev.attrprompt.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blank task made from what a person typed: labels as one text, a domain, a role. */
class BlankTaskTest {
  @TempDir Path dir;

  @Test
  void labelsAreCommaSeparatedOrOnePerLine() {
    assertThat(TaskInit.labelList(" World, Sports,,Sci Tech ,")).containsExactly("World", "Sports", "Sci Tech");
    assertThat(TaskInit.labelList("Distributed, Parallel Computing\r\n\n  Robotics \n"))
        .containsExactly("Distributed, Parallel Computing", "Robotics");
    assertThat(TaskInit.labelList(" \n ")).isEmpty();
    assertThat(TaskInit.labelList(" , ")).isEmpty();
  }

  @Test
  void aBlankTaskKeepsWhatWasTypedStripped() {
    Task t = TaskInit.blank(dir.resolve("reviews"), TaskInit.labelList("Positive, negative"), "  movie review ",
        Optional.of("  "), LabelRole.SENTIMENT);
    assertThat(t.labels().stream().map(Label::name).toList()).containsExactly("positive", "negative");
    assertThat(t.domain()).isEqualTo("movie review");
    assertThat(t.source()).isEmpty();
    assertThat(t.labelRole()).isEqualTo(LabelRole.SENTIMENT);
    assertThat(t.attributes().dimensions()).isEmpty();
    assertThat(Task.load(dir.resolve("reviews")).name()).isEqualTo("reviews");
  }

  @Test
  void eachMistakeIsOneLineAndNothingIsWritten() {
    Path target = dir.resolve("t");
    assertThatThrownBy(() -> TaskInit.blank(target, List.of("a", "b"), " ", Optional.empty(), LabelRole.TOPIC))
        .isInstanceOf(UserError.class).hasMessage("domain: say what kind of text to write, e.g. \"news article\"");
    assertThatThrownBy(() -> TaskInit.blank(target, List.of("a"), "news", Optional.empty(), LabelRole.TOPIC))
        .isInstanceOf(UserError.class).hasMessage("labels: a task needs at least two labels, separated by commas");
    assertThatThrownBy(() -> TaskInit.blank(target, List.of("Sports", "sports"), "news", Optional.empty(),
        LabelRole.TOPIC)).isInstanceOf(UserError.class).hasMessageContaining("listed twice");
    assertThatThrownBy(() -> TaskInit.blank(target, List.of("a", "../x"), "news", Optional.empty(),
        LabelRole.TOPIC)).isInstanceOf(UserError.class).hasMessageStartingWith("labels: ");
    assertThat(target).doesNotExist();
    assertThat(dir).isEmptyDirectory();
  }
}
