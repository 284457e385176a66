package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.run.Run;
import dev.attrprompt.sim.Simulator;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attrprompt serve} as a person runs it: in its own process, stopped with Ctrl-C. */
class ServeCommandTest {
  static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
  static final Pattern TOKEN = Pattern.compile("<meta name=\"attrprompt-token\" content=\"([^\"]+)\">");
  @TempDir Path tmp;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void ctrlCStopsThePageStartedRunCleanlyAndItResumesFromTheCommandLine() throws Exception {
    Path ws = tmp.resolve("ws");
    BundledExamples.extract(BundledExamples.DEFAULT, ws.resolve("task"));
    Path log = tmp.resolve("serve.log");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().port(0).seed(5).latencyMedianMs(1000).build())) {
      Process serve = Children.start(log, List.of("serve", ws.toString(), "--port", "0", "--base-url",
          sim.baseUrl().toString(), "--timeout", "10"));
      try {
        String base = waitFor(log, URL, serve);
        String home = get(base).body();
        assertThat(home).contains("<tr data-task=\"task\">", "billing");
        String token = matcher(TOKEN, home).group(1);
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "run/start"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("_token=" + token + "&task=task&method=simprompt&per_class=40&out=big"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        for (int i = 0; i < 100 && sim.stats().requests() < 5; i++) {
          Thread.sleep(100);
        }
        assertThat(Run.writerOf(ws.resolve("big"))).isPresent();
        Children.signal(serve, "INT");
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
        assertThat(serve.exitValue()).isEqualTo(130);
      } finally {
        serve.destroyForcibly();
      }
      // the run stopped cleanly: no writer, readable, not complete; the command line finishes it
      assertThat(Run.writerOf(ws.resolve("big"))).isEmpty();
      long before = CliTest.parse(CliTest.run("status", ws.resolve("big").toString(), "--json").out())
          .get("totals").get("accepted").asLong();
      assertThat(before).isLessThan(200);
      CliTest.Result resumed = GenerateWithSimulatorTest.generate(java.util.Map.of("OPENAI_API_KEY", "k"),
          ws.resolve("task").toString(), "--out", ws.resolve("big").toString(), "--method", "simprompt",
          "--per-class", "40", "--base-url", sim.baseUrl().toString(), "--concurrency", "64");
      assertThat(resumed.code()).as(resumed.err()).isZero();
      assertThat(CliTest.parse(CliTest.run("status", ws.resolve("big").toString(), "--json").out())
          .get("totals").get("accepted").asLong()).isEqualTo(200);
    }
  }

  @Test
  void anyAddressButLoopbackIsSaidInOneLine() throws Exception {
    Path log = tmp.resolve("serve.log");
    Files.createDirectories(tmp.resolve("ws"));
    Process serve = Children.start(log, List.of("serve", tmp.resolve("ws").toString(), "--host", "0.0.0.0",
        "--port", "0", "--read-only"));
    try {
      String base = waitFor(log, URL, serve);
      assertThat(get(base).statusCode()).isEqualTo(200);
      List<String> lines = Files.readAllLines(log);
      assertThat(lines).anyMatch(l -> l.matches("attrprompt serve: listening on 0\\.0\\.0\\.0:\\d+: reachable from "
          + "other machines; anyone who reaches it can read the workspace \\(--host 127\\.0\\.0\\.1 keeps it on this one\\)"));
      assertThat(lines).anyMatch(l -> l.contains("(read-only)"));
      Children.signal(serve, "TERM");
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      serve.destroyForcibly();
    }
  }

  @Test
  void aMissingFolderOrBadPortIsOneLineWithExitCode2() throws IOException {
    CliTest.Result r = CliTest.run("serve", tmp.resolve("nothing").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: " + tmp.resolve("nothing")
        + ": no such folder; serve a folder that holds task or run folders");
    CliTest.Result port = CliTest.run("serve", tmp.toString(), "--port", "70000");
    assertThat(port.code()).isEqualTo(2);
    assertThat(port.err().strip()).isEqualTo("error: --port must be between 0 and 65535, not 70000");
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String waitFor(Path log, Pattern p, Process process) throws Exception {
    for (int i = 0; i < 600; i++) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      Matcher m = p.matcher(text);
      if (m.find()) {
        return m.group(1);
      }
      if (!process.isAlive()) {
        throw new AssertionError("serve ended: " + text);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve printed no URL: " + Files.readString(log));
  }

  private static Matcher matcher(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m;
  }
}
