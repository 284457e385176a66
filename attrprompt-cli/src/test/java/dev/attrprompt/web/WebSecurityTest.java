package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunConfig;
import dev.attrprompt.task.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's security, each rule through real HTTP against a server on a free port: the token,
 * other sites, GET, paths, read-only, headers, secrets and escaping.
 */
class WebSecurityTest {
  /** A folder name a hostile person (or tool) could give a run. */
  static final String HOSTILE = "\"><img src=x onerror=alert(1)>";
  static final String OUTSIDE_CANARY = "outside-canary-domain-9e1";

  @TempDir Path tmp;
  Path ws;
  Path outside;

  /** A workspace with a finished run, a hostile task and run name, and a link to a folder outside. */
  @BeforeEach
  void workspace() throws IOException {
    ws = tmp.resolve("ws");
    outside = tmp.resolve("outside");
    Path hostileTask = TestWorkspace.copyExample(ws.resolve("tasks/hostile"));
    Path yaml = hostileTask.resolve("task.yaml");
    Files.writeString(yaml, Files.readString(yaml).replaceFirst("(?m)^domain:.*$",
        "domain: \"<script>alert('domain')</script>\""));
    // outside the workspace: a task, and a "run" whose store is not a database (reading it would fail loudly)
    Path outsideTask = TestWorkspace.copyExample(outside.resolve("task"));
    Path outsideYaml = outsideTask.resolve("task.yaml");
    Files.writeString(outsideYaml, Files.readString(outsideYaml).replaceFirst("(?m)^domain:.*$", "domain: " + OUTSIDE_CANARY));
    Files.createDirectories(outside.resolve("run"));
    Files.writeString(outside.resolve("run/run.sqlite"), "not a database " + OUTSIDE_CANARY);
    Files.createSymbolicLink(ws.resolve("linked"), outside);
  }

  private TestWorkspace finishedRun(TestWorkspace w) throws IOException {
    Task task = Task.load(w.task());
    for (String name : List.of("runs/done", "runs/" + HOSTILE)) {
      try (Run run = Run.create(ws.resolve(name), task, RunConfig.builder(task).perClass(2).build())) {
        run.generate(w.endpoint().forModel(run.manifest().generation().model()).build());
      }
    }
    return w;
  }

