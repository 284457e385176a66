package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.run.PersonVerdict;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunStatus;
import dev.attrprompt.run.SampleQuery;
import dev.attrprompt.run.SampleRow;
import dev.attrprompt.run.SampleVerdict;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples pages over HTTP: filters, the token, read-only, escaping, unknown ids and runs. */
class SamplePagesTest {
  static final String RUN = "runs/r";
  @TempDir static Path tmp;
  static TestWorkspace ws;
  static WebServer server;
  static Http http;
  static Path dir;
  static SampleRow hostile;

  @BeforeAll
  static void serve() throws Exception {
    ws = TestWorkspace.create(tmp);
    dir = SampleFixtures.generate(ws, RUN, 3);
    hostile = SampleFixtures.firstAccepted(dir, "billing");
    SampleFixtures.makeHostile(dir, hostile);
    server = WebServer.start(ws.options(false));
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
    ws.close();
  }

  private static String list(String query) {
    HttpResponse<String> r = http.get("/samples?dir=" + Http.q(RUN) + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static List<String> rowIds(String html) {
    Matcher m = Pattern.compile("<tr data-id=\"([^\"]+)\"").matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<String> ids(SampleQuery.Filter f) {
    try (Run run = Run.open(dir)) {
      return run.samples(f.page(500, 0)).rows().stream().map(SampleRow::id).toList();
    }
  }

  @Test
  void filtersAndSearchSelectWhatTheRunApiSelects() throws Exception {
    String all = list("&limit=500");
    assertThat(rowIds(all)).isEqualTo(ids(SampleQuery.Filter.all()));
    String cancellation = list("&label=cancellation&verdict=accepted");
    assertThat(rowIds(cancellation)).hasSize(3).isEqualTo(ids(SampleQuery.Filter.all().withLabel("cancellation")
        .withVerdict(SampleVerdict.ACCEPTED)));
    SampleRow other = SampleFixtures.firstAccepted(dir, "bug_report");
    String dimension = other.attributes().keySet().iterator().next();
    String value = other.attributes().get(dimension);
    assertThat(rowIds(list("&value=" + Http.q(dimension + "=" + value)))).contains(other.id())
        .isEqualTo(ids(SampleQuery.Filter.all().withAttribute(dimension, value)));
    String word = other.text().orElseThrow().split("\\s+")[3];
    assertThat(rowIds(list("&q=" + Http.q(word)))).contains(other.id())
        .isEqualTo(ids(SampleQuery.Filter.all().withSearch(word)));
    // paging: two rows a page, the next link carries the filters
    String page = list("&verdict=accepted&limit=2");
    assertThat(rowIds(page)).hasSize(2);
    assertThat(page).contains("href=\"/samples?dir=runs%2Fr&amp;verdict=accepted&amp;limit=2&amp;offset=2\"");
    JsonNode api = new ObjectMapper().readTree(http.get("/api/samples?dir=" + Http.q(RUN) + "&verdict=accepted").body());
    assertThat(api.get("total").asInt()).isEqualTo(ids(SampleQuery.Filter.all().withVerdict(SampleVerdict.ACCEPTED)).size())
        .isBetween(13, 15);
  }

  @Test
  void aSampleShowsItsPromptAndRawAnswerSideBySide() throws Exception {
    SampleRow row = SampleFixtures.firstAccepted(dir, "bug_report");
    HttpResponse<String> r = http.get("/sample?dir=" + Http.q(RUN) + "&id=" + Http.q(row.id()));
    assertThat(r.statusCode()).isEqualTo(200);
    String prompt;
    String answer;
    try (Run run = Run.open(dir)) {
      prompt = run.sample(row.id()).orElseThrow().prompt();
      answer = run.sample(row.id()).orElseThrow().answer().orElseThrow().content();
    }
    assertThat(r.body()).contains("<div class=\"side\">", "<pre class=\"prompt\" id=\"prompt\">"
        + dev.attrprompt.eval.html.Escape.html(prompt) + "</pre>", "<pre class=\"answer\" id=\"answer\">"
        + dev.attrprompt.eval.html.Escape.html(answer) + "</pre>");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    // simulated texts say so, on the sample and on the list
    assertThat(r.body()).contains(">simulated</span>");
    assertThat(list("")).contains(">simulated</span>");
  }

  @Test
  void hostileTextLabelsAndValuesAreEscapedInPagesAndJson() throws Exception {
    for (String html : List.of(list("&limit=500"), list("&q=" + Http.q("<script>")),
        http.get("/sample?dir=" + Http.q(RUN) + "&id=" + Http.q(hostile.id())).body())) {
      assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<svg")
          .doesNotContain("</textarea></pre>").contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x");
      assertThat(html).contains("&quot;&gt;&lt;svg onload=alert(4)&gt;");
      assertThat(html.split("<script", -1)).hasSize(2); // the app's own script tag only
    }
    assertThat(rowIds(list("&q=" + Http.q("<script>alert(1)")))).containsExactly(hostile.id());
    JsonNode one = new ObjectMapper().readTree(http.get("/api/sample?dir=" + Http.q(RUN) + "&id="
        + Http.q(hostile.id())).body());
    assertThat(one.get("text").asText()).startsWith(SampleFixtures.HOSTILE);
    // a person's reason is text a person typed: escaped too
    HttpResponse<String> post = http.postForm("/sample/reject", "dir=" + Http.q(RUN) + "&id=" + Http.q(hostile.id())
        + "&reason=" + Http.q("<b>spam</b> \"x\"") + "&_token=" + Http.q(server.token()));
    assertThat(post.statusCode()).isEqualTo(303);
    String after = http.get("/sample?dir=" + Http.q(RUN) + "&id=" + Http.q(hostile.id())).body();
    assertThat(after).contains("person: &lt;b&gt;spam&lt;/b&gt; &quot;x&quot;").doesNotContain("<b>spam");
  }

  @Test
  void aChangeNeedsTheTokenAndASameOriginAndGetChangesNothing() throws Exception {
    SampleRow row = SampleFixtures.firstAccepted(dir, "account_access");
    String form = "dir=" + Http.q(RUN) + "&id=" + Http.q(row.id()) + "&reason=dull";
    RunStatus before = status();
    assertThat(http.postForm("/sample/reject", form).statusCode()).isEqualTo(403);
    assertThat(http.postForm("/sample/reject", form + "&_token=wrong").statusCode()).isEqualTo(403);
    assertThat(http.postForm("/sample/reject", form + "&_token=" + Http.q(server.token()), "Origin",
        "http://evil.example").statusCode()).isEqualTo(403);
    // a browser's own form says "Origin: null" under no-referrer; only with Sec-Fetch-Site: same-origin is it ours
    String withToken = form + "&_token=" + Http.q(server.token());
    assertThat(http.postForm("/sample/reject", withToken, "Origin", "null").statusCode()).isEqualTo(403);
    assertThat(http.postForm("/sample/reject", withToken, "Origin", "null", "Sec-Fetch-Site", "cross-site")
        .statusCode()).isEqualTo(403);
    // GETs of every samples address, even with a change's parameters, change nothing
    for (String get : List.of("/sample/reject?" + form + "&_token=" + Http.q(server.token()),
        "/sample/restore?dir=" + Http.q(RUN) + "&id=" + Http.q(row.id()), "/samples?dir=" + Http.q(RUN),
        "/sample?dir=" + Http.q(RUN) + "&id=" + Http.q(row.id()) + "&reason=dull")) {
      assertThat(http.get(get).statusCode()).as(get).isIn(200, 404, 405);
    }
    assertThat(status()).isEqualTo(before);
    assertThat(personVerdicts()).noneMatch(v -> v.id().equals(row.id()));

    // with the token: a redirect back to where the person was, and the verdict is recorded
    String back = "/samples?dir=runs%2Fr&label=account_access";
    HttpResponse<String> ok = http.postForm("/sample/reject", form + "&back=" + Http.q(back) + "&_token="
        + Http.q(server.token()), "Origin", "null", "Sec-Fetch-Site", "same-origin");
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).contains(back);
    assertThat(status().labels().get("account_access").rejectedByReason()).containsEntry("person: dull", 1);
    assertThat(list("&verdict=person-rejected")).contains("data-id=\"" + row.id() + "\"");

    // restore, asked for JSON; a redirect never leaves the site
    HttpResponse<String> restored = http.postForm("/sample/restore", "dir=" + Http.q(RUN) + "&id=" + Http.q(row.id()),
        "X-Attrprompt-Token", server.token(), "Accept", "application/json");
    assertThat(restored.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(restored.body()).get("verdict").asText()).isEqualTo("accepted");
    HttpResponse<String> offsite = http.postForm("/sample/reject", form + "&back=" + Http.q("//evil.example/x")
        + "&_token=" + Http.q(server.token()));
    assertThat(offsite.headers().firstValue("Location").orElseThrow()).startsWith("/sample?dir=runs%2Fr&id=");
    http.postForm("/sample/restore", "dir=" + Http.q(RUN) + "&id=" + Http.q(row.id()) + "&_token="
        + Http.q(server.token()));
    assertThat(status().labels().get("account_access").counts().accepted()).isEqualTo(3);
  }

  @Test
  void mistakesAreOneLine400sAndUnknownIdsOrRunsAre404s() {
    SampleRow row = SampleFixtures.firstAccepted(dir, "feature_request");
    String token = "&_token=" + Http.q(server.token());
    HttpResponse<String> blank = http.postForm("/sample/reject", "dir=" + Http.q(RUN) + "&id=" + Http.q(row.id())
        + "&reason=+" + token);
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("give a reason for rejecting the sample").doesNotContain("Exception");
    HttpResponse<String> notPerson = http.postForm("/sample/restore", "dir=" + Http.q(RUN) + "&id=" + Http.q(row.id())
        + token);
    assertThat(notPerson.statusCode()).isEqualTo(400);
    assertThat(http.get("/samples?dir=" + Http.q(RUN) + "&verdict=good").statusCode()).isEqualTo(400);
    assertThat(http.get("/samples?dir=" + Http.q(RUN) + "&limit=x").statusCode()).isEqualTo(400);
    for (String id : List.of("nope", "../../run.sqlite", "/etc/passwd", "%2e%2e%2Frun.sqlite", "' OR 1=1 --")) {
      HttpResponse<String> r = http.get("/sample?dir=" + Http.q(RUN) + "&id=" + Http.q(id));
      assertThat(r.statusCode()).as(id).isEqualTo(404);
      assertThat(r.body()).as(id).contains("there is no sample with this id in this run").doesNotContain("root:");
      assertThat(http.postForm("/sample/reject", "dir=" + Http.q(RUN) + "&id=" + Http.q(id) + "&reason=x" + token)
          .statusCode()).as(id).isEqualTo(404);
    }
    for (String run : List.of("../r", "runs/../runs/r", "/etc", tmp.resolve(RUN).toString(), "runs%2Fr", "runs\\r")) {
      assertThat(http.get("/samples?dir=" + Http.q(run)).statusCode()).as(run).isEqualTo(404);
      assertThat(http.get("/api/samples?dir=" + Http.q(run)).statusCode()).as(run).isEqualTo(404);
    }
    assertThat(http.get("/samples?dir=runs%2e%2e%2Fr").statusCode()).isEqualTo(404);
  }

  @Test
  void aReadOnlyServerShowsNoFormsAndRefusesEveryChange() throws Exception {
    SampleRow row = SampleFixtures.firstAccepted(dir, "cancellation");
    try (WebServer ro = WebServer.start(ws.options(true))) {
      Http h = new Http(ro.url());
      String page = h.get("/samples?dir=" + Http.q(RUN)).body();
      String one = h.get("/sample?dir=" + Http.q(RUN) + "&id=" + Http.q(row.id())).body();
      assertThat(page + one).doesNotContain("method=\"post\"").doesNotContain("attrprompt-token");
      assertThat(rowIds(page)).isNotEmpty();
      RunStatus before = status();
      for (String path : List.of("/sample/reject", "/sample/restore")) {
        HttpResponse<String> r = h.postForm(path, "dir=" + Http.q(RUN) + "&id=" + Http.q(row.id()) + "&reason=x"
            + "&_token=" + Http.q(ro.token()));
        assertThat(r.statusCode()).as(path).isEqualTo(403);
      }
      assertThat(status()).isEqualTo(before);
    }
  }

  @Test
  void noKeyInAnyPageOrResponse() {
    SampleRow row = SampleFixtures.firstAccepted(dir, "billing");
    for (String path : List.of("/samples?dir=" + Http.q(RUN) + "&limit=500", "/api/samples?dir=" + Http.q(RUN),
        "/sample?dir=" + Http.q(RUN) + "&id=" + Http.q(row.id()), "/api/sample?dir=" + Http.q(RUN) + "&id="
            + Http.q(row.id()))) {
      assertThat(http.get(path).body()).as(path).doesNotContain(TestWorkspace.KEY);
    }
  }

  private static RunStatus status() {
    try (Run run = Run.open(dir)) {
      return run.status();
    }
  }

  private static List<PersonVerdict> personVerdicts() {
    try (Run run = Run.open(dir)) {
      return run.personVerdicts();
    }
  }
}
