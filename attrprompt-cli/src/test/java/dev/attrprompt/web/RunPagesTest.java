package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs started, watched, resumed, stopped and exported through the pages, against the simulator. */
class RunPagesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void aRunStartedFromThePageCompletesAndItsJsonIsStatusJson() throws Exception {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(false))) {
      Http http = new Http(server.url());
      HttpResponse<String> started = http.postForm("/run/start", "_token=" + Http.q(server.token())
          + "&task=" + Http.q(TestWorkspace.TASK) + "&method=simprompt&per_class=4&model=&budget_usd=1&out=first");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
      assertThat(started.headers().firstValue("Location")).hasValue("/run?dir=first");

      JsonNode live = waitForState(http, "first", "complete", 90);
      assertThat(live.get("status").get("totals").get("accepted").asLong()).isEqualTo(20);
      assertThat(live.get("target").asLong()).isEqualTo(20);
      assertThat(live.get("ending").asText()).isNotBlank();
      assertThat(live.get("working_here").asBoolean()).isFalse();

      String api = http.get("/api/run?dir=first").body();
      assertThat(api.strip()).isEqualTo(statusJson(tmp.resolve("first")).strip());
      assertThat(JSON.readTree(api).get("totals").get("budget_usd").asDouble()).isEqualTo(1.0);

      HttpResponse<String> page = http.get("/run?dir=first");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("data-state=\"complete\"", "data-label=\"billing\"", "simprompt",
          "action=\"/run/export\"", "href=\"/samples?dir=first\"", "href=\"/report?dir=first\"");

      // the report of the run, with the report's own policy (its inline scripts admitted by hash)
      HttpResponse<String> report = http.get("/report?dir=first");
      assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
      assertThat(report.body()).contains("<script type=\"application/json\" id=\"report-data\">", "first");
      assertThat(report.headers().firstValue("Content-Security-Policy").orElseThrow())
          .startsWith("default-src 'none'; script-src 'sha256-").endsWith("frame-ancestors 'none'");
      assertThat(http.get("/report?dir=first&dir=nothing").statusCode()).isEqualTo(404);

      // export into a new folder of the workspace
      HttpResponse<String> exported = http.postForm("/run/export", "_token=" + Http.q(server.token())
          + "&dir=first&out=first-data&format=jsonl");
      assertThat(exported.statusCode()).as(exported.body()).isEqualTo(303);
      assertThat(Files.readAllLines(tmp.resolve("first-data/data.jsonl"))).hasSize(20);
      assertThat(http.get("/run?dir=first&exported=first-data").body()).contains("Exported to <code>first-data</code>");

