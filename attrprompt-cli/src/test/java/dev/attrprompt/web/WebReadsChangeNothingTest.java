package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunConfig;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every page of a run is read without touching the run's folder, on a read-only server and on
 * one that may change things: no table added to an older store, no {@code -wal} or {@code -shm}
 * file made, no byte or modification time changed; and a run another writer holds is read with
 * what it has committed.
 */
class WebReadsChangeNothingTest {
  @TempDir Path tmp;

  private static final String RUN = "runs/r";

  /** Every file under {@code dir}: its bytes' hash, size and modification time. */
  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(p);
        out.put(dir.relativize(p).toString(), java.util.Arrays.hashCode(bytes) + " " + bytes.length + " "
            + Files.getLastModifiedTime(p).toInstant());
      }
    }
    return out;
  }

  @ParameterizedTest(name = "read-only server: {0}")
  @ValueSource(booleans = {true, false})
  void everyPageOfAnOlderRunLeavesItsFolderAsItWas(boolean readOnly) throws Exception {
    try (TestWorkspace ws = TestWorkspace.create(tmp)) {
      Path dir = SampleFixtures.generate(ws, RUN, 2);
      String id = SampleFixtures.firstAccepted(dir, "bug_report").id();
      // a store written before a person's verdicts and the fidelity judge existed
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("run.sqlite"));
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE person_rejections");
        s.execute("DROP TABLE person_verdict_log");
        s.execute("DROP TABLE judgements");
      }
      Map<String, String> before = files(dir);
      assertThat(before).containsKey("run.sqlite").doesNotContainKeys("run.sqlite-wal", "run.sqlite-shm");
      Thread.sleep(20); // a write from here on shows in a modification time
      String q = "?dir=" + Http.q(RUN);
      try (WebServer server = WebServer.start(ws.options(readOnly))) {
        Http http = new Http(server.url());
        for (String page : List.of("/", "/api/home", "/run" + q, "/api/run" + q, "/api/run/live" + q, "/samples" + q,
            "/samples" + q + "&verdict=accepted&q=the", "/api/samples" + q, "/sample" + q + "&id=" + Http.q(id),
            "/api/sample" + q + "&id=" + Http.q(id), "/report" + q)) {
          HttpResponse<String> r = http.get(page);
          assertThat(r.statusCode()).as(page).isEqualTo(200);
          assertThat(files(dir)).as("after " + page).isEqualTo(before);
        }
        JsonNode status = new ObjectMapper().readTree(http.get("/api/run" + q).body());
        assertThat(status.get("totals").get("accepted").asLong()).isEqualTo(2L * Task.load(ws.task()).labels().size());
      }
      assertThat(files(dir)).isEqualTo(before);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("run.sqlite"));
          Statement s = c.createStatement()) {
        assertThat(s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('person_rejections', "
            + "'person_verdict_log', 'judgements')").getInt(1)).as("tables added").isZero();
      }
    }
  }

  @Test
  void aRunAnotherWriterHoldsIsReadWithWhatItCommitted() throws Exception {
    try (TestWorkspace ws = TestWorkspace.create(tmp)) {
      Task task = Task.load(ws.task());
      try (WebServer server = WebServer.start(ws.options(true));
          Run held = Run.create(tmp.resolve(RUN), task, RunConfig.builder(task).perClass(2).build())) {
        Http http = new Http(server.url());
        long planned = held.plan().status().totals().planned();
        assertThat(planned).isEqualTo(2L * task.labels().size());
        // the writer's connection is open: what it planned is in its write-ahead log, not yet in the file
        assertThat(Files.exists(tmp.resolve(RUN).resolve("run.sqlite-wal"))).isTrue();
        JsonNode status = new ObjectMapper().readTree(http.get("/api/run?dir=" + Http.q(RUN)).body());
        assertThat(status.get("totals").get("requests").asLong()).isEqualTo(planned);
        JsonNode live = new ObjectMapper().readTree(http.get("/api/run/live?dir=" + Http.q(RUN)).body());
        assertThat(live.get("state").asText()).isEqualTo("running");
        assertThat(http.get("/samples?dir=" + Http.q(RUN)).body()).contains("pending");
      }
    }
  }
}
