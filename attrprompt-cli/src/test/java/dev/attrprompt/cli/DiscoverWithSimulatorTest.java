package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** attributes discover against the simulator, and against an endpoint whose answers are useless. */
class DiscoverWithSimulatorTest {
  @TempDir Path tmp;

  static CliTest.Result discover(String... args) {
    return discoverWith(null, args);
  }

  static CliTest.Result discoverWith(String typed, String... args) {
    AttributesCommand.Discover command = new AttributesCommand.Discover();
    command.env = Map.of("OPENAI_API_KEY", "k");
    command.terminal = typed == null ? null : new java.io.BufferedReader(new java.io.StringReader(typed));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    cli.setExecutionExceptionHandler((e, c, p) -> {
      err.write("error: " + e.getMessage());
      return e instanceof dev.attrprompt.UserError ? 2 : 1;
    });
    return new CliTest.Result(cli.execute(args), out.toString(), err.toString());
  }

  private Path blankTask() {
    Path task = tmp.resolve("task");
    assertThat(CliTest.run("init", task.toString(), "--labels", "World,Sports,Business,Sci Tech", "--domain",
        "news article").code()).isZero();
    return task;
  }

  @Test
  void discoveryProposesWaitsForAPersonThenBuildsAnAttributeSetGenerationUses() throws IOException {
    Path task = blankTask();
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).build())) {
      String url = sim.baseUrl().toString();
      CliTest.Result proposal = discover(task.toString(), "--base-url", url);
      assertThat(proposal.code()).as(proposal.err()).isZero();
      assertThat(proposal.out()).contains("no dimension is kept yet");
      assertThat(Files.readString(task.resolve("discovery/dimensions.yaml"))).contains("keep: false");

      // a person keeps some by editing the file
      Path file = task.resolve("discovery/dimensions.yaml");
      String edited = Files.readString(file).replaceFirst("keep: false", "keep: true");
      Files.writeString(file, edited);
      CliTest.Result r = discover(task.toString(), "--base-url", url, "--keep", "subtopic,length", "--values", "6",
          "--max-reject", "1");
      assertThat(r.code()).as(r.err()).isZero();
      long requests = sim.stats().requests();

      JsonNode shown = CliTest.parse(CliTest.run("attributes", "show", task.toString(), "--json").out());
      assertThat(shown.get("labels")).hasSize(4);
      JsonNode subtopic = null;
      for (JsonNode d : shown.get("dimensions")) {
        if (d.get("name").asText().equals("subtopic")) {
          subtopic = d;
        }
      }
      assertThat(subtopic).isNotNull();
      assertThat(subtopic.get("scope").asText()).isEqualTo("dependent");
      // filtering removes at most R = 1 value of each label
      subtopic.get("values").forEach(v -> assertThat(v.size()).isBetween(5, 6));
      assertThat(shown.get("similar").size()).isPositive();
      shown.get("similar").fields().forEachRemaining(e -> e.getValue().forEach(s ->
          assertThat(s.asText()).isIn("world", "sports", "business", "sci_tech").isNotEqualTo(e.getKey())));
      JsonNode record = CliTest.parse(Files.readString(task.resolve("discovery/record.json")));
      assertThat(record.get("filter_verdicts").size()).isPositive();

      // the set is used as is: prompts and a short generation run
      assertThat(CliTest.run("prompts", task.toString(), "--per-class", "2", "--json").code()).isZero();
      CliTest.Result gen = GenerateWithSimulatorTest.generate(Map.of("OPENAI_API_KEY", "k"), task.toString(),
          "--per-class", "3", "--out", tmp.resolve("run").toString(), "--base-url", url);
      assertThat(gen.code()).as(gen.err()).isZero();

      // a second discovery makes no request it made before
      long beforeRepeat = sim.stats().requests();
      CliTest.Result again = discover(task.toString(), "--base-url", url, "--keep", "subtopic,length", "--values", "6",
          "--max-reject", "1");
      assertThat(again.code()).isZero();
      assertThat(again.out()).contains("0 requests sent");
      assertThat(sim.stats().requests()).isEqualTo(beforeRepeat);
      assertThat(requests).isPositive();
    }
  }

  @Test
  void keptDimensionsMayBeWrittenAsWords() throws IOException {
    Path task = blankTask();
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).build())) {
      CliTest.Result r = discover(task.toString(), "--base-url", sim.baseUrl().toString(), "--keep",
          "Subtopic, Writing Style,length", "--values", "3");
      assertThat(r.code()).as(r.err()).isZero();
      CliTest.Result bad = discover(task.toString(), "--base-url", sim.baseUrl().toString(), "--keep", "42");
      assertThat(bad.code()).isEqualTo(2);
      assertThat(bad.err()).contains("--keep names '42', which cannot name a dimension");
    }
    JsonNode shown = CliTest.parse(CliTest.run("attributes", "show", task.toString(), "--json").out());
    List<String> names = new java.util.ArrayList<>();
    shown.get("dimensions").forEach(d -> names.add(d.get("name").asText()));
    assertThat(names).containsExactlyInAnyOrder("subtopic", "writing_style", "length");
  }

  @Test
  void onATerminalAPersonPicksDimensionsByNumber() throws IOException {
    Path task = blankTask();
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).build())) {
      CliTest.Result r = discoverWith("1, nonsense, 2\n", task.toString(), "--base-url", sim.baseUrl().toString(),
          "--values", "4");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("Keep which?").contains("(ignored 'nonsense': no such dimension)")
          .contains("attribute set written to");
    }
    List<String> kept = Files.readAllLines(task.resolve("discovery/dimensions.yaml")).stream()
        .filter(l -> l.strip().startsWith("- {") && l.contains("keep: true")).toList();
    assertThat(kept).hasSize(2);
    JsonNode shown = CliTest.parse(CliTest.run("attributes", "show", task.toString(), "--json").out());
    assertThat(shown.get("dimensions")).hasSize(2);
  }

  @Test
  void uselessAnswersEndInOneClearMessage() throws IOException {
    Path task = blankTask();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      byte[] body = ("{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":0,\"total_tokens\":5}}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      CliTest.Result r = discover(task.toString(), "--base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("the model proposed no usable dimension").doesNotContain("Exception");
    } finally {
      server.stop(0);
    }
  }
}
