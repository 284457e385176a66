package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.cli.Main;
import dev.attrprompt.eval.html.Escape;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task pages over HTTP, in process: each change lands in the task's YAML files and reads back
 * through {@code attributes show --json}, needs the token, refuses bad input in one line, and
 * nothing is changed by a read-only server; labels and values are escaped wherever they land.
 */
class TaskPagesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DIR = "dir=" + Http.q(TestWorkspace.TASK);

  @TempDir Path tmp;

  record Cli(int code, String out, String err) {}

  /** The command line, in process, as a person would run it. */
  static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Cli(code, out.toString(), err.toString());
  }

  static JsonNode show(Path task) throws IOException {
    Cli r = cli("attributes", "show", task.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  static JsonNode dimension(JsonNode shown, String name) {
    for (JsonNode d : shown.get("dimensions")) {
      if (d.get("name").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError("no dimension " + name + " in " + shown);
  }

  static List<String> texts(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.asText()));
    return out;
  }

  /** A form body: name, value, name, value ... */
  static String form(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      b.append(b.isEmpty() ? "" : "&").append(Http.q(pairs[i])).append('=').append(Http.q(pairs[i + 1]));
    }
    return b.toString();
  }

  /** Every file under {@code dir} with its bytes, to show that nothing changed. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  @Test
  void eachReviewChangeLandsInTheYamlAndInAttributesShow() throws IOException {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(false))) {
      Http http = new Http(server.url());
      String token = server.token();
      HttpResponse<String> page = http.get("/task?" + DIR);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("polite and patient", "data-provenance=\"person\"",
          "name=\"_token\" value=\"" + token + "\"", "href=\"/task/preview?" + DIR + "\"");

      HttpResponse<String> reject = http.postForm("/task/edit?" + DIR, form("_token", token, "op", "reject",
          "dimension", "tone", "value", "polite and patient"));
      assertThat(reject.statusCode()).isEqualTo(303);
      assertThat(reject.headers().firstValue("Location").orElseThrow()).startsWith("/task?" + DIR + "#dim-");
      assertThat(Files.readString(ws.task().resolve("attributes/tone.yaml"))).doesNotContain("polite and patient");
      assertThat(texts(dimension(show(ws.task()), "tone").get("values"))).doesNotContain("polite and patient")
          .contains("frustrated but civil");

      assertThat(http.postForm("/task/edit?" + DIR, form("_token", token, "op", "add", "dimension", "subtopic",
          "label", "billing", "value", "late fee after a bank holiday")).statusCode()).isEqualTo(303);
      assertThat(texts(dimension(show(ws.task()), "subtopic").get("values").get("billing")))
          .endsWith("late fee after a bank holiday");
      Cli review = cli("attributes", "review", ws.task().toString(), "--json");
      JsonNode reviewed = JSON.readTree(review.out()).get("dimensions").get(0).get("values").get("billing");
      assertThat(reviewed.get(reviewed.size() - 1).get("value").asText()).isEqualTo("late fee after a bank holiday");
      assertThat(reviewed.get(reviewed.size() - 1).get("provenance").asText())
          .isEqualTo("written by a person: reviewed in attrprompt serve");

      assertThat(http.postForm("/task/edit?" + DIR, form("_token", token, "op", "edit", "dimension", "tone",
          "value", "terse, a few short sentences", "new", "terse: two lines at most")).statusCode()).isEqualTo(303);
      assertThat(texts(dimension(show(ws.task()), "tone").get("values"))).contains("terse: two lines at most")
          .doesNotContain("terse, a few short sentences");

      assertThat(http.postForm("/task/edit?" + DIR, form("_token", token, "op", "disable", "dimension", "location"))
          .statusCode()).isEqualTo(303);
      assertThat(dimension(show(ws.task()), "location").get("enabled").asBoolean()).isFalse();
      assertThat(Files.readString(ws.task().resolve("attributes/location.yaml"))).contains("enabled: false");
      assertThat(http.get("/task?" + DIR).body()).contains("data-dimension=\"location\" data-enabled=\"false\"",
          "value=\"enable\"");
      http.postForm("/task/edit?" + DIR, form("_token", token, "op", "enable", "dimension", "location"));
      assertThat(dimension(show(ws.task()), "location").get("enabled").asBoolean()).isTrue();

      HttpResponse<String> similar = http.postForm("/task/edit?" + DIR, form("_token", token, "op", "similar",
          "label", "billing", "classes", "cancellation", "classes", "account_access"));
      assertThat(similar.headers().firstValue("Location").orElseThrow()).endsWith("#labels");
      assertThat(texts(show(ws.task()).get("similar").get("billing"))).containsExactly("cancellation", "account_access");
      http.postForm("/task/edit?" + DIR, form("_token", token, "op", "similar", "label", "cancellation"));
      assertThat(show(ws.task()).get("similar").has("cancellation")).isFalse();

      // a JSON client gets the count of changes instead of a redirect
      HttpResponse<String> json = http.postForm("/task/edit?" + DIR, form("_token", token, "op", "add",
          "dimension", "length", "value", "150"), "Accept", "application/json");
      assertThat(json.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(json.body()).get("changes").asInt()).isEqualTo(1);
      assertThat(texts(dimension(show(ws.task()), "length").get("values"))).containsExactly("20", "50", "100", "150");
    }
  }

  @Test
  void aValueFilteringRemovedIsShownWithItsVerdictAndCanBeAccepted() throws IOException {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(false))) {
      Files.createDirectories(ws.task().resolve("discovery"));
      Files.writeString(ws.task().resolve("discovery/record.json"), """
          {"model": "m", "exchanges": [], "drops": {}, "filter_verdicts": [
           {"dimension": "subtopic", "label": "billing", "value": "cancel the plan and get money back",
            "answer": "Yes, cancellation.", "verdict": "removed"},
           {"dimension": "subtopic", "label": "billing", "value": "charged twice for the same month",
            "answer": "No.", "verdict": "kept"}]}
          """);
      Http http = new Http(server.url());
      String body = http.get("/task?" + DIR).body();
      assertThat(body).contains("<s>cancel the plan and get money back</s>", "data-verdict=\"removed\"",
          "title=\"the LLM answered: Yes, cancellation.\"", "data-verdict=\"kept\"", "1 removed by filtering");
      assertThat(http.postForm("/task/edit?" + DIR, form("_token", server.token(), "op", "accept",
          "dimension", "subtopic", "label", "billing", "value", "cancel the plan and get money back")).statusCode())
          .isEqualTo(303);
      assertThat(texts(dimension(show(ws.task()), "subtopic").get("values").get("billing")))
          .contains("cancel the plan and get money back");
      assertThat(http.get("/task?" + DIR).body()).doesNotContain("<s>cancel the plan", "removed by filtering</summary>");
    }
  }

  @Test
  void aChangeWithoutTheTokenOrFromAnotherSiteIsRefusedAndChangesNothing() throws IOException {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(false))) {
      Http http = new Http(server.url());
      Map<String, String> before = snapshot(tmp);
      String reject = form("op", "reject", "dimension", "tone", "value", "polite and patient");
      assertThat(http.postForm("/task/edit?" + DIR, reject).statusCode()).isEqualTo(403);
      assertThat(http.postForm("/task/edit?" + DIR, reject + "&_token=wrong").statusCode()).isEqualTo(403);
      assertThat(http.postForm("/task/edit?" + DIR, reject + "&_token=" + server.token(), "Origin",
          "http://evil.example").statusCode()).isEqualTo(403);
      assertThat(http.postForm("/task/edit?" + DIR, reject + "&_token=" + server.token(), "Origin", "null",
          "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
      assertThat(http.postForm("/task/new", form("name", "x", "labels", "a,b", "domain", "news")).statusCode())
          .isEqualTo(403);
      assertThat(http.postForm("/task/discover?" + DIR, form("step", "propose")).statusCode()).isEqualTo(403);
      // GET never changes anything, whatever it carries
      assertThat(http.get("/task/edit?" + DIR + "&" + reject + "&_token=" + server.token()).statusCode())
          .isIn(404, 405);
      assertThat(snapshot(tmp)).isEqualTo(before);

      // a browser's own form post under Referrer-Policy no-referrer says "Origin: null", same-origin
      assertThat(http.postForm("/task/edit?" + DIR, reject + "&_token=" + server.token(), "Origin", "null",
          "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(303);
      assertThat(Files.readString(ws.task().resolve("attributes/tone.yaml"))).doesNotContain("polite and patient");
    }
  }

  @Test
  void badInputIsA400WithOneClearLineAndWritesNothing() throws IOException {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(false))) {
      Http http = new Http(server.url());
      String token = server.token();
      Map<String, String> before = snapshot(tmp);

      HttpResponse<String> unknown = http.postForm("/task/edit?" + DIR, form("_token", token, "op", "reject",
          "dimension", "mood", "value", "x"));
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(problem(unknown)).startsWith("reject mood:x: no dimension &#39;mood&#39;; use one of: ");
      assertThat(unknown.body()).contains("polite and patient"); // the page itself, with the line on top

      assertThat(problem(http.postForm("/task/edit?" + DIR, form("_token", token, "op", "reject", "dimension",
          "subtopic", "value", "x")))).contains("depends on the label");
      assertThat(problem(http.postForm("/task/edit?" + DIR, form("_token", token, "op", "edit", "dimension",
          "tone", "value", "polite and patient")))).isEqualTo("&#39;new&#39; is missing: give the value&#39;s new text");
      assertThat(problem(http.postForm("/task/edit?" + DIR, form("_token", token, "op", "add", "dimension",
          "length", "value", "long")))).contains("holds word counts; give a positive whole number");
      assertThat(problem(http.postForm("/task/edit?" + DIR, form("_token", token, "op", "similar", "label",
          "billing", "classes", "nobody")))).contains("&#39;nobody&#39; is not a label of the task");
      assertThat(problem(http.postForm("/task/edit?" + DIR, form("_token", token, "op", "delete-all"))))
          .startsWith("unknown change &#39;delete-all&#39;");
      assertThat(problem(http.postForm("/task/discover?" + DIR, form("_token", token, "step", "values"))))
          .isEqualTo("tick at least one dimension to keep, or name one under &#39;More&#39;");

      HttpResponse<String> asJson = http.postForm("/task/edit?" + DIR, form("_token", token, "op", "reject",
          "dimension", "mood", "value", "x"), "Accept", "application/json");
      assertThat(asJson.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(asJson.body()).get("error").asText()).startsWith("reject mood:x: no dimension 'mood'");

      for (String dir : List.of("tasks/nope", "../" + tmp.getFileName(), tmp.resolve(TestWorkspace.TASK).toString(),
          "tasks%2Fsupport-tickets%2F..%2F..", "tasks\\support-tickets")) {
        assertThat(http.get("/task?dir=" + Http.q(dir)).statusCode()).as(dir).isEqualTo(404);
        assertThat(http.postForm("/task/edit?dir=" + Http.q(dir), form("_token", token, "op", "disable",
            "dimension", "tone")).statusCode()).as(dir).isEqualTo(404);
      }

      HttpResponse<String> index = http.get("/task/preview?" + DIR + "&index=-1");
      assertThat(index.statusCode()).isEqualTo(400);
      assertThat(problem(index)).isEqualTo("&#39;index&#39; must be between 0 and 1000000000, not -1");
      assertThat(problem(http.get("/task/preview?" + DIR + "&label=nobody"))).startsWith("&#39;nobody&#39; is not a label");
      assertThat(problem(http.get("/task/preview?" + DIR + "&method=magic")))
          .isEqualTo("unknown method &#39;magic&#39;; use simprompt or attrprompt");
      HttpResponse<String> model = http.get("/task/estimate?" + DIR + "&model=my-own-model");
      assertThat(model.statusCode()).isEqualTo(400);
      assertThat(problem(model)).startsWith("no price known for model &#39;my-own-model&#39;");
      assertThat(problem(http.get("/task/estimate?" + DIR + "&per_class=lots")))
          .isEqualTo("&#39;per_class&#39; must be a whole number, not &#39;lots&#39;");

      assertThat(snapshot(tmp)).isEqualTo(before);
    }
  }

  @Test
  void discoveryOnAServerWithNoEndpointSaysHowToConfigureOne() throws IOException {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(new WebOptions(tmp,
        WebOptions.LOCAL, 0, false, WebOptions.noEndpoint()))) {
      Http http = new Http(server.url());
      Map<String, String> before = snapshot(tmp);
      assertThat(problem(http.postForm("/task/discover?" + DIR, form("_token", server.token(), "step", "propose"))))
          .startsWith("this server has no endpoint: restart &#39;attrprompt serve&#39;");
      assertThat(JSON.readTree(http.get("/api/task?" + DIR).body()).get("discovery").get("state").asText())
          .isEqualTo("none");
      assertThat(snapshot(tmp)).isEqualTo(before);
    }
  }

  /** The one line a 400 page shows on top. */
  static String problem(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    String body = r.body();
    int start = body.indexOf("<p class=\"error\" id=\"problem\" role=\"alert\">");
    assertThat(start).as(body).isNotNegative();
    String rest = body.substring(body.indexOf('>', start) + 1);
    String line = rest.substring(0, rest.indexOf("</p>"));
    assertThat(line).doesNotContain("\n", "Exception", "at dev.");
    return line;
  }

  @Test
  void aReadOnlyServerShowsNoFormsAndRefusesEveryChange() throws IOException {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(true))) {
      Http http = new Http(server.url());
      Map<String, String> before = snapshot(tmp);
      String page = http.get("/task?" + DIR).body();
      assertThat(page).contains("polite and patient").doesNotContain("method=\"post\"", server.token(), "_token");
      assertThat(http.get("/task/new").body()).doesNotContain("method=\"post\"");
      assertThat(http.get("/task/preview?" + DIR + "&label=billing&index=3").statusCode()).isEqualTo(200);
      assertThat(http.get("/task/estimate?" + DIR + "&per_class=10").statusCode()).isEqualTo(200);
      for (String post : List.of("/task/edit?" + DIR, "/task/discover?" + DIR, "/task/new")) {
        HttpResponse<String> r = http.postForm(post, form("_token", server.token(), "op", "disable",
            "dimension", "tone", "step", "propose", "name", "t2", "labels", "a,b", "domain", "news"));
        assertThat(r.statusCode()).as(post).isEqualTo(403);
      }
      assertThat(snapshot(tmp)).isEqualTo(before);
    }
  }

  @Test
  void hostileLabelsAndValuesAreEscapedOnEveryTaskPage() throws IOException {
    String label = "<b onmouseover=alert(1)>x\" & 'y'";
    String value = "<script>alert(\"v\")</script>";
    String breakout = "\"><img src=x onerror=alert(2)>";
    try (TestWorkspace ws = TestWorkspace.create(tmp)) {
      Path task = tmp.resolve("tasks/hostile");
      Files.createDirectories(task.resolve("attributes"));
      Files.writeString(task.resolve("task.yaml"), "domain: \"news <i>article</i>\"\nlabels:\n  - '" + label.replace("'", "''")
          + "'\n  - plain\n");
      Files.writeString(task.resolve("attributes/topic.yaml"), "scope: dependent\nvalues:\n  "
          + dev.attrprompt.task.Label.normalise(label).replace("'", "''") .transform(n -> "'" + n + "'")
          + ": ['" + value + "', '" + breakout.replace("'", "''") + "']\n  plain: [ordinary]\n");
      Files.writeString(task.resolve("attributes/similar.yaml"), "similar:\n  plain: ['" + label.replace("'", "''") + "']\n");
      try (WebServer server = WebServer.start(ws.options(false))) {
        Http http = new Http(server.url());
        String dir = "dir=" + Http.q("tasks/hostile");
        List<HttpResponse<String>> pages = List.of(http.get("/task?" + dir),
            http.get("/task/preview?" + dir + "&label=" + Http.q(label) + "&index=0"),
            http.get("/task/preview?" + dir + "&label=" + Http.q(label) + "&index=1"),
            http.get("/task/estimate?" + dir + "&per_class=3"),
            http.get("/task/preview?" + dir + "&label=" + Http.q(value)));
        for (HttpResponse<String> r : pages) {
          assertThat(r.body()).as(r.uri().toString()).doesNotContain("<b onmouseover", "<script>alert", "<img src=x",
              "<i>article</i>", "\"><img");
        }
        assertThat(pages.get(0).statusCode()).isEqualTo(200);
        assertThat(pages.get(0).body()).contains(Escape.html(value), Escape.html(breakout),
            "value=\"" + Escape.attribute(breakout) + "\"", Escape.html("<b onmouseover=alert(1)>x"));
        assertThat(pages.get(1).body() + pages.get(2).body()).contains(Escape.html(value));
        assertThat(pages.get(4).statusCode()).isEqualTo(400);
        // the task API is JSON, whose strings hold the text as it is
        JsonNode api = JSON.readTree(http.get("/api/task?" + dir).body());
        assertThat(api.get("dimensions").get(0).get("values").elements().next().get(0).get("value").asText())
            .isEqualTo(value);
        assertThat(http.get("/api/task?" + dir).headers().firstValue("Content-Type").orElseThrow())
            .startsWith("application/json");
      }
    }
  }

  @Test
  void aNewBlankTaskIsMadeAsInitMakesIt() throws IOException {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(false))) {
      Http http = new Http(server.url());
      String token = server.token();
      assertThat(http.get("/").body()).contains("action=\"/task/new\"");
      HttpResponse<String> made = http.postForm("/task/new", form("_token", token, "name", "reviews",
          "labels", "Positive\r\nnegative, mostly\r\n", "domain", " movie review ", "source", "IMDb",
          "label_role", "sentiment"));
      assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
      assertThat(made.headers().firstValue("Location").orElseThrow()).isEqualTo("/task?dir=reviews");
      Path task = tmp.resolve("reviews");
      assertThat(task.resolve("task.yaml")).exists();
      JsonNode shown = show(task);
      assertThat(texts(shown.get("labels"))).containsExactly("positive", "negative,_mostly");
      assertThat(Files.readString(task.resolve("task.yaml"))).contains("domain: movie review", "source: IMDb",
          "label_role: sentiment");
      assertThat(http.get("/task?dir=reviews").body()).contains("No dimension yet", "Ask for dimensions");
      // with no dimension, the preview and the estimate fall back to SimPrompt
      assertThat(http.get("/task/preview?dir=reviews").body()).contains("Write one Positive movie review");
      assertThat(http.get("/task/estimate?dir=reviews&per_class=10").body())
          .contains("data-field=\"requests\">20<");

      Map<String, String> before = snapshot(tmp);
      for (String[] bad : new String[][] {
          {"../escape", "a,b", "news", "a folder name is 1 to 80"},
          {"reviews", "a,b", "news", "the workspace already holds &#39;reviews&#39;"},
          {"one", "only", "news", "labels: a task needs at least two labels"},
          {"blank", "a,b", " ", "&#39;domain&#39; is missing"},
          {"dup", "Sports,sports", "news", "labels: a label is listed twice"}}) {
        HttpResponse<String> r = http.postForm("/task/new", form("_token", token, "name", bad[0], "labels", bad[1],
            "domain", bad[2]));
        assertThat(problem(r)).as(bad[0]).contains(bad[3]);
        // what was typed is kept in the form
        assertThat(r.body()).contains("value=\"" + Escape.attribute(bad[0]) + "\"");
      }
      // what a person typed comes back escaped, in the line and in the form
      HttpResponse<String> hostile = http.postForm("/task/new", form("_token", token, "name", "h",
          "labels", "ok\n\"><script>alert(1)</script>", "domain", "<img src=x onerror=alert(2)>"));
      assertThat(problem(hostile)).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
      assertThat(hostile.body()).doesNotContain("<script>alert(1)", "<img src=x").contains(
          "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>", "value=\"&lt;img src=x onerror=alert(2)&gt;\"");
      assertThat(problem(http.postForm("/task/new", form("_token", token, "name", "roles", "labels", "a,b",
          "domain", "news", "label_role", "mood")))).startsWith("unknown label role &#39;mood&#39;; use one of topic");
      assertThat(snapshot(tmp)).isEqualTo(before);
    }
  }

  @Test
  void aLargeAttributeSetShowsOneLabelsListsAtATime() throws IOException {
    try (TestWorkspace ws = TestWorkspace.create(tmp)) {
      Path task = tmp.resolve("big");
      Files.createDirectories(task.resolve("attributes"));
      Files.writeString(task.resolve("task.yaml"), "domain: news\nlabels: [alpha, beta]\n");
      StringBuilder yaml = new StringBuilder("scope: dependent\nvalues:\n");
      for (String label : List.of("alpha", "beta")) {
        yaml.append("  ").append(label).append(":\n");
        for (int i = 0; i < 301; i++) {
          yaml.append("    - ").append(label).append(" topic ").append(i).append('\n');
        }
      }
      Files.writeString(task.resolve("attributes/topic.yaml"), yaml);
      try (WebServer server = WebServer.start(ws.options(false))) {
        Http http = new Http(server.url());
        String first = http.get("/task?dir=big").body();
        assertThat(first).contains("alpha topic 300", "the per-label values of one label are shown at a time",
            "<option value=\"beta\">beta</option>").doesNotContain("beta topic 0");
        String beta = http.get("/task?dir=big&label=beta").body();
        assertThat(beta).contains("beta topic 0", "action=\"/task/edit?dir=big&amp;show=beta\"")
            .doesNotContain("alpha topic 0");
        HttpResponse<String> r = http.postForm("/task/edit?dir=big&show=beta", form("_token", server.token(),
            "op", "reject", "dimension", "topic", "label", "beta", "value", "beta topic 7"));
        assertThat(r.headers().firstValue("Location").orElseThrow()).isEqualTo("/task?dir=big&label=beta#dim-0");
        assertThat(http.get("/task?dir=big&label=beta").body()).doesNotContain("beta topic 7<");
        assertThat(http.get("/task?dir=big&label=gamma").statusCode()).isEqualTo(400);
      }
    }
  }

  @Test
  void thePreviewShowsThePromptThePromptsCommandShowsForThatItem() throws IOException {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(false))) {
      Http http = new Http(server.url());
      Cli prompts = cli("prompts", ws.task().toString(), "--per-class", "8", "--seed", "3", "--mode", "balanced",
          "--json");
      JsonNode item = null;
      for (String line : prompts.out().lines().toList()) {
        JsonNode n = JSON.readTree(line);
        if (n.get("id").asText().equals("bug_report-000007")) {
          item = n;
        }
      }
      assertThat(item).isNotNull();
      HttpResponse<String> page = http.get("/task/preview?" + DIR + "&method=attrprompt&label=bug_report&index=7"
          + "&seed=3&mode=balanced");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<pre class=\"prompt\" id=\"prompt\">" + Escape.html(item.get("prompt").asText())
          + "</pre>", "data-id=\"bug_report-000007\"", "seed sent with the request " + item.get("seed").asLong());
      item.get("attributes").fields().forEachRemaining(e -> assertThat(page.body())
          .contains("<td>" + Escape.html(e.getValue().asText()) + "</td>"));
      assertThat(page.body()).contains("index=6\" id=\"previous\"", "index=8\" id=\"next\"");

      Cli sim = cli("prompts", ws.task().toString(), "--per-class", "1", "--method", "simprompt", "--json");
      String simPrompt = JSON.readTree(sim.out().lines().findFirst().orElseThrow()).get("prompt").asText();
      assertThat(http.get("/task/preview?" + DIR + "&method=simprompt&label=billing").body())
          .contains(Escape.html(simPrompt));
    }
  }

  @Test
  void theEstimateShowsTheFiguresOfTheEstimateCommand() throws IOException {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(false))) {
      Http http = new Http(server.url());
      JsonNode e = JSON.readTree(cli("estimate", ws.task().toString(), "--method", "attrprompt", "--per-class", "40",
          "--model", "gpt-4o", "--json").out());
      String page = http.get("/task/estimate?" + DIR + "&method=attrprompt&per_class=40&model=gpt-4o").body();
      assertThat(field(page, "requests")).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", e.get("requests").asLong()));
      assertThat(field(page, "input_tokens")).isEqualTo(String.format(java.util.Locale.ROOT, "%,d",
          e.get("input_tokens").asLong()));
      assertThat(field(page, "output_tokens")).isEqualTo(String.format(java.util.Locale.ROOT, "%,d",
          e.get("output_tokens").asLong()));
      assertThat(field(page, "usd")).isEqualTo(String.format(java.util.Locale.ROOT, "$%,.4f", e.get("usd").asDouble()));
      assertThat(field(page, "usd_batch")).isEqualTo(String.format(java.util.Locale.ROOT, "$%,.4f",
          e.get("usd_batch").asDouble()));
      assertThat(field(page, "usd_bound")).isEqualTo(String.format(java.util.Locale.ROOT, "$%,.4f",
          e.get("usd_bound").asDouble()));
      assertThat(page).contains(e.get("output_tokens_basis").asText(), "gpt-4o", "tokenizer o200k_base");
      assertThat(e.get("requests").asLong()).isEqualTo(200);
      assertThat(page).contains("<code id=\"command\">attrprompt estimate tasks/support-tickets --method attrprompt "
          + "--per-class 40 --model gpt-4o --seed 7 --mode uniform</code>");
    }
  }

  @Test
  void discoveryAsksTheServersEndpointAndAPersonKeepsDimensions() throws Exception {
    try (TestWorkspace ws = TestWorkspace.create(tmp); WebServer server = WebServer.start(ws.options(false))) {
      Http http = new Http(server.url());
      String token = server.token();
      assertThat(http.postForm("/task/new", form("_token", token, "name", "news", "labels",
          "World,Sports,Business,Sci Tech", "domain", "news article")).statusCode()).isEqualTo(303);
      List<String> seen = new ArrayList<>();
      HttpResponse<String> propose = http.postForm("/task/discover?dir=news", form("_token", token, "step", "propose"));
      assertThat(propose.statusCode()).as(propose.body()).isEqualTo(303);
      assertThat(propose.headers().firstValue("Location").orElseThrow()).isEqualTo("/task?dir=news#discovery");
      JsonNode state = awaitDiscovery(http, "news", seen);
      assertThat(state.get("state").asText()).as(state.toString()).isEqualTo("done");
      assertThat(state.get("needs_review").asBoolean()).isTrue();
      List<String> proposed = new ArrayList<>();
      state.get("proposed").forEach(p -> proposed.add(p.get("name").asText()));
      assertThat(proposed).contains("writing_style", "length");
      String page = http.get("/task?dir=news").body();
      seen.add(page);
      assertThat(page).contains("name=\"keep\" value=\"writing_style\"", "Discover their values");

      // a person keeps two proposed dimensions and names one the LLM did not propose
      HttpResponse<String> values = http.postForm("/task/discover?dir=news", form("_token", token, "step", "values",
          "keep", "writing_style", "keep", "length", "more", "Subtopic", "values", "4"));
      assertThat(values.statusCode()).as(values.body()).isEqualTo(303);
      state = awaitDiscovery(http, "news", seen);
      assertThat(state.get("state").asText()).as(state.toString()).isEqualTo("done");
      assertThat(state.get("needs_review").asBoolean()).isFalse();

      JsonNode shown = show(tmp.resolve("news"));
      List<String> names = new ArrayList<>();
      shown.get("dimensions").forEach(d -> names.add(d.get("name").asText()));
      assertThat(names).containsExactlyInAnyOrder("subtopic", "length", "writing_style");
      assertThat(dimension(shown, "subtopic").get("values").get("sports").size()).isBetween(1, 4);
      assertThat(dimension(shown, "writing_style").get("values").size()).isBetween(1, 4);
      page = http.get("/task?dir=news").body();
      seen.add(page);
      assertThat(page).contains("data-provenance=\"llm\"", "requests sent");
      assertThat(ws.sim.stats().requests()).isPositive();

      // the key the server's endpoint holds is in no page, answer or file
      seen.add(http.get("/api/task?dir=news").body());
      assertThat(String.join("\n", seen)).doesNotContain(TestWorkspace.KEY);
      snapshot(tmp).forEach((file, bytes) -> assertThat(bytes).as(file).doesNotContain(TestWorkspace.KEY));
    }
  }

  /** Polls the task API until the task's discovery is no longer running. */
  static JsonNode awaitDiscovery(Http http, String dir, List<String> seen) throws Exception {
    long until = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < until) {
      String body = http.get("/api/task?dir=" + Http.q(dir)).body();
      seen.add(body);
      JsonNode d = JSON.readTree(body).get("discovery");
      if (!d.get("state").asText().equals("running")) {
        return d;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("discovery still running after 60 s");
  }

  static String field(String page, String name) {
    String key = "data-field=\"" + name + "\">";
    int at = page.indexOf(key);
    assertThat(at).as(name).isNotNegative();
    String rest = page.substring(at + key.length());
    return rest.substring(0, rest.indexOf('<')).replace("&#39;", "'");
  }
}
