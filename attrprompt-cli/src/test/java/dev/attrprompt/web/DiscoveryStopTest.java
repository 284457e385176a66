package dev.attrprompt.web;

import static dev.attrprompt.web.TaskPagesTest.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the server (as Ctrl-C does) stops an attribute discovery started from the task page:
 * nothing more is asked, and the attribute set is left as it was, with no file half written.
 */
class DiscoveryStopTest {
  @TempDir Path tmp;

  @Test
  void closingTheServerStopsADiscoveryBeforeItWritesTheAttributeSet() throws Exception {
    // a slow endpoint: the values step asks question after question for several seconds
    try (TestWorkspace ws = TestWorkspace.create(tmp, SimulatorConfig.builder().seed(7).latencyMedianMs(250)
        .latencyP99Ms(300))) {
      WebServer server = WebServer.start(ws.options(false));
      try {
        Http http = new Http(server.url());
        String token = server.token();
        assertThat(http.postForm("/task/new", form("_token", token, "name", "news", "labels",
            "World,Sports,Business,Sci Tech", "domain", "news article")).statusCode()).isEqualTo(303);
        assertThat(http.postForm("/task/discover?dir=news", form("_token", token, "step", "propose")).statusCode())
            .isEqualTo(303);
        assertThat(TaskPagesTest.awaitDiscovery(http, "news", new ArrayList<>()).get("state").asText()).isEqualTo("done");
        Path attributes = tmp.resolve("news/attributes");
        Map<String, String> before = TaskPagesTest.snapshot(tmp.resolve("news"));
        long asked = ws.sim.stats().requests();

        assertThat(http.postForm("/task/discover?dir=news", form("_token", token, "step", "values", "keep",
            "writing_style", "more", "Subtopic", "values", "4")).statusCode()).isEqualTo(303);
        long until = System.nanoTime() + 30_000_000_000L;
        while (ws.sim.stats().requests() < asked + 2 && System.nanoTime() < until) {
          Thread.sleep(20);
        }
        assertThat(ws.sim.stats().requests()).as("the values step is asking").isGreaterThanOrEqualTo(asked + 2);
        WebContext web = server.context();
        Path news = web.workspace().task("news").orElseThrow();
        assertThat(web.discoveries().running(news)).isTrue();

        server.close();
        server = null;
        long afterClose = ws.sim.stats().requests();
        assertThat(web.discoveries().state(news).orElseThrow()).as("ended when the server closed")
            .isInstanceOfSatisfying(Discoveries.State.Failed.class, f -> assertThat(f.line())
                .contains("stopped before its end", "nothing was written to the attribute set"));
        Thread.sleep(1500); // a discovery left running would ask again within this
        assertThat(ws.sim.stats().requests()).as("asked after the close").isEqualTo(afterClose);
        Map<String, String> after = TaskPagesTest.snapshot(tmp.resolve("news"));
        // the attribute set is as it was; only discovery's own record and answer cache may have moved on
        after.keySet().removeIf(k -> k.startsWith("discovery"));
        before.keySet().removeIf(k -> k.startsWith("discovery"));
        assertThat(after).isEqualTo(before);
        try (Stream<Path> all = Files.walk(tmp.resolve("news"))) {
          List<String> temporary = all.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
          assertThat(temporary).isEmpty();
        }
        assertThat(Files.exists(attributes.resolve("writing_style.yaml"))).isFalse();
      } finally {
        if (server != null) {
          server.close();
        }
      }
    }
  }
}
