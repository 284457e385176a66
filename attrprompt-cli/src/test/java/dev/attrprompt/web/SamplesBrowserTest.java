package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.run.Exporter;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunConfig;
import dev.attrprompt.run.SampleRow;
import dev.attrprompt.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The samples pages in Debian's chromium against a run made on the simulator: filter and search,
 * reject a sample in the page, resume the run through the core run API and see the label topped
 * up and the sample left out of the export; a sample whose text is an HTML/script payload
 * (written into the run store directly, since the simulator writes its texts from the prompt)
 * renders as text.
 */
class SamplesBrowserTest {
  static final String RUN = "runs/b";
  static Path tmp;
  static TestWorkspace ws;
  static WebServer server;
  static Chromium browser;
  static Path dir;
  static SampleRow hostile;

  @RegisterExtension
  static final BrowserSession session = BrowserSession.create().beforeServer(made -> {
    dir = SampleFixtures.generate(made, RUN, 3);
    hostile = SampleFixtures.firstAccepted(dir, "bug_report");
    SampleFixtures.makeHostile(dir, hostile);
  }).started(s -> {
    tmp = s.tmp();
    ws = s.ws();
    server = s.server();
    browser = s.browser();
  });

  private static String url(String pathAndQuery) {
    return server.url().toString().replaceAll("/$", "") + pathAndQuery;
  }

  private static List<WebElement> rows() {
    return browser.driver.findElements(By.cssSelector("#samples tbody tr"));
  }

  @Test
  void filterSearchRejectResumeAndExport() throws Exception {
    browser.open(url("/samples?dir=" + Http.q(RUN)));
    assertThat(rows()).hasSize((int) browser.driver.findElements(By.cssSelector("#samples tbody tr")).size())
        .hasSizeGreaterThanOrEqualTo(15);
    browser.screenshot("samples-list");

    // filter by label and verdict with the form
    new Select(browser.driver.findElement(By.name("label"))).selectByValue("billing");
    new Select(browser.driver.findElement(By.name("verdict"))).selectByValue("accepted");
    browser.driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
    browser.waitFor(10, d -> d.getCurrentUrl().contains("label=billing"));
    assertThat(rows()).hasSize(3).allSatisfy(r -> assertThat(r.getAttribute("data-verdict")).isEqualTo("accepted"));
    assertThat(rows()).allSatisfy(r -> assertThat(r.findElements(By.tagName("td")).get(2).getText()).isEqualTo("billing"));

    // search: a word of one sample's text finds it
    SampleRow target = SampleFixtures.firstAccepted(dir, "billing");
    String word = target.text().orElseThrow().split("\\s+")[3];
    WebElement q = browser.driver.findElement(By.name("q"));
    q.clear();
    q.sendKeys(word);
    browser.driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
    browser.waitFor(10, d -> d.getCurrentUrl().contains("q="));
    assertThat(rows()).extracting(r -> r.getAttribute("data-id")).contains(target.id());
    assertThat(rows()).allSatisfy(r -> assertThat(r.getText().toLowerCase()).contains(word.toLowerCase()));

    // reject it in the page, with a reason
    WebElement row = browser.driver.findElement(By.cssSelector("#samples tr[data-id='" + target.id() + "']"));
    row.findElement(By.name("reason")).sendKeys("repeats the template");
    row.findElement(By.cssSelector("button[type=submit]")).click();
    // back on the same filtered list (accepted billing samples with the word): the sample has left it
    browser.waitFor(10, d -> d.findElements(By.cssSelector("tr[data-id='" + target.id() + "']")).isEmpty());
    assertThat(browser.driver.getCurrentUrl()).contains("label=billing").contains("verdict=accepted").contains("q=");
    browser.open(url("/samples?dir=" + Http.q(RUN) + "&verdict=person-rejected"));
    WebElement rejected = browser.driver.findElement(By.cssSelector("#samples tr[data-id='" + target.id() + "']"));
    assertThat(rejected.getAttribute("data-verdict")).isEqualTo("person-rejected");
    assertThat(rejected.findElement(By.cssSelector(".reason")).getText()).isEqualTo("person: repeats the template");
    assertThat(rejected.findElement(By.cssSelector("button[type=submit]")).getText()).isEqualTo("Restore");
    browser.screenshot("samples-person-rejected");

    // resume through the core run API: only billing's shortfall is bought
    long asked = ws.sim.stats().requests();
    Task task = Task.load(ws.task());
    try (Run run = Run.create(dir, task, RunConfig.builder(task).perClass(3).build())) {
      run.generate(ws.endpoint().forModel(run.manifest().generation().model()).build());
      assertThat(run.accepted()).containsEntry("billing", 3);
      run.export(tmp.resolve("export"), new Exporter.Options(Exporter.Format.JSONL, Map.of(), false));
    }
    assertThat(ws.sim.stats().requests() - asked).isBetween(1L, 3L);
    assertThat(Files.readAllLines(tmp.resolve("export/data.jsonl"))).hasSize(15)
        .noneMatch(l -> l.contains("\"id\":\"" + target.id() + "\""));

    // the page shows billing topped up: three accepted again, the rejected one still the person's
    browser.open(url("/samples?dir=" + Http.q(RUN) + "&label=billing&verdict=accepted"));
    assertThat(rows()).hasSize(3).extracting(r -> r.getAttribute("data-id")).doesNotContain(target.id());
    browser.open(url("/samples?dir=" + Http.q(RUN) + "&verdict=person-rejected"));
    assertThat(rows()).extracting(r -> r.getAttribute("data-id")).containsExactly(target.id());

    // restore it in the page: accepted again, and billing keeps exactly three (the top-up's sample is over the quota)
    rows().get(0).findElement(By.cssSelector("button[type=submit]")).click();
    browser.waitFor(10, d -> d.findElements(By.cssSelector("#samples tbody tr")).isEmpty());
    try (Run run = Run.open(dir)) {
      assertThat(run.sample(target.id()).orElseThrow().row().verdict().id()).isEqualTo("accepted");
      assertThat(run.accepted()).containsEntry("billing", 3);
      assertThat(run.status().labels().get("billing").rejectedByReason()).containsEntry("over_quota", 1);
    }
  }