  @Test
  void everyChangeNeedsTheTokenAndNothingChangesWithoutIt() throws Exception {
    try (TestWorkspace w = finishedRun(TestWorkspace.create(ws)); WebServer server = WebServer.start(w.options(false))) {
      Http http = new Http(server.url());
      List<String> before = snapshot();
      long requests = w.sim.stats().requests();
      String form = "task=" + Http.q(TestWorkspace.TASK) + "&dir=runs%2Fdone&out=made&method=simprompt&per_class=1";
      for (String path : List.of("/run/start", "/run/resume", "/run/stop", "/run/export", "/", "/api/run", "/nothing")) {
        assertThat(http.postForm(path, form).statusCode()).as("POST %s without a token", path).isEqualTo(403);
        assertThat(http.postForm(path, form + "&_token=wrong").statusCode()).as("POST %s, wrong token", path).isEqualTo(403);
        assertThat(http.postForm(path + "?_token=" + Http.q(server.token()), form).statusCode())
            .as("POST %s, token in the URL", path).isEqualTo(403);
        assertThat(http.postForm(path, form, Guard.HEADER, server.token() + "x").statusCode()).isEqualTo(403);
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
          assertThat(http.method(method, path).statusCode()).as("%s %s", method, path).isEqualTo(403);
        }
      }
      HttpResponse<String> refused = http.postForm("/run/start", form);
      assertThat(refused.body()).contains("this change needs the page&#39;s token");
      assertThat(snapshot()).isEqualTo(before);
      assertThat(w.sim.stats().requests()).isEqualTo(requests);
      // with the token (header or form field) the same requests are let through
      assertThat(http.postForm("/run/stop", "dir=runs%2Fdone", Guard.HEADER, server.token()).statusCode()).isEqualTo(400);
      assertThat(http.postForm("/run/export", "dir=runs%2Fdone&out=made&_token=" + Http.q(server.token()))
          .statusCode()).isEqualTo(303);
      assertThat(ws.resolve("made/data.jsonl")).exists();
    }
  }

  @Test
  void otherSitesAreRefused() throws Exception {
    try (TestWorkspace w = TestWorkspace.create(ws); WebServer server = WebServer.start(w.options(false))) {
      Http http = new Http(server.url());
      String own = "http://127.0.0.1:" + server.port();
      String form = "dir=x&_token=" + Http.q(server.token());
      assertThat(http.postForm("/run/stop", form, "Origin", "http://evil.example").statusCode()).isEqualTo(403);
      assertThat(http.postForm("/run/stop", form, "Origin", "null").statusCode()).isEqualTo(403);
      assertThat(http.postForm("/run/stop", form, "Origin", "null", "Sec-Fetch-Site", "cross-site").statusCode())
          .isEqualTo(403);
      // a form of the server's own page, sent under its no-referrer policy
      assertThat(http.postForm("/run/stop", form, "Origin", "null", "Sec-Fetch-Site", "same-origin").statusCode())
          .isEqualTo(404);
      assertThat(http.postForm("/run/stop", form, "Origin", own + ".evil.example").statusCode()).isEqualTo(403);
      assertThat(http.postForm("/run/stop", form, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
      assertThat(http.postForm("/run/stop", form, "Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);
      assertThat(http.get("/", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
      assertThat(http.get("/api/home", "Origin", "http://evil.example").statusCode()).isEqualTo(403);
      // the server's own pages pass (dir=x is no run: 404 after the guard let it through)
      assertThat(http.postForm("/run/stop", form, "Origin", own, "Sec-Fetch-Site", "same-origin").statusCode())
          .isEqualTo(404);
      assertThat(http.get("/", "Origin", own, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
      // a page of another name that resolves to this machine (DNS rebinding) reads nothing
      assertThat(rawStatus(server.port(), "evil.example:" + server.port())).isEqualTo(403);
      assertThat(rawStatus(server.port(), "localhost:" + server.port())).isEqualTo(200);
    }
  }

  @Test
  void boundToEveryAddressTheServerStillAnswersNoOtherDomainName() throws Exception {
    try (TestWorkspace w = TestWorkspace.create(ws)) {
      WebOptions local = w.options(false);
      try (WebServer server = WebServer.start(new WebOptions(local.root(), "0.0.0.0", 0, false, local.endpoint()))) {
        int port = server.port();
        // a rebinding page's own name is refused, so its script never reads the token
        assertThat(rawStatus(port, "evil.example:" + port)).isEqualTo(403);
        assertThat(rawStatus(port, "127.0.0.1.evil.example:" + port)).isEqualTo(403);
        assertThat(rawStatus(port, "127.0.0.1:" + (port == 1 ? 2 : 1))).isEqualTo(403);
        // addresses and this machine's names, as other machines on the network reach it
        assertThat(rawStatus(port, "127.0.0.1:" + port)).isEqualTo(200);
        assertThat(rawStatus(port, "192.168.1.5:" + port)).isEqualTo(200);
        assertThat(rawStatus(port, "localhost:" + port)).isEqualTo(200);
      }
    }
  }

  @Test
  void aTaskWhoseAttributesLieOutsideTheWorkspaceIsNeitherShownNorWritten() throws Exception {
    Path outsideAttributes = outside.resolve("task/attributes").toAbsolutePath();
    Path named = TestWorkspace.copyExample(ws.resolve("tasks/named-out"));
    Path yaml = named.resolve("task.yaml");
    Files.writeString(yaml, Files.readString(yaml).replaceFirst("(?m)^attributes:.*$", "attributes: " + outsideAttributes));
    Path linked = TestWorkspace.copyExample(ws.resolve("tasks/linked-out"));
    dev.attrprompt.FileTrees.deleteQuietly(linked.resolve("attributes"));
    Files.createSymbolicLink(linked.resolve("attributes"), outsideAttributes);
    List<String> outsideBefore;
    try (Stream<Path> s = Files.walk(outside)) {
      outsideBefore = s.map(p -> p + " " + size(p)).sorted().toList();
    }
    try (TestWorkspace w = TestWorkspace.create(ws); WebServer server = WebServer.start(w.options(false))) {
      Http http = new Http(server.url());
      for (String task : List.of("tasks/named-out", "tasks/linked-out")) {
        HttpResponse<String> page = http.get("/task?dir=" + Http.q(task));
        assertThat(page.statusCode()).as(task).isEqualTo(400);
        assertThat(page.body()).contains("lies outside the served workspace").doesNotContain("subtopic");
        HttpResponse<String> add = http.postForm("/task/edit?dir=" + Http.q(task), "_token=" + Http.q(server.token())
            + "&op=add&dimension=subtopic&label=billing&value=written+outside");
        assertThat(add.statusCode()).as(task).isEqualTo(400);
      }
    }
    try (Stream<Path> s = Files.walk(outside)) {
      assertThat(s.map(p -> p + " " + size(p)).sorted().toList()).isEqualTo(outsideBefore);
    }
  }

  @Test
  void getNeverChangesState() throws Exception {
    try (TestWorkspace w = finishedRun(TestWorkspace.create(ws)); WebServer server = WebServer.start(w.options(false))) {
      Http http = new Http(server.url());
      List<String> before = snapshot();
      String status = http.get("/api/run?dir=runs%2Fdone").body();
      long requests = w.sim.stats().requests();
      String t = "&_token=" + Http.q(server.token());
      for (String get : List.of("/", "/api/home", "/run?dir=runs%2Fdone", "/api/run?dir=runs%2Fdone",
          "/api/run/live?dir=runs%2Fdone", "/run/new?task=" + Http.q(TestWorkspace.TASK), "/report?dir=runs%2Fdone",
          "/run/start?task=" + Http.q(TestWorkspace.TASK) + "&out=made&per_class=1" + t,
          "/run/resume?dir=runs%2Fdone" + t, "/run/stop?dir=runs%2Fdone" + t,
          "/run/export?dir=runs%2Fdone&out=made" + t)) {
        int code = http.get(get).statusCode();
        assertThat(code).as(get).isIn(200, 404, 405);
        assertThat(http.method("HEAD", get).statusCode()).as("HEAD " + get).isIn(200, 404, 405);
      }
      assertThat(snapshot()).isEqualTo(before);
      assertThat(http.get("/api/run?dir=runs%2Fdone").body()).isEqualTo(status);
      assertThat(w.sim.stats().requests()).isEqualTo(requests);
    }
  }

  @Test
  void noRequestReachesAFileOutsideTheWorkspace() throws Exception {
    try (TestWorkspace w = finishedRun(TestWorkspace.create(ws)); WebServer server = WebServer.start(w.options(false))) {
      Http http = new Http(server.url());
      String home = http.get("/").body() + http.get("/api/home").body();
      assertThat(home).contains("runs/done").doesNotContain("linked", OUTSIDE_CANARY);
      String absolute = ws.resolve("runs/done").toAbsolutePath().toString();
      List<String> names = List.of("..", "../..", "%2e%2e", "%2E%2E%2F%2E%2E%2Fetc", "/etc", "%2Fetc%2Fpasswd",
          "runs%2F..%2F..%2F..%2Fetc%2Fpasswd", "runs/done/..", "runs/done/../done", "runs%5Cdone", "runs%5C..%5C..",
          Http.q(absolute), Http.q(absolute + "/../done"), "linked", "linked%2Frun", "linked/task", "./runs/done",
          "runs//done", "runs/done/", "runs%2Fdone%00", "%252e%252e", "..%2F" + Http.q(outside.toString()),
          Http.q(outside.resolve("run").toString()), "file:" + Http.q(absolute), "~", "tasks/..%2F..%2Foutside");
      String t = "_token=" + Http.q(server.token());
      for (String name : names) {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String get : List.of("/run?dir=", "/api/run?dir=", "/api/run/live?dir=", "/report?dir=", "/run/new?task=")) {
          answers.add(http.get(get + name));
        }
        answers.add(http.postForm("/run/resume", t + "&dir=" + name));
        answers.add(http.postForm("/run/export", t + "&dir=" + name + "&out=exported"));
        answers.add(http.postForm("/run/start", t + "&task=" + name + "&out=started"));
        for (HttpResponse<String> r : answers) {
          assertThat(r.statusCode()).as(r.request().uri() + " " + name).isEqualTo(404);
          assertThat(r.body()).as(name).contains("there is no such").doesNotContain(OUTSIDE_CANARY, "root:x:0", "passwd");
        }
      }
      // paths with encoded dots and slashes are refused before any handler
      for (String path : List.of("/static/..%2F..%2Fetc%2Fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd",
          "/static/..%5C..%5Cetc%5Cpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/static/app.js%00.html")) {
        HttpResponse<String> r = http.get(path);
        assertThat(r.statusCode()).as(path).isIn(400, 404);
        assertThat(r.body()).as(path).doesNotContain("root:x:0");
      }
      assertThat(outside.resolve("exported")).doesNotExist();
      assertThat(tmp.resolve("exported")).doesNotExist();
      assertThat(ws.resolve("exported")).doesNotExist();
      assertThat(ws.resolve("started")).doesNotExist();
      // the link is skipped, so its target is never opened: the store there would fail if read
      assertThat(http.get("/api/home").body()).doesNotContain("\"error\"");
    }
  }

  @Test
  void readOnlyServesEverythingAndChangesNothing() throws Exception {
    try (TestWorkspace w = finishedRun(TestWorkspace.create(ws)); WebServer server = WebServer.start(w.options(true))) {
      Http http = new Http(server.url());
      List<String> before = snapshot();
      String t = "_token=" + Http.q(server.token());
      for (String path : List.of("/run/start", "/run/resume", "/run/stop", "/run/export")) {
        HttpResponse<String> r = http.postForm(path, t + "&task=" + Http.q(TestWorkspace.TASK)
            + "&dir=runs%2Fdone&out=made&per_class=1", Guard.HEADER, server.token());
        assertThat(r.statusCode()).as(path).isEqualTo(403);
        assertThat(r.body()).contains("this server is read-only");
      }
      for (String page : List.of("/", "/run?dir=runs%2Fdone", "/run/new?task=" + Http.q(TestWorkspace.TASK))) {
        HttpResponse<String> r = http.get(page);
        assertThat(r.statusCode()).as(page).isEqualTo(200);
        assertThat(r.body()).as(page).doesNotContain("<form", "attrprompt-token", "_token", server.token(), "new run")
            .contains("read-only");
      }
      assertThat(http.get("/report?dir=runs%2Fdone").statusCode()).isEqualTo(200);
      assertThat(snapshot()).isEqualTo(before);
    }
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() throws Exception {
    try (TestWorkspace w = finishedRun(TestWorkspace.create(ws)); WebServer server = WebServer.start(w.options(false))) {
      Http http = new Http(server.url());
      List<HttpResponse<String>> all = new ArrayList<>();
      for (String get : List.of("/", "/api/home", "/run?dir=runs%2Fdone", "/api/run?dir=runs%2Fdone",
          "/api/run/live?dir=runs%2Fdone", "/static/app.js", "/static/app.css", "/nothing", "/run?dir=nothing",
          "/report?dir=runs%2Fdone")) {
        all.add(http.get(get));
      }
      all.add(http.postForm("/run/stop", "dir=runs%2Fdone"));
      all.add(http.postForm("/run/stop", "dir=runs%2Fdone", Guard.HEADER, server.token()));
      for (HttpResponse<String> r : all) {
        String what = r.request().method() + " " + r.request().uri() + " " + r.statusCode();
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
        assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        if (r.request().uri().getPath().equals("/report")) {
          assertThat(csp).as(what).startsWith("default-src 'none'").contains("connect-src 'none'")
              .doesNotContain("unsafe-eval").doesNotContain("script-src 'unsafe-inline'");
        } else {
          assertThat(csp).as(what).startsWith("default-src 'self'").contains("script-src 'self';", "frame-ancestors 'none'")
              .doesNotContain("unsafe");
        }
      }
      assertThat(all.get(1).headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(all.get(5).headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
      // no page has an inline script or inline style the policy would refuse
      for (HttpResponse<String> r : all.subList(0, 3)) {
        assertThat(r.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain(" style=", " onclick=");
      }
    }
  }

  @Test
  void noKeyOrHeaderSecretInAnyPageResponseLogOrFile() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(new TeeStream(log, out), true, StandardCharsets.UTF_8);
    System.setOut(tee);
    System.setErr(tee);
    try (TestWorkspace w = TestWorkspace.create(ws); WebServer server = WebServer.start(w.options(false))) {
      Http http = new Http(server.url());
      List<String> bodies = new ArrayList<>();
      HttpResponse<String> started = http.postForm("/run/start", "_token=" + Http.q(server.token()) + "&task="
          + Http.q(TestWorkspace.TASK) + "&per_class=3&out=paged");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
      for (int i = 0; i < 200 && !http.get("/api/run/live?dir=paged").body().contains("\"state\":\"complete\""); i++) {
        bodies.add(http.get("/api/run/live?dir=paged").body());
        Thread.sleep(100);
      }
      assertThat(w.sim.stats().requests()).isGreaterThanOrEqualTo(15); // the key and the header were sent
      // a resume against a folder that fails, an error page, every page and API
      bodies.add(http.postForm("/run/resume", "dir=paged", Guard.HEADER, server.token()).body());
      RunPagesTest.waitForState(http, "paged", "complete", 30);
      for (String get : List.of("/", "/api/home", "/run?dir=paged", "/api/run?dir=paged", "/api/run/live?dir=paged",
          "/run/new?task=" + Http.q(TestWorkspace.TASK), "/report?dir=paged", "/static/app.js", "/nothing")) {
        HttpResponse<String> r = http.get(get);
        bodies.add(r.headers().map().toString());
        bodies.add(r.body());
      }
      bodies.add(http.postForm("/run/start", "_token=" + Http.q(server.token()) + "&task=" + Http.q(TestWorkspace.TASK)
          + "&per_class=x&out=y").body());
      for (String body : bodies) {
        assertThat(body).doesNotContain(TestWorkspace.KEY, TestWorkspace.HEADER_SECRET, "canary-web-key", "canary-header");
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(TestWorkspace.KEY, TestWorkspace.HEADER_SECRET);
    try (Stream<Path> files = Files.walk(ws)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
            .doesNotContain(TestWorkspace.KEY, TestWorkspace.HEADER_SECRET);
      }
    }
  }

  @Test
  void hostileTextIsEscapedWhereverItLands() throws Exception {
    try (TestWorkspace w = finishedRun(TestWorkspace.create(ws)); WebServer server = WebServer.start(w.options(false))) {
      Http http = new Http(server.url());
      String rel = "runs/" + HOSTILE;
      List<String> pages = List.of(http.get("/").body(), http.get("/run?dir=" + Http.q(rel)).body(),
          http.get("/run/new?task=tasks%2Fhostile").body(),
          http.postForm("/run/start", "_token=" + Http.q(server.token()) + "&task=tasks%2Fhostile&out=x&method="
              + Http.q("<script>alert('method')</script>")).body(),
          http.get("/run?dir=runs%2Fdone&exported=" + Http.q("<b>x</b>")).body());
      assertThat(pages.get(0)).contains("data-run=\"runs/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"",
          "&lt;script&gt;alert(&#39;domain&#39;)&lt;/script&gt;");
      assertThat(pages.get(1)).contains("<h1>runs/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>");
      assertThat(pages.get(3)).contains("unknown method &#39;&lt;script&gt;alert(&#39;method&#39;)&lt;/script&gt;&#39;");
      for (String page : pages) {
        assertThat(page).doesNotContain("<img src=x", "<script>alert", "<b>x</b>");
      }
      // JSON carries the same text as data, under a JSON type the browser will not sniff as a page
      HttpResponse<String> live = http.get("/api/run/live?dir=" + Http.q(rel));
      assertThat(live.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(live.body()).get("dir").asText()).isEqualTo(rel);
    }
  }

  /** The status of a GET / sent with {@code host} as the Host header (HttpClient will not send another). */
  private static int rawStatus(int port, String host) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream o = s.getOutputStream();
      o.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  /** The workspace's files, without SQLite's side files (a reader may make them), with their sizes for all but stores. */
  private List<String> snapshot() throws IOException {
    try (Stream<Path> s = Files.walk(ws)) {
      return s.filter(p -> !p.getFileName().toString().endsWith("-wal") && !p.getFileName().toString().endsWith("-shm"))
          .map(p -> ws.relativize(p) + (Files.isRegularFile(p) && !p.toString().endsWith(".sqlite") ? " " + size(p) : ""))
          .sorted().toList();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Writes to a buffer and on to the real stream. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
