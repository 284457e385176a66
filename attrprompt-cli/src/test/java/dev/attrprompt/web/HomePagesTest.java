package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunConfig;
import dev.attrprompt.task.Task;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The home page lists the workspace's tasks and runs with each run's state, read through the run API. */
class HomePagesTest {
  @TempDir Path tmp;

  @Test
  void listsTasksAndRunsWithTheirStatesAlsoWhileAnotherWriterHoldsARun() throws Exception {
    try (TestWorkspace ws = TestWorkspace.create(tmp)) {
      Task task = Task.load(ws.task());
      // complete: generated to its quota
      try (Run run = Run.create(tmp.resolve("runs/done"), task, RunConfig.builder(task).perClass(3).build())) {
        run.generate(ws.endpoint().forModel(run.manifest().generation().model()).build());
      }
      // planned: made, nothing asked yet
      try (Run run = Run.create(tmp.resolve("runs/fresh"), task, RunConfig.builder(task).perClass(2).build())) {
        run.plan();
      }
      try (WebServer server = WebServer.start(ws.options(false));
          Run held = Run.create(tmp.resolve("runs/held"), task, RunConfig.builder(task).perClass(2).build())) {
        Http http = new Http(server.url());
        HttpResponse<String> home = http.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("tasks/support-tickets", "runs/done", "runs/fresh", "runs/held",
            "href=\"/run?dir=runs%2Fdone\"", "<meta name=\"attrprompt-token\" content=\"" + server.token() + "\">");

        JsonNode summary = new ObjectMapper().readTree(http.get("/api/home").body());
        assertThat(summary.get("tasks").get(0).asText()).isEqualTo("tasks/support-tickets");
        assertThat(state(summary, "runs/done")).isEqualTo("complete");
        assertThat(state(summary, "runs/fresh")).isEqualTo("planned");
        // the lock of a writer is held (here by this JVM, as another process would): still readable, and running
        assertThat(state(summary, "runs/held")).isEqualTo("running");
        JsonNode done = run(summary, "runs/done").get("totals");
        assertThat(done.get("accepted").asLong()).isEqualTo(3L * task.labels().size());
        assertThat(done.get("simulated").asBoolean()).isTrue();
        assertThat(home.body()).contains("data-state=\"complete\"", "data-state=\"planned\"", "data-state=\"running\"");
      }
    }
  }

  private static String state(JsonNode summary, String dir) {
    return run(summary, dir).get("state").asText();
  }

  private static JsonNode run(JsonNode summary, String dir) {
    for (JsonNode r : summary.get("runs")) {
      if (r.get("dir").asText().equals(dir)) {
        return r;
      }
    }
    throw new AssertionError("no run " + dir + " in " + summary);
  }
}
