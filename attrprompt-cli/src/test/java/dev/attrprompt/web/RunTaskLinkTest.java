package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run page links to the task the run was made from while the workspace holds it, and says nothing otherwise. */
class RunTaskLinkTest {
  @TempDir Path tmp;

  @Test
  void theRunPageLinksToItsTaskAndSaysWhenTheTaskChangedOrIsGone() throws Exception {
    try (TestWorkspace ws = TestWorkspace.create(tmp.resolve("ws"))) {
      SampleFixtures.generate(ws, "runs/r", 1);
      try (WebServer server = WebServer.start(ws.options(true))) {
        Http http = new Http(server.url());
        String link = "<p id=\"run-task\">Made from the task <a href=\"/task?dir=tasks%2Fsupport-tickets\">"
            + "tasks/support-tickets</a>";
        assertThat(http.get("/run?dir=runs%2Fr").body()).contains(link + ".</p>").doesNotContain("have changed");

        // the task's files change after the run was made: still its task, and the page says so
        Files.writeString(ws.task().resolve("task.yaml"), "\n# edited after the run\n", StandardOpenOption.APPEND);
        assertThat(http.get("/run?dir=runs%2Fr").body()).contains(link + " <span class=\"muted\">(its files have "
            + "changed since this run was made)</span>.</p>");

        // a task of another name is not its task, and a workspace without its task says nothing of one
        Path task = ws.task();
        Files.move(task, tmp.resolve("elsewhere"));
        String page = http.get("/run?dir=runs%2Fr").body();
        assertThat(page).doesNotContain("run-task").doesNotContain("Made from");
      }
    }
  }

  @Test
  void aTaskWhoseNameAndFolderHoldMarkupIsLinkedEscaped() throws Exception {
    try (TestWorkspace ws = TestWorkspace.create(tmp.resolve("ws"))) {
      Path task = ws.root.resolve("tasks/x<i>&y tickets");
      Files.move(ws.task(), task);
      Path yaml = task.resolve("task.yaml");
      Files.writeString(yaml, Files.readString(yaml).replace("name: support-tickets", "name: \"x<i>&y <b>tickets\""));
      dev.attrprompt.task.Task loaded = dev.attrprompt.task.Task.load(task);
      assertThat(loaded.name()).isEqualTo("x<i>&y <b>tickets");
      try (dev.attrprompt.run.Run run = dev.attrprompt.run.Run.create(ws.root.resolve("runs/r"), loaded,
          dev.attrprompt.run.RunConfig.builder(loaded).perClass(1).build())) {
        run.generate(ws.endpoint().forModel(run.manifest().generation().model()).build());
      }
      try (WebServer server = WebServer.start(ws.options(true))) {
        Http http = new Http(server.url());
        String page = http.get("/run?dir=runs%2Fr").body();
        assertThat(page).contains("<p id=\"run-task\">Made from the task <a href=\"/task?dir="
            + "tasks%2Fx%3Ci%3E%26y+tickets\">tasks/x&lt;i&gt;&amp;y tickets</a>.</p>")
            .doesNotContain("x<i>").doesNotContain("<b>tickets").doesNotContain("&y ");
        var linked = http.get("/task?dir=tasks%2Fx%3Ci%3E%26y+tickets");
        assertThat(linked.statusCode()).isEqualTo(200);
        assertThat(linked.body()).contains("x&lt;i&gt;&amp;y").doesNotContain("x<i>");
      }
    }
  }
}
