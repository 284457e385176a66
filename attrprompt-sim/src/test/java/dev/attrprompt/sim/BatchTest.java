package dev.attrprompt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Batch API over plain HTTP: upload, status over time, output and error files. */
class BatchTest {
  private static final String BOUNDARY = "----simtest7f3a";

  private static String upload(Wire wire, String jsonl) throws Exception {
    String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n"
        + "batch\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
        + "filename=\"in.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n" + jsonl
        + "\r\n--" + BOUNDARY + "--\r\n";
    HttpResponse<String> r = wire.send(wire.request("/files")
        .setHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode file = Wire.json(r.body());
    assertThat(file.get("purpose").asText()).isEqualTo("batch");
    assertThat(file.get("bytes").asInt()).isEqualTo(jsonl.length());
    assertThat(file.get("filename").asText()).isEqualTo("in.jsonl");
    return file.get("id").asText();
  }

  private static JsonNode create(Wire wire, String fileId, String endpoint) throws Exception {
    HttpResponse<String> r = wire.post("/batches", "{\"input_file_id\":\"" + fileId
        + "\",\"endpoint\":\"" + endpoint + "\",\"completion_window\":\"24h\","
        + "\"metadata\":{\"run\":\"t\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Wire.json(r.body());
  }

  private static String line(String customId, String url, String body) {
    return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"" + url
        + "\",\"body\":" + body + "}\n";
  }

  private static JsonNode await(Wire wire, String id, Set<String> seen) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    JsonNode batch;
    do {
      batch = Wire.json(wire.get("/batches/" + id).body());
      seen.add(batch.get("status").asText());
      Thread.sleep(20);
    } while (!Set.of("completed", "failed").contains(batch.get("status").asText())
        && System.currentTimeMillis() < deadline);
    return batch;
  }

  @Test
  void statusMovesFromValidatingThroughInProgressToCompleted() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().batchDelayMs(800).build())) {
      Wire wire = new Wire(sim);
      String prompt = Wire.attrPrompt("sports", "cycling", "formal", "France", 30);
      String id = upload(wire, line("a", "/v1/chat/completions", Wire.chatBody(prompt, 5))
          + line("b", "/v1/chat/completions", Wire.chatBody(prompt, 6)));
      JsonNode created = create(wire, id, "/v1/chat/completions");
      assertThat(created.get("status").asText()).isEqualTo("validating");
      assertThat(created.get("object").asText()).isEqualTo("batch");
      assertThat(created.at("/metadata/run").asText()).isEqualTo("t");

      Set<String> seen = new LinkedHashSet<>(List.of("validating"));
      JsonNode done = await(wire, created.get("id").asText(), seen);
      assertThat(seen).containsExactly("validating", "in_progress", "completed");
      assertThat(done.at("/request_counts/total").asInt()).isEqualTo(2);
      assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(2);
      assertThat(done.get("completed_at").asLong()).isGreaterThanOrEqualTo(
          done.get("created_at").asLong());

      // Batches use the same content function as online requests: identical text.
      String output = wire.get("/files/" + done.get("output_file_id").asText() + "/content")
          .body();
      List<JsonNode> lines = output.lines().map(Wire::json).toList();
      assertThat(lines.get(0).at("/response/body/choices/0/message/content").asText())
          .isEqualTo(wire.content(prompt, 5));
      assertThat(lines.get(1).at("/response/body/choices/0/message/content").asText())
          .isEqualTo(wire.content(prompt, 6));
    }
  }

  @Test
  void badLinesGoToTheErrorFile() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
      Wire wire = new Wire(sim);
      String id = upload(wire, line("good", "/v1/embeddings", "{\"model\":\"e\",\"input\":\"hi\"}")
          + line("bad", "/v1/embeddings", "{\"model\":\"e\"}"));
      JsonNode done = await(wire, create(wire, id, "/v1/embeddings").get("id").asText(),
          new LinkedHashSet<>());

      assertThat(done.get("status").asText()).isEqualTo("completed");
      assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(1);
      assertThat(done.at("/request_counts/failed").asInt()).isEqualTo(1);
      JsonNode ok = Wire.json(wire.get("/files/" + done.get("output_file_id").asText()
          + "/content").body());
      assertThat(ok.get("custom_id").asText()).isEqualTo("good");
      assertThat(ok.at("/response/body/data/0/embedding")).hasSize(Embeddings.DEFAULT_DIMENSIONS);
      JsonNode bad = Wire.json(wire.get("/files/" + done.get("error_file_id").asText()
          + "/content").body());
      assertThat(bad.get("custom_id").asText()).isEqualTo("bad");
      assertThat(bad.at("/response/status_code").asInt()).isEqualTo(400);
      assertThat(bad.at("/response/body/error/param").asText()).isEqualTo("input");
    }
  }

  @Test
  void aMismatchedEndpointFailsTheBatch() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
      Wire wire = new Wire(sim);
      String id = upload(wire, line("x", "/v1/embeddings", "{\"model\":\"e\",\"input\":\"hi\"}")
          + "not json\n");
      JsonNode done = await(wire, create(wire, id, "/v1/chat/completions").get("id").asText(),
          new LinkedHashSet<>());
      assertThat(done.get("status").asText()).isEqualTo("failed");
      List<String> codes = new ArrayList<>();
      done.at("/errors/data").forEach(e -> codes.add(e.get("code").asText() + "@"
          + e.get("line").asInt()));
      assertThat(codes).containsExactly("mismatched_endpoint@1", "invalid_json_line@2");
      assertThat(done.get("output_file_id").isNull()).isTrue();
    }
  }

  @Test
  void unknownBatchAndFileAre404() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
      Wire wire = new Wire(sim);
      assertThat(wire.get("/batches/batch_nope").statusCode()).isEqualTo(404);
      assertThat(wire.get("/files/file-nope/content").statusCode()).isEqualTo(404);
      assertThat(wire.post("/batches", "{\"input_file_id\":\"file-nope\",\"endpoint\":"
          + "\"/v1/chat/completions\",\"completion_window\":\"24h\"}").statusCode())
          .isEqualTo(400);
    }
  }
}
