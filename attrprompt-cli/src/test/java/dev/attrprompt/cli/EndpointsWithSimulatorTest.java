package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.llm.ChatRequest;
import dev.attrprompt.llm.Engine;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.llm.Message;
import dev.attrprompt.llm.Outcome;
import dev.attrprompt.llm.Secret;
import static dev.attrprompt.sim.Outcome.BAD_REQUEST;
import static dev.attrprompt.sim.Outcome.NOT_FOUND;
import static dev.attrprompt.sim.Outcome.OK;
import static dev.attrprompt.sim.Outcome.UNAUTHORIZED;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint options against the real simulator dressed as an Azure deployment behind a
 * gateway: it wants {@code ?api-version=2024-10-21} on every request (404 otherwise), the key in
 * an {@code api-key} header, and a gateway token header (401 otherwise).
 */
@Timeout(120)
class EndpointsWithSimulatorTest {
  static final String AZ = "azure-CANARY-3c1d5e7f9a0b";
  static final String GW = "gateway-CANARY-8b2a4c6e1f3d";
  static final String VERSION = "2024-10-21";
  static final Map<String, String> ENV = Map.of("AZ_KEY", AZ, "GW_TOKEN", GW);

  @TempDir Path tmp;

  private static SimulatorConfig azureBehindAGateway() {
    return SimulatorConfig.builder().key(AZ).apiVersion(VERSION).requireHeader("X-Gateway-Token", GW).seed(5).build();
  }