  @Test
  void anHtmlPayloadInTheTextRendersAsText() throws Exception {
    browser.open(url("/samples?dir=" + Http.q(RUN) + "&label=bug_report"));
    WebElement row = browser.driver.findElement(By.cssSelector("#samples tr[data-id='" + hostile.id() + "']"));
    assertThat(row.findElement(By.cssSelector("td.text")).getText()).startsWith(SampleFixtures.HOSTILE.strip());
    assertThat(row.findElement(By.cssSelector("td.attrs")).getText()).contains(SampleFixtures.HOSTILE_VALUE);
    noInjection();

    browser.open(url("/sample?dir=" + Http.q(RUN) + "&id=" + Http.q(hostile.id())));
    assertThat(browser.driver.findElement(By.id("answer")).getText()).startsWith(SampleFixtures.HOSTILE.strip());
    assertThat(browser.driver.findElement(By.id("prompt")).getText()).isNotBlank();
    noInjection();
    browser.screenshot("sample-hostile");

    SampleRow plain = SampleFixtures.firstAccepted(dir, "cancellation");
    browser.open(url("/sample?dir=" + Http.q(RUN) + "&id=" + Http.q(plain.id())));
    assertThat(browser.driver.findElement(By.id("answer")).getText()).isNotBlank();
    browser.screenshot("sample");
  }

  private static void noInjection() {
    try {
      browser.driver.switchTo().alert();
      throw new AssertionError("a script of the payload ran: an alert is open");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
    assertThat(browser.js("return document.title")).asString().doesNotContain("owned");
    assertThat(((Number) browser.js("return document.querySelectorAll('main img, main svg, main script, "
        + "main textarea, [onerror], [onload], [onmouseover]').length")).intValue()).isZero();
    assertThat(browser.consoleProblems()).noneMatch(m -> m.contains("Content Security Policy"));
  }
}
