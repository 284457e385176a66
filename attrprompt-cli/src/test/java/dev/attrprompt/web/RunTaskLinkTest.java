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
}
