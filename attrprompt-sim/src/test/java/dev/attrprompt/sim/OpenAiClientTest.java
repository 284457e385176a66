package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official openai-java client, as an independent judge of wire compatibility. */
class OpenAiClientTest {
  private static final String PROMPT =
      Wire.attrPrompt("sports", "youth football leagues", "formal", "Brazil", 40);

  private static OpenAIClient client(Simulator sim, String key, int retries) {
    return OpenAIOkHttpClient.builder().baseUrl(sim.baseUrl().toString()).apiKey(key)
        .maxRetries(retries).build();
  }

  private static ChatCompletionCreateParams chat(String prompt, long seed) {
    return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(prompt)
        .seed(seed).temperature(1.0).maxCompletionTokens(400).build();
  }

  @Test
  void chatCompletionRoundTrip() throws IOException {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().key("sk-right").build())) {
      OpenAIClient client = client(sim, "sk-right", 0);
      ChatCompletion c = client.chat().completions().create(chat(PROMPT, 11));
      c.validate(); // every required field present and well-typed

      String content = c.choices().getFirst().message().content().orElseThrow();
      assertThat(content).contains("sports", "youth football leagues", "formal", "Brazil",
          "simulated");
      assertThat(Wire.words(content)).isBetween(40, 90);
      assertThat(c.model()).isEqualTo("gpt-4o-mini");
      assertThat(c.systemFingerprint()).hasValue("attrprompt-sim");
      assertThat(c.choices().getFirst().finishReason())
          .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
      var usage = c.usage().orElseThrow();
      assertThat(usage.promptTokens()).isEqualTo(3 + 3 + (PROMPT.length() + 3) / 4);
      assertThat(usage.completionTokens()).isEqualTo((content.length() + 3) / 4);
      assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
      assertThat(client.models().list().data()).extracting(m -> m.id()).contains("gpt-4o-mini");
    }
  }

  @Test
  void embeddingsAreDeterministicUnitVectors() throws IOException {
    try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
      OpenAIClient client = client(sim, "any", 0);
      EmbeddingCreateParams params = EmbeddingCreateParams.builder()
          .inputOfArrayOfStrings(List.of("the match in Brazil", "a quiet tax reform"))
          .model("text-embedding-3-small").dimensions(64).build();
      CreateEmbeddingResponse first = client.embeddings().create(params);
      CreateEmbeddingResponse second = client.embeddings().create(params);

      assertThat(first.data()).hasSize(2);
      List<Float> v = first.data().getFirst().embedding();
      assertThat(v).hasSize(64);
      double norm = Math.sqrt(v.stream().mapToDouble(x -> x * x).sum());
      assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
      assertThat(second.data().getFirst().embedding()).isEqualTo(v);
      assertThat(first.data().get(1).embedding()).isNotEqualTo(v);
      assertThat(first.usage().promptTokens()).isEqualTo(5 + 5);
    }
  }

  @Test
  void batchRoundTrip(@TempDir Path dir) throws IOException {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().batchDelayMs(200).build())) {
      OpenAIClient client = client(sim, "any", 0);
      Path input = dir.resolve("requests.jsonl");
      StringBuilder jsonl = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        jsonl.append("{\"custom_id\":\"req-").append(i).append("\",\"method\":\"POST\",")
            .append("\"url\":\"/v1/chat/completions\",\"body\":")
            .append(Wire.chatBody("List 4 subtopics of \"sports\".", i)).append("}\n");
      }
      Files.writeString(input, jsonl);

      FileObject file = client.files().create(FileCreateParams.builder().file(input)
          .purpose(FilePurpose.BATCH).build());
      assertThat(file.filename()).isEqualTo("requests.jsonl");
      assertThat(file.bytes()).isEqualTo(jsonl.toString().getBytes(StandardCharsets.UTF_8).length);

      Batch batch = client.batches().create(BatchCreateParams.builder().inputFileId(file.id())
          .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
          .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
      assertThat(batch.status()).isEqualTo(Batch.Status.VALIDATING);

      Batch done = batch;
      long deadline = System.currentTimeMillis() + 10_000;
      // Status is a value class, not an enum: compare with equals.
      while (!done.status().equals(Batch.Status.COMPLETED)
          && System.currentTimeMillis() < deadline) {
        sleep(50);
        done = client.batches().retrieve(batch.id());
      }
      assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
      assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(3);
      assertThat(done.requestCounts().orElseThrow().failed()).isZero();
      assertThat(done.errorFileId()).isEmpty();

      List<JsonNode> lines;
      try (HttpResponse content = client.files().content(done.outputFileId().orElseThrow())) {
        lines = new String(content.body().readAllBytes(), StandardCharsets.UTF_8).lines()
            .map(Wire::json).toList();
      }
      assertThat(lines).extracting(l -> l.get("custom_id").asText())
          .containsExactly("req-0", "req-1", "req-2");
      for (JsonNode line : lines) {
        assertThat(line.at("/response/status_code").asInt()).isEqualTo(200);
        assertThat(line.at("/response/request_id").asText()).startsWith("req_");
        assertThat(line.get("error").isNull()).isTrue();
        String text = line.at("/response/body/choices/0/message/content").asText();
        assertThat(text.lines()).hasSize(4).allMatch(l -> l.matches("[1-4]\\. .+"));
      }
    }
  }

  @Test
  void wrongKeyIsUnauthorized() throws IOException {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().key("sk-right").build())) {
      assertThatThrownBy(() -> client(sim, "sk-wrong", 0).chat().completions()
          .create(chat("hello", 1)))
          .isInstanceOf(UnauthorizedException.class)
          .satisfies(e -> assertThat(((UnauthorizedException) e).statusCode()).isEqualTo(401))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-wrong", "sk-right"));
      assertThat(sim.stats().count(Outcome.UNAUTHORIZED)).isEqualTo(1);
    }
  }

  @Test
  void rateLimitSurfacesWithoutRetries() throws IOException {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().rpm(1).build())) {
      OpenAIClient client = client(sim, "any", 0);
      client.chat().completions().create(chat("hello", 1));
      assertThatThrownBy(() -> client.chat().completions().create(chat("hello", 2)))
          .isInstanceOf(RateLimitException.class)
          .satisfies(e -> assertThat(((RateLimitException) e).headers().values("retry-after"))
              .containsExactly("60"));
      assertThat(sim.stats().count(Outcome.RATE_LIMITED)).isEqualTo(1);
    }
  }

  @Test
  void builtInRetriesHonourRetryAfter() throws Exception {
    // 20 RPM refills one request every 3 s (long enough that a busy machine does not refill the
    // bucket between draining it and the client's call). Once the bucket is drained, the client's
    // first attempt gets a 429; its retry waits for retry-after(-ms) and succeeds. A client that
    // retried sooner would collect a third 429.
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().rpm(20).build())) {
      OpenAIClient client = client(sim, "any", 3);
      client.chat().completions().create(chat("warm up", 1));
      Wire wire = new Wire(sim);
      int drained = 1;
      while (drained < 100
          && wire.post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}").statusCode() != 429) {
        drained++;
      }
      assertThat(drained).isBetween(20, 22);

      ChatCompletion c = client.chat().completions().create(chat("hello", 3));
      assertThat(c.choices()).hasSize(1);
      assertThat(sim.stats().count(Outcome.RATE_LIMITED)).isEqualTo(2);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
