package dev.attrprompt.post;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class TextCleanerTest {

  @Example
  void preamblesSignOffsAndWhiteSpaceGo() {
    assertThat(TextCleaner.clean("Sure! Here is a news article about sports:\n\nThe Lions won 3-1 in Nairobi.\n\nI hope this helps!"))
        .isEqualTo("The Lions won 3-1 in Nairobi.");
    assertThat(TextCleaner.clean("Certainly. The   market fell\tsharply  today.\n\nLet me know if you need another version."))
        .isEqualTo("The market fell sharply today.");
    assertThat(TextCleaner.clean("Title: Big win\n\nThe team won again."))
        .isEqualTo("The team won again.");
    assertThat(TextCleaner.clean("\"The whole answer was quoted.\"")).isEqualTo("The whole answer was quoted.");
  }

  @Example
  void textThatOnlyLooksLikeChatStays() {
    assertThat(TextCleaner.clean("Here in Lagos, prices rose 4% in June."))
        .isEqualTo("Here in Lagos, prices rose 4% in June.");
    assertThat(TextCleaner.clean("Café owners in Zürich — «très bien», says Jürgen!"))
        .isEqualTo("Café owners in Zürich — «très bien», says Jürgen!");
    assertThat(TextCleaner.clean("\"Great\" food, \"bad\" service.")).isEqualTo("\"Great\" food, \"bad\" service.");
  }

  @Property
  void cleaningIsIdempotentAndLeavesNoDoubleSpaces(@ForAll String raw) {
    String once = TextCleaner.clean(raw);
    assertThat(TextCleaner.clean(once)).isEqualTo(once);
    assertThat(once).doesNotContain("  ").doesNotContain("\n").isEqualTo(once.strip());
  }

  @Example
  void wordsAreCountedLikePeopleDo() {
    assertThat(TextCleaner.words("  one two\tthree\nfour ")).isEqualTo(4);
    assertThat(TextCleaner.words("")).isZero();
  }

  @Example
  void refusalsAreRecognised() {
    assertThat(Refusals.isRefusal("I'm sorry, but I can't help with that request.")).isTrue();
    assertThat(Refusals.isRefusal("As an AI language model, I cannot write that.")).isTrue();
    assertThat(Refusals.isRefusal("I cannot create content like this.")).isTrue();
    assertThat(Refusals.isRefusal("I'm sorry to report that my order arrived broken and I cannot use it.")).isFalse();
    assertThat(Refusals.isRefusal("The minister said she cannot help the farmers this year.")).isFalse();
  }
}
