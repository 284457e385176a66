package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups answered from a recent walk still see what changed since. */
class WorkspaceTest {
  @TempDir Path tmp;

  private static void run(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("run.sqlite"), "");
  }

  @Test
  void aFolderMadeAfterAWalkIsFoundAndOneSwappedForALinkOutIsNot() throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Path outside = tmp.resolve("outside");
    run(outside.resolve("r"));
    run(ws.resolve("runs/a"));
    Workspace w = new Workspace(ws);
    assertThat(w.run("runs/a")).hasValue(ws.resolve("runs/a"));

    run(ws.resolve("runs/b")); // made a moment after the walk
    assertThat(w.run("runs/b")).hasValue(ws.resolve("runs/b"));

    // runs/a replaced by a link to a run outside the workspace, within the walk's freshness
    Files.delete(ws.resolve("runs/a/run.sqlite"));
    Files.delete(ws.resolve("runs/a"));
    Files.createSymbolicLink(ws.resolve("runs/a"), outside.resolve("r"));
    assertThat(w.run("runs/a")).isEmpty();
    assertThat(w.run("runs/b")).hasValue(ws.resolve("runs/b"));
    assertThat(w.run("../outside/r")).isEmpty();
  }
}
