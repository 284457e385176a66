package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Properties of the content function itself (no server: it is pure). */
class ContentPropertiesTest {

  private static List<String> write(String prompt, long seed, int n) {
    return ContentWriter.write(List.of(new ChatRequest.Message("user", prompt)), seed, n);
  }

  @Property(tries = 300)
  void wordCountStaysInTheRequestedRange(@ForAll @IntRange(min = 12, max = 600) int low,
      @ForAll long seed,
      @ForAll @AlphaChars @StringLength(min = 3, max = 12) String subtopic) {
    String prompt = Wire.attrPrompt("sports", subtopic, "formal", "Peru", low);
    String text = write(prompt, seed, 1).getFirst();
    assertThat(Wire.words(text)).isBetween(low, low + 50);
    assertThat(text).contains("sports", subtopic, "formal", "Peru");
  }

  @Property(tries = 200)
  void contentIsAPureFunctionOfMessagesSeedAndIndex(@ForAll @StringLength(max = 200) String prompt,
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n) {
    List<String> first = write(prompt, seed, n);
    List<String> again = write(prompt, seed, n);
    assertThat(again).isEqualTo(first);
    assertThat(write(prompt, seed, n + 1).subList(0, n)).isEqualTo(first); // index-wise
  }

  @Property(tries = 200)
  void listsHaveExactlyTheRequestedCount(@ForAll @IntRange(min = 2, max = 60) int count,
      @ForAll long seed) {
    String text = write("List " + count + " subtopics of \"travel\".", seed, 1).getFirst();
    List<String> lines = text.lines().toList();
    assertThat(lines).hasSize(count);
    for (int i = 0; i < count; i++) {
      assertThat(lines.get(i)).startsWith((i + 1) + ". ");
    }
  }

  @Property(tries = 100)
  void textsForDifferentSeedsDiffer(@ForAll long seed) {
    String prompt = Wire.attrPrompt("sports", "rowing", "formal", "Peru", 60);
    assertThat(write(prompt, seed, 1)).isNotEqualTo(write(prompt, seed + 1, 1));
  }
}
