package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.run.Run;
import dev.attrprompt.run.SampleRow;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page is built once per state of its runs: served again while they stay, built anew when one changes. */
class ReportCacheTest {
  @TempDir Path tmp;

  @Test
  void anUnchangedRunIsServedAsBuiltAndAChangedOneGetsAFreshReport() throws Exception {
    try (TestWorkspace ws = TestWorkspace.create(tmp)) {
      Path dir = SampleFixtures.generate(ws, "runs/r", 3);
      SampleFixtures.generate(ws, "runs/s", 2);
      try (WebServer server = WebServer.start(ws.options(false))) {
        Http http = new Http(server.url());
        ReportCache reports = server.context().reports();
        String first = report(http, "?dir=runs%2Fr");
        assertThat(reports.builds()).isEqualTo(1);
        assertThat(report(http, "?dir=runs%2Fr")).isEqualTo(first);
        assertThat(reports.builds()).as("the second request of an unchanged run").isEqualTo(1);
        // another list of runs is another report
        String compared = report(http, "?dir=runs%2Fr&dir=runs%2Fs");
        assertThat(compared).isNotEqualTo(first);
        assertThat(reports.builds()).isEqualTo(2);

        // the run changes (a person rejects a sample, here through the run API as another process would)
        SampleRow row = SampleFixtures.firstAccepted(dir, "bug_report");
        try (Run run = Run.open(dir)) {
          run.rejectByPerson(row.id(), "off topic");
        }
        String fresh = report(http, "?dir=runs%2Fr");
        assertThat(reports.builds()).as("a changed run").isEqualTo(3);
        assertThat(fresh).isNotEqualTo(first);
        assertThat(report(http, "?dir=runs%2Fr")).isEqualTo(fresh);
        assertThat(report(http, "?dir=runs%2Fr&dir=runs%2Fs")).as("a comparison holding the changed run")
            .isNotEqualTo(compared);
        assertThat(reports.builds()).isEqualTo(4);

        // and through the page's own form
        SampleRow other = SampleFixtures.firstAccepted(dir, "billing");
        assertThat(http.postForm("/sample/reject", "dir=runs%2Fr&id=" + Http.q(other.id()) + "&reason=dull&_token="
            + Http.q(server.token())).statusCode()).isEqualTo(303);
        assertThat(report(http, "?dir=runs%2Fr")).isNotEqualTo(fresh);
        assertThat(reports.builds()).isEqualTo(5);
      }
    }
  }

  private static String report(Http http, String query) {
    HttpResponse<String> r = http.get("/report" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
    return r.body();
  }
}