      // resuming a complete run asks for nothing more and stays complete
      assertThat(http.postForm("/run/resume", "_token=" + Http.q(server.token()) + "&dir=first").statusCode())
          .isEqualTo(303);
      waitForState(http, "first", "complete", 30);
      assertThat(ws.sim.stats().requests()).isEqualTo(JSON.readTree(api).get("totals").get("responses").asLong());
      // nothing works now: stopping is refused in one line
      HttpResponse<String> stop = http.postForm("/run/stop", "_token=" + Http.q(server.token()) + "&dir=first",
          "Accept", "application/json");
      assertThat(stop.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(stop.body()).get("error").asText()).isEqualTo("this run is not working; nothing to stop");
    }
  }

  @Test
  void aRunStoppedFromThePageStopsCleanlyAndResumesToComplete() throws Exception {
    try (TestWorkspace ws = TestWorkspace.create(tmp, dev.attrprompt.sim.SimulatorConfig.builder().seed(3)
            .latencyMedianMs(300));
        WebServer server = WebServer.start(new WebOptions(ws.root, WebOptions.LOCAL, 0, false,
            model -> ws.endpoint().forModel(model).concurrency(2)))) {
      Http http = new Http(server.url());
      String token = "_token=" + Http.q(server.token());
      assertThat(http.postForm("/run/start", token + "&task=" + Http.q(TestWorkspace.TASK)
          + "&method=simprompt&per_class=20&out=slow").statusCode()).isEqualTo(303);
      JsonNode live = null;
      for (int i = 0; i < 100; i++) {
        live = JSON.readTree(http.get("/api/run/live?dir=slow").body());
        if (live.get("status").get("totals").get("responses").asLong() >= 4) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(live.get("state").asText()).isEqualTo("running");
      assertThat(live.get("working_here").asBoolean()).isTrue();
      // a second start of the same run while it works is refused
      HttpResponse<String> twice = http.postForm("/run/resume", token + "&dir=slow", "Accept", "application/json");
      assertThat(twice.statusCode()).isEqualTo(400);
      assertThat(twice.body()).contains("this run is already working; stop it first");

      assertThat(http.postForm("/run/stop", token + "&dir=slow").statusCode()).isEqualTo(303);
      JsonNode stopped = waitForState(http, "slow", "stopped", 60);
      assertThat(stopped.get("ending").asText()).startsWith("stopped; ");
      long answered = stopped.get("status").get("totals").get("responses").asLong();
      assertThat(answered).isBetween(4L, 99L);
      assertThat(dev.attrprompt.run.Run.writerOf(tmp.resolve("slow"))).isEmpty();

      assertThat(http.postForm("/run/resume", token + "&dir=slow").statusCode()).isEqualTo(303);
      JsonNode complete = waitForState(http, "slow", "complete", 120);
      assertThat(complete.get("status").get("totals").get("accepted").asLong()).isEqualTo(100);
      // nothing paid for was bought twice
      assertThat(ws.sim.stats().requests()).isEqualTo(complete.get("status").get("totals").get("responses").asLong());
      assertThat(http.get("/api/run?dir=slow").body().strip()).isEqualTo(statusJson(tmp.resolve("slow")).strip());
    }
  }

  @Test
  void badInputIsOneLineWith400AndMakesNoFolder() throws Exception {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(false))) {
      Http http = new Http(server.url());
      String token = "_token=" + Http.q(server.token()) + "&task=" + Http.q(TestWorkspace.TASK);
      List<String> before = tree(tmp);
      for (String bad : List.of("&per_class=abc&out=x", "&per_class=0&out=x", "&method=magic&out=x",
          "&budget_usd=-1&out=x", "&out=..%2Fescape", "&out=.hidden", "&out=a%2Fb", "&out=", "&out=tasks",
          "&model=no-such-model&budget_usd=1&out=x", "&model=gpt-4o-mini%0Aevil&out=x", "&model=" + "m".repeat(201) + "&out=x")) {
        HttpResponse<String> r = http.postForm("/run/start", token + bad, "Accept", "application/json");
        assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
        String line = JSON.readTree(r.body()).get("error").asText();
        assertThat(line).as(bad).isNotBlank().doesNotContain("\n", "Exception", "at dev.");
      }
      HttpResponse<String> page = http.postForm("/run/start", token + "&per_class=abc&out=x");
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body()).contains("<p class=\"error\">samples per label must be a whole number, not &#39;abc&#39;</p>");
      assertThat(tree(tmp)).isEqualTo(before);
      assertThat(ws.sim.stats().requests()).isZero();
    }
  }

  /** Waits until the run's live state is {@code state}. */
  static JsonNode waitForState(Http http, String dir, String state, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    JsonNode live = null;
    while (System.nanoTime() < end) {
      live = JSON.readTree(http.get("/api/run/live?dir=" + Http.q(dir)).body());
      if (live.get("state").asText().equals(state) && !live.get("working_here").asBoolean()) {
        return live;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("run " + dir + " never reached " + state + ": " + live);
  }

  /** What {@code attrprompt status RUN --json} prints. */
  static String statusJson(Path run) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"status", run.toString(), "--json"}, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  /**
   * The files and folders under {@code root}, less SQLite's write-ahead log and its index: a page
   * that only reads a run opens the store, and closing the last connection folds the log back and
   * deletes it, so whether one is there depends on when the page's script last looked.
   */
  static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).filter(p -> !p.endsWith("-wal") && !p.endsWith("-shm"))
          .sorted().toList();
    }
  }
}