  @Test
  void headersAndQueryReachChatFilesBatchesAndEmbeddingsAndNoOutputShowsThem() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    Path online = tmp.resolve("online");
    Path batch = tmp.resolve("batch");
    List<String> shown = new ArrayList<>();
    try (Simulator sim = Simulator.start(azureBehindAGateway())) {
      String base = sim.baseUrl() + "?api-version=" + VERSION;
      CliTest.Result r = GenerateWithSimulatorTest.generate(ENV, task.toString(), "--per-class", "4",
          "--out", online.toString(), "--base-url", base, "--header", "api-key=env:AZ_KEY",
          "--header", "X-Gateway-Token=env:GW_TOKEN");
      shown.add(r.out() + r.err());
      assertThat(r.code()).as(r.out() + r.err()).isZero();

      Path file = Files.writeString(tmp.resolve("azure.yaml"), "base_url: " + base + "\nheaders:\n"
          + "  api-key: env:AZ_KEY\n  X-Gateway-Token: env:GW_TOKEN\n", StandardCharsets.UTF_8);
      CliTest.Result b = GenerateWithSimulatorTest.generate(ENV, task.toString(), "--per-class", "3",
          "--out", batch.toString(), "--endpoint-config", file.toString(), "--batch", "--poll-seconds", "1");
      shown.add(b.out() + b.err());
      assertThat(b.code()).as(b.out() + b.err()).isZero();

      Path data = Files.writeString(tmp.resolve("data.jsonl"), "{\"text\":\"a cat sat\",\"label\":\"x\"}\n"
          + "{\"text\":\"a dog ran\",\"label\":\"y\"}\n{\"text\":\"a cat ran\",\"label\":\"x\"}\n");
      // the eval commands read the real environment, so this one gives the values themselves
      CliTest.Result a = EvalCli.run(new AnalyzeCommand(), data.toString(), "--embeddings", "api:emb",
          "--base-url", base, "--header", "api-key=" + AZ, "--header", "X-Gateway-Token=" + GW, "--json");
      shown.add(a.out() + a.err());
      assertThat(a.code()).as(a.out() + a.err()).isZero();

      var stats = sim.stats();
      assertThat(stats.count(UNAUTHORIZED)).isZero();
      assertThat(stats.count(NOT_FOUND)).isZero();
      assertThat(stats.count(OK)).isGreaterThan(20);
    }
    for (Path run : List.of(online, batch)) {
      CliTest.Result status = CliTest.run("status", run.toString(), "--json");
      assertThat(status.code()).isZero();
      shown.add(status.out() + status.err());
      CliTest.Result export = CliTest.run("export", run.toString(), "--out", run + "-export");
      assertThat(export.code()).isZero();
      shown.add(export.out() + export.err());
    }
    assertThat(shown).noneMatch(t -> t.contains("CANARY")).noneMatch(t -> t.contains("api-version"));
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("azure.yaml")).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(f.toString()).doesNotContain("CANARY").doesNotContain("api-version");
      }
    }
  }

  @Test
  void aRunWithoutTheQueryGetsOneNotFoundAndStops() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    try (Simulator sim = Simulator.start(azureBehindAGateway())) {
      CliTest.Result r = GenerateWithSimulatorTest.generate(ENV, task.toString(), "--per-class", "10",
          "--out", tmp.resolve("run").toString(), "--base-url", sim.baseUrl().toString(),
          "--header", "api-key=env:AZ_KEY", "--header", "X-Gateway-Token=env:GW_TOKEN", "--concurrency", "8");
      assertThat(r.code()).isNotZero();
      assertThat(r.out() + r.err()).contains("HTTP 404").doesNotContain("CANARY");
      assertThat(sim.stats().requests()).isEqualTo(1);
    }
  }

  @Test
  void aWrongKeyStopsTheRunAfterOneRequest() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().key(AZ).build())) {
      CliTest.Result r = GenerateWithSimulatorTest.generate(Map.of("OPENAI_API_KEY", "wrong-CANARY-key"),
          task.toString(), "--per-class", "10", "--out", tmp.resolve("run").toString(),
          "--base-url", sim.baseUrl().toString(), "--concurrency", "8");
      assertThat(r.code()).isNotZero();
      assertThat(r.out() + r.err()).contains("the API key was refused (HTTP 401").doesNotContain("CANARY");
      assertThat(sim.stats().requests()).as("no queued request was sent after the 401").isEqualTo(1);
      assertThat(sim.stats().count(UNAUTHORIZED)).isEqualTo(1);
    }
  }

  @Test
  void aMissingGatewayHeaderIsRefusedOnceWithoutRepeatingAnyValue() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    try (Simulator sim = Simulator.start(azureBehindAGateway())) {
      CliTest.Result r = GenerateWithSimulatorTest.generate(ENV, task.toString(), "--per-class", "10",
          "--out", tmp.resolve("run").toString(), "--base-url", sim.baseUrl() + "?api-version=" + VERSION,
          "--header", "api-key=env:AZ_KEY", "--concurrency", "8");
      assertThat(r.code()).isNotZero();
      assertThat(r.out() + r.err()).contains("HTTP 401").contains("X-Gateway-Token").doesNotContain("CANARY");
      assertThat(sim.stats().requests()).isEqualTo(1);
    }
  }

  @Test
  void aRequestTheSimulatorRefusesAsInvalidIsTriedOnceAndNamed() throws IOException {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().key(AZ).build());
        Engine engine = Engine.open(LlmConfig.builder().env(Map.of()).baseUrl(sim.baseUrl().toString())
            .apiKey(Secret.of(AZ)).model("gpt-4o-mini").noCache().concurrency(4).build())) {
      List<ChatRequest> bad = IntStream.range(0, 3).mapToObj(i -> new ChatRequest("r" + i,
          List.of(new Message("narrator", "Write about " + i)), 1.0, 1.0, 50, OptionalLong.of(i), 0)).toList();
      List<Outcome> outcomes = new ArrayList<>();
      engine.run(bad, outcomes::add);
      assertThat(outcomes).hasSize(3).allSatisfy(o -> {
        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
          assertThat(f.kind()).isEqualTo(Outcome.FailureKind.BAD_REQUEST);
          assertThat(f.message()).startsWith("the endpoint refused the request as invalid (HTTP 400 from "
              + sim.baseUrl() + "/chat/completions): Invalid value for 'messages[0].role'");
        });
        assertThat(o.attempts()).hasSize(1);
      });
      assertThat(sim.stats().requests()).as("each request tried once").isEqualTo(3);
      assertThat(sim.stats().count(BAD_REQUEST)).isEqualTo(3);
    }
  }

  @Test
  void nothingListeningAtTheBaseUrlIsTheFailureCause() throws IOException {
    Path task = BundledExamples.extract(BundledExamples.DEFAULT, tmp.resolve("task"));
    CliTest.Result r = GenerateWithSimulatorTest.generate(Map.of("OPENAI_API_KEY", "k"), task.toString(),
        "--per-class", "5", "--out", tmp.resolve("run").toString(), "--base-url", "http://127.0.0.1:1/v1");
    assertThat(r.code()).isNotZero();
    assertThat(r.out() + r.err()).contains("connection refused at http://127.0.0.1:1/v1; is the server running?");
  }
}
