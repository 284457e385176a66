package dev.attrprompt.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.task.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class AnswersTest {

  @Provide
  Arbitrary<List<String>> itemLists() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '-').ofMinLength(2).ofMaxLength(25)
        .map(String::strip).filter(s -> s.length() > 1 && Character.isLetter(s.charAt(0)) && !s.contains("  "))
        .filter(s -> !s.matches("(?i)(sure|certainly|of course|here|below|i hope|let me|feel free|these are|note|ok).*"))
        .list().ofMinSize(1).ofMaxSize(12).uniqueElements(s -> s.toLowerCase(Locale.ROOT));
  }

  @Provide
  Arbitrary<String> styles() {
    return Arbitraries.of("%d. %s", "%d) %s", "- %s", "* %s", "• %s", "%d. **%s**", "%d. \"%s\"");
  }

  @Property
  void numberedOrBulletedListsSurvivePreamblesSignOffsAndRepeats(@ForAll("itemLists") List<String> items,
      @ForAll("styles") String style, @ForAll boolean preamble, @ForAll boolean signOff, @ForAll boolean repeat) {
    List<String> lines = new ArrayList<>();
    if (preamble) {
      lines.add("Sure! Here are some options you could use:");
      lines.add("");
    }
    for (int i = 0; i < items.size(); i++) {
      lines.add(String.format(style.contains("%d") ? style : style.replace("%s", "%2$s"), i + 1, items.get(i)));
    }
    if (repeat) {
      lines.add(String.format(style.contains("%d") ? style : style.replace("%s", "%2$s"), 99, items.get(0).toUpperCase(Locale.ROOT)));
    }
    lines.add("   ");
    if (signOff) {
      lines.add("I hope this helps!");
    }
    var result = Answers.list(String.join("\n", lines));
    assertThat(result.items()).containsExactlyElementsOf(items);
    assertThat(result.repeated()).isEqualTo(repeat ? 1 : 0);
  }

  @Example
  void plainLinesAndCommaListsAreReadToo() {
    assertThat(Answers.list("Here are the values:\nalpha\nbeta\n\nbeta\n").items()).containsExactly("alpha", "beta");
    assertThat(Answers.list("red, green, blue").items()).containsExactly("red", "green", "blue");
    assertThat(Answers.list("I cannot help with that.").items()).containsExactly("I cannot help with that.");
    assertThat(Answers.list("").items()).isEmpty();
  }

  @Example
  void dimensionNamesLabelsAndYesNo() {
    assertThat(Answers.dimensionName("Writing style: formal or casual")).contains("writing_style");
    assertThat(Answers.dimensionName("Target audience (who reads it)")).contains("target_audience");
    assertThat(Answers.dimensionName("123")).isEmpty();
    List<Label> labels = List.of(Label.of("Sci Tech"), Label.of("World"), Label.of("build_a_pc"));
    assertThat(Answers.label("sci tech", labels)).contains(Label.of("Sci Tech"));
    assertThat(Answers.label("3. **World**", labels)).contains(Label.of("World"));
    assertThat(Answers.label("buildapc", labels)).contains(Label.of("build_a_pc"));
    assertThat(Answers.label("Politics", labels)).isEmpty();
    assertThat(Answers.yesNo("Yes, it is.")).contains(true);
    assertThat(Answers.yesNo("1")).contains(true);
    assertThat(Answers.yesNo("no")).contains(false);
    assertThat(Answers.yesNo("0\n")).contains(false);
    assertThat(Answers.yesNo("Perhaps")).isEqualTo(Optional.empty());
  }

  @Property(tries = 200)
  void yesNoDecidesOnTheFirstWordOnly(@ForAll @Size(max = 40) String rest, @ForAll boolean yes) {
    assertThat(Answers.yesNo((yes ? "Yes" : "No") + ". " + rest)).contains(yes);
    assertThat(Answers.yesNo("Maybe " + rest)).isEmpty();
  }
}
