package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands through {@link Main#run}: exit codes, one-line errors, JSON shapes. */
class CliTest {
  @TempDir Path tmp;
  private static final ObjectMapper JSON = new ObjectMapper();

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Runs a command object a test has set up (its environment, its limits) with its own output
   * writers; a user error exits 2, any other failure 1.
   */
  static Result execute(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(command);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    cli.setExecutionExceptionHandler((e, c, p) -> {
      err.write("error: " + e.getMessage());
      return e instanceof dev.attrprompt.UserError ? 2 : 1;
    });
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private Path example() throws IOException {
    Path dir = tmp.resolve("example");
    return Files.exists(dir) ? dir : BundledExamples.extract(BundledExamples.DEFAULT, dir);
  }

  @Test
  void versionAndHelpWork() {
    Result version = run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("attrprompt 0.1.0");
    for (String command : List.of("demo", "init", "prompts", "estimate")) {
      Result help = run(command, "--help");
      assertThat(help.code()).as(command).isZero();
      assertThat(help.out()).as(command).contains("Usage: attrprompt " + command);
    }
  }

  @Test
  void usageMistakesAreOneLineWithExitCode2() throws IOException {
    Result unknown = run("prompts", example().toString(), "--per-class", "2", "--frobnicate");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err().strip()).isEqualTo(
        "error: Unknown option: '--frobnicate' (see 'attrprompt prompts --help')");
    Result badMethod = run("prompts", example().toString(), "--per-class", "2", "--method", "magic");
    assertThat(badMethod.code()).isEqualTo(2);
    assertThat(badMethod.err().strip()).isEqualTo("error: unknown method 'magic'; use simprompt or attrprompt");
  }

  @Test
  void aBadTaskFileIsOneLocatedLineWithExitCode2() throws IOException {
    Path task = example();
    Files.writeString(task.resolve("task.yaml"), Files.readString(task.resolve("task.yaml"))
        .replace("temperature: 1.0", "temperature: warm"));
    Result r = run("estimate", task.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err().strip()).matches("error: .*task\\.yaml:\\d+:\\d+: 'generation\\.temperature' must be a number, but is 'warm'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void promptsJsonIsOneObjectPerRequest() throws IOException {
    Result r = run("prompts", example().toString(), "--per-class", "3", "--json", "--seed", "9");
    assertThat(r.code()).isZero();
    List<JsonNode> lines = r.out().lines().map(CliTest::parse).toList();
    assertThat(lines).hasSize(15);
    JsonNode first = lines.get(0);
    assertThat(first.get("id").asText()).isEqualTo("billing-000000");
    assertThat(first.get("label").asText()).isEqualTo("billing");
    assertThat(first.get("attributes").fieldNames()).toIterable()
        .containsExactly("subtopic", "tone", "customer", "location", "length");
    assertThat(first.get("prompt").asText()).contains(first.get("attributes").get("subtopic").asText());
    // the same command gives the same plan
    assertThat(run("prompts", example().toString(), "--per-class", "3", "--json", "--seed", "9").out())
        .isEqualTo(r.out());
  }

  @Test
  void estimateJsonHasTheDocumentedFields() throws IOException {
    Result r = run("estimate", example().toString(), "--method", "attrprompt", "--per-class", "20",
        "--model", "gpt-4.1-mini", "--json");
    assertThat(r.code()).isZero();
    JsonNode e = parse(r.out());
    assertThat(e.get("requests").asLong()).isEqualTo(100);
    assertThat(e.get("input_tokens").asLong()).isGreaterThan(100 * 50);
    assertThat(e.get("output_tokens").asLong()).isBetween(100L * 27, 100L * 200);
    assertThat(e.get("usd").asDouble()).isCloseTo(
        (e.get("input_tokens").asLong() * 0.40 + e.get("output_tokens").asLong() * 1.60) / 1e6,
        org.assertj.core.api.Assertions.within(1e-6));
    assertThat(e.get("usd_batch").asDouble()).isCloseTo(e.get("usd").asDouble() / 2,
        org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void estimateWithAnUnpricedModelSaysHowToPriceIt() throws IOException {
    Result r = run("estimate", example().toString(), "--model", "my-local-llama");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no price known for model 'my-local-llama'");
    Path prices = tmp.resolve("prices.yaml");
    Files.writeString(prices, "prices:\n  my-local-llama: {input: 0, output: 0}\n");
    Result priced = run("estimate", example().toString(), "--model", "my-local-llama", "--prices",
        prices.toString(), "--json");
    assertThat(priced.code()).isZero();
    assertThat(parse(priced.out()).get("usd").asDouble()).isZero();
  }

  @Test
  void initBlankMakesALoadableTaskAndNeverOverwrites() throws IOException {
    Path dir = tmp.resolve("blank");
    Result r = run("init", dir.toString(), "--labels", "positive, negative", "--domain", "movie review");
    assertThat(r.code()).isZero();
    Result prompts = run("prompts", dir.toString(), "--method", "simprompt", "--per-class", "1", "--json");
    assertThat(prompts.code()).isZero();
    assertThat(prompts.out().lines().map(l -> parse(l).get("label").asText()).toList())
        .containsExactly("positive", "negative");

    String before = Files.readString(dir.resolve("task.yaml"));
    Result again = run("init", dir.toString(), "--labels", "a,b", "--domain", "x");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err().strip()).isEqualTo("error: " + dir + ": already exists and is not empty; choose a new folder");
    assertThat(Files.readString(dir.resolve("task.yaml"))).isEqualTo(before);
  }

  @Test
  void aFailedImportLeavesNothingBehind() throws IOException {
    Path src = tmp.resolve("not-a-release");
    Files.createDirectories(src);
    Path dir = tmp.resolve("out");
    Result r = run("init", dir.toString(), "--from-attrprompt", src.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: " + src + ": no label.txt here; point --from-attrprompt at one "
        + "dataset folder of the AttrPrompt release (it holds label.txt and attrprompt/<model>/)");
    assertThat(dir).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("not-a-release");
    }
  }

  @Test
  void demoPlansPricesGeneratesAndExportsTheBundledExample() throws IOException {
    Path out = tmp.resolve("demo");
    Result r = run("demo", "--per-class", "10", "--generate-per-class", "3", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("support-tickets, simprompt, 10 per label x 5 labels")
        .contains("support-tickets, attrprompt, 10 per label x 5 labels").contains("requests       50")
        .contains("ITS TEXTS ARE SIMULATED").contains("every label has 3 accepted samples")
        .contains("Diversity and bias of the two runs").contains("APS within labels");
    for (String method : List.of("simprompt", "attrprompt")) {
      assertThat(Files.readAllLines(out.resolve(method).resolve("export/data.jsonl"))).hasSize(15);
      assertThat(Files.readString(out.resolve(method).resolve("export/README.md"))).contains("SIMULATED DATA");
    }
    assertThat(r.out()).contains("Open " + out.resolve("report.html").toAbsolutePath() + " in a browser.");
    assertThat(Files.readString(out.resolve("report.html"))).contains("<strong>Simulated text.</strong>")
        .contains("<section id=\"quota\">").contains("<section id=\"attributes\">");
    List<String> lines = r.out().strip().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("  attrprompt serve " + out + "   (then open http://127.0.0.1:8090/)");
    Result again = run("demo", "--per-class", "10", "--generate-per-class", "3", "--out", out.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("The simulator answered 0 requests in all");
  }

  static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
