package dev.attrprompt.eval.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlSourceTest {
  @TempDir Path tmp;

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void readsLabelsAttributesAndSkipsBlankLines() throws IOException {
    Path p = write("d.jsonl", """
        {"text": "a cat", "label": "Pets", "id": "x-1", "attributes": {"style": "short", "n": 3, "deep": {"x": 1}}}

        {"label": 7, "text": "a number label"}
        """);
    Dataset d = Datasets.load(p);
    assertThat(d.name()).isEqualTo("d.jsonl");
    assertThat(d.origin()).isEqualTo(p.toString());
    assertThat(d.multiLabel()).isFalse();
    assertThat(d.samples()).extracting(Sample::text).containsExactly("a cat", "a number label");
    assertThat(d.samples()).extracting(Sample::label).containsExactly("Pets", "7");
    assertThat(d.samples().get(0).attributes()).isEqualTo(Map.of("style", "short", "n", "3"));
    assertThat(d.labels()).containsExactly("7", "Pets");
  }

  @Test
  void aLabelsArrayMakesTheFileMultiLabel() throws IOException {
    Path p = write("m.jsonl", """
        {"text": "rates and jobs", "labels": ["economy", "politics"]}
        {"text": "nothing", "labels": []}
        {"text": "goal", "label": "sports"}
        """);
    Dataset d = Datasets.load(p);
    assertThat(d.multiLabel()).isTrue();
    assertThat(d.samples().get(0).labels()).containsExactly("economy", "politics");
    assertThat(d.samples().get(1).labels()).isEmpty();
    assertThat(d.indicesByLabel()).containsOnlyKeys("economy", "politics", "sports");
    assertThat(d.indicesByLabel().get("sports")).containsExactly(2);
  }

  @Test
  void mistakesNameTheFileAndLine() throws IOException {
    Path bad = write("bad.jsonl", "{\"text\": \"ok\", \"label\": \"a\"}\n{\"text\": \"no label\"}\n{oops\n");
    assertThatThrownBy(() -> Datasets.load(bad)).isInstanceOf(UserError.class)
        .hasMessage(bad + ":2:1: missing \"label\" (a string) or \"labels\" (an array of strings)");
    Path broken = write("broken.jsonl", "{\"text\": \"ok\", \"label\": \"a\"}\n{oops\n");
    assertThatThrownBy(() -> Datasets.load(broken)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(broken + ":2:").hasMessageContaining("not valid JSON");
    Path open = write("open.jsonl", "{\"text\": \"ok\", \"label\": \"a\"\n");
    assertThatThrownBy(() -> Datasets.load(open)).isInstanceOf(UserError.class).hasMessageStartingWith(open + ":1:");
    Path textNumber = write("t.jsonl", "{\"text\": 5, \"label\": \"a\"}\n");
    assertThatThrownBy(() -> Datasets.load(textNumber)).hasMessageContaining("\"text\" must be a string");
    Path empty = write("empty.jsonl", "\n\n");
    assertThatThrownBy(() -> Datasets.load(empty)).hasMessage(empty + ": holds no samples");
    assertThatThrownBy(() -> Datasets.load(tmp.resolve("missing.jsonl"))).hasMessageEndingWith("missing.jsonl: no such file");
    Path csv = write("data.csv", "text,label\n");
    assertThatThrownBy(() -> Datasets.load(csv)).hasMessageContaining("not a JSONL file");
    assertThatThrownBy(() -> Datasets.load(tmp)).hasMessageContaining("is a folder");
  }

  @Test
  void eachLineHoldsExactlyOneObject() throws IOException {
    Path two = write("two.jsonl", "{\"text\": \"a\", \"label\": \"x\"} {\"text\": \"b\", \"label\": \"y\"}\n");
    assertThatThrownBy(() -> Datasets.load(two)).hasMessageStartingWith(two + ":1:")
        .hasMessageContaining("more than one JSON value on the line");
    Path spread = write("spread.jsonl", "{\"text\": \"ok\", \"label\": \"a\"}\n{\"text\": \"b\",\n \"label\": \"y\"}\n");
    assertThatThrownBy(() -> Datasets.load(spread)).hasMessage(spread
        + ":2:1: the JSON object is not closed on its line; each line must be one {\"text\", \"label\"} object");
    Path array = write("array.jsonl", "{\"text\": \"ok\", \"label\": \"a\"}\n[1, 2]\n");
    assertThatThrownBy(() -> Datasets.load(array)).hasMessageStartingWith(array + ":2:1: expected a JSON object");
  }

  @Test
  void aLargeFileIsReadInChunksWithLineNumbersAsInTheFile() throws IOException {
    StringBuilder b = new StringBuilder();
    int lines = 30_000; // about 2.4 MB: more than one chunk
    for (int i = 1; i <= lines; i++) {
      b.append("{\"text\": \"text number ").append(i).append(" with some padding to make the line longer\", ")
          .append("\"label\": \"l").append(i % 3).append("\"}\n");
      if (i % 1000 == 0) {
        b.append('\n'); // blank lines shift line numbers
      }
    }
    Path big = write("big.jsonl", b.toString());
    assertThat(Files.size(big)).isGreaterThan(2L << 20);
    Dataset d = Datasets.load(big);
    assertThat(d.size()).isEqualTo(lines);
    for (int i = 0; i < lines; i += 997) {
      assertThat(d.samples().get(i).text()).startsWith("text number " + (i + 1) + " ");
    }
    // break the object on file line 25,000 (24,975 objects and 24 blank lines before it)
    String text = b.toString();
    int at = 0;
    for (int n = 1; n < 25_000; n++) {
      at = text.indexOf('\n', at) + 1;
    }
    Path broken = write("broken-big.jsonl", text.substring(0, at) + "{oops" + text.substring(text.indexOf('\n', at)));
    assertThatThrownBy(() -> Datasets.load(broken)).hasMessageStartingWith(broken + ":25000:")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void labelsNormaliseToLowerCaseWithUnderscores() {
    assertThat(Datasets.normaliseLabel("  Sci  Tech\t")).isEqualTo("sci_tech");
    assertThat(Datasets.normaliseLabel("Sci_Tech")).isEqualTo("sci_tech");
    Dataset d = Dataset.of("x", List.of(Sample.of("a", "Sci Tech"), new Sample("b", List.of("A b", "a  B"), Map.of())), true);
    Dataset n = Datasets.withNormalisedLabels(d);
    assertThat(n.samples().get(0).labels()).containsExactly("sci_tech");
    assertThat(n.samples().get(1).labels()).containsExactly("a_b");
  }

  @Test
  void aRegisteredSourceIsAskedFirst() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("run"));
    Datasets.register(new DatasetSource() {
      @Override
      public boolean accepts(Path path) {
        return path.equals(dir);
      }

      @Override
      public Dataset load(Path path) {
        return Dataset.of("run", List.of(Sample.of("t", "l")), false);
      }
    });
    assertThat(Datasets.load(dir).name()).isEqualTo("run");
  }
}
