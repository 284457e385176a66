package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.run.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 15's "done when", in Debian's chromium against the simulator: a new user goes from a
 * blank task to a reviewed attribute set, a finished run and a curated export without leaving
 * the page. After the home page is opened, the test only clicks links and buttons and fills in
 * forms; it reads files, the run store and the command line's JSON to check what the pages did.
 * Screenshots: target/web-screenshots/journey-NN-*.png.
 */
class JourneyBrowserTest {
  static final String TASK = "journey";
  static final String RUN = "journey-run";
  static final String EXPORT = "journey-export";
  static final int PER_CLASS = 3;
  static final List<String> LABELS = List.of("World", "Sports", "Business");
  static TestWorkspace ws;
  static WebServer server;
  static Chromium browser;

  @RegisterExtension
  static final BrowserSession session = BrowserSession.create().started(s -> {
    ws = s.ws();
    server = s.server();
    browser = s.browser();
  });

  @Test
  void aNewUserGoesFromABlankTaskToACuratedExportWithoutLeavingThePage() throws Exception {
    // 1. home: the new-task form
    browser.open(server.url().toString());
    browser.console();
    WebElement form = browser.waitFor(10, d -> d.findElement(By.cssSelector("form.new-task")));
    shot(1, "home");
    form.findElement(By.name("name")).sendKeys(TASK);
    form.findElement(By.name("labels")).sendKeys(String.join("\n", LABELS));
    form.findElement(By.name("domain")).sendKeys("news article");
    form.findElement(By.cssSelector("button[type='submit']")).click();
    browser.waitFor(10, d -> d.getCurrentUrl().endsWith("/task?dir=" + TASK));
    Path task = ws.root.resolve(TASK);
    assertThat(task.resolve("task.yaml")).exists();
    shot(2, "blank-task");

    // 2. discover attributes against the simulator: propose, keep some, ask for their values
    click("form.discover-propose button[type='submit']");
    WebElement keep = browser.waitFor(60, d -> d.findElement(By.cssSelector("form.discover-values")));
    shot(3, "proposed");
    keep.findElement(By.cssSelector("input[name='keep'][value='writing_style']")).click();
    keep.findElement(By.cssSelector("input[name='keep'][value='subtopic']")).click();
    WebElement values = keep.findElement(By.name("values"));
    values.clear();
    values.sendKeys("4");
    keep.findElement(By.cssSelector("button[type='submit']")).click();
    browser.waitFor(60, d -> d.findElement(By.cssSelector("#discovery-state[data-state='done']")));
    browser.waitFor(10, d -> d.findElement(By.cssSelector("section[data-dimension='subtopic']")));
    shot(4, "discovered");
    JsonNode shown = TaskPagesTest.show(task);
    List<String> style = TaskPagesTest.texts(TaskPagesTest.dimension(shown, "writing_style").get("values"));
    List<String> sports = TaskPagesTest.texts(TaskPagesTest.dimension(shown, "subtopic").get("values").get("sports"));
    assertThat(style).hasSizeGreaterThan(1);
    assertThat(sports).hasSizeGreaterThan(1);

    // 3. review: reject one value, rewrite another, add one, bring back one filtering removed (when any)
    String rejected = style.get(0);
    WebElement row = row("writing_style", null, rejected);
    row.findElement(By.cssSelector("button[value='reject']")).click();
    browser.waitGone(10, row);
    String old = sports.get(0);
    String rewritten = "a derby decided in the last minute";
    WebElement edit = row("subtopic", "sports", old);
    WebElement input = edit.findElement(By.name("new"));
    input.clear();
    input.sendKeys(rewritten);
    edit.findElement(By.cssSelector("button[value='edit']")).click();
    browser.waitGone(10, edit);
    WebElement add = browser.waitFor(10, d -> d.findElement(By.cssSelector(
        "section[data-dimension='writing_style'] form.add-form")));
    add.findElement(By.name("value")).sendKeys("a wire-service brief");
    add.findElement(By.cssSelector("button[value='add']")).click();
    browser.waitGone(10, add);
    // the simulator's filtering removes some of business's subtopics; bring one back
    WebElement removed = browser.driver.findElement(By.cssSelector(
        "section[data-dimension='subtopic'] details[data-label='business'] tr.removed"));
    String back = removed.getAttribute("data-value");
    removed.findElement(By.cssSelector("button[value='accept']")).click();
    browser.waitGone(10, removed);
    WebElement broughtBack = browser.waitFor(10, d -> row("subtopic", "business", back));
    assertThat(broughtBack.getAttribute("class")).doesNotContain("removed");
    // in the set again, it says a person overruled filtering (not a bare "removed" beside a value in use)
    assertThat(broughtBack.findElement(By.cssSelector("[data-verdict]")).getText())
        .isEqualTo("removed, brought back by a person");
    browser.waitFor(10, d -> row("subtopic", "sports", rewritten));
    assertThat(row("subtopic", "sports", rewritten).findElement(By.cssSelector("[data-provenance]")).getText())
        .isEqualTo("person");
    shot(5, "reviewed");
    shown = TaskPagesTest.show(task);
    assertThat(TaskPagesTest.texts(TaskPagesTest.dimension(shown, "writing_style").get("values")))
        .doesNotContain(rejected).contains("a wire-service brief");
    assertThat(TaskPagesTest.texts(TaskPagesTest.dimension(shown, "subtopic").get("values").get("sports")))
        .contains(rewritten).doesNotContain(old);
    assertThat(Files.readString(task.resolve("attributes/subtopic.yaml"))).contains(rewritten, back);
    assertThat(TaskPagesTest.texts(TaskPagesTest.dimension(shown, "subtopic").get("values").get("business")))
        .contains(back);

    // 4. start a run of the task from its page
    browser.driver.findElement(By.linkText("Start a run")).click();
    browser.waitFor(10, d -> d.findElement(By.id("f-method")));
    new Select(browser.driver.findElement(By.id("f-method"))).selectByValue("attrprompt");
    WebElement perClass = browser.driver.findElement(By.id("f-per-class"));
    perClass.clear();
    perClass.sendKeys("" + PER_CLASS);
    WebElement out = browser.driver.findElement(By.id("f-out"));
    out.clear();
    out.sendKeys(RUN);
    shot(6, "new-run");
    click("form.stack button[type=submit]");
    browser.waitFor(20, d -> d.getCurrentUrl().endsWith("/run?dir=" + RUN));
    browser.js("window.samePage = 'yes'"); // survives only if the page never reloads
    browser.waitFor(120, d -> "complete".equals(state()));
    Thread.sleep(1500); // one more poll, so the figures are the last ones
    assertThat(browser.js("return window.samePage")).isEqualTo("yes");
    shot(7, "run-complete");
    Path run = ws.root.resolve(RUN);
    JsonNode status = TaskPagesTest.JSON.readTree(RunPagesTest.statusJson(run));
    int target = PER_CLASS * LABELS.size();
    assertThat(status.get("totals").get("accepted").asInt()).isEqualTo(target);
    assertThat(text("[data-field='accepted']")).isEqualTo(target + " / " + target);
    assertPageCountsEqual(status);

    // 5. the run's samples: reject one with a reason
    browser.driver.findElement(By.linkText("Samples")).click();
    browser.waitFor(10, d -> d.findElement(By.cssSelector("#samples tbody tr")));
    WebElement sample = browser.driver.findElement(By.cssSelector("#samples tbody tr[data-verdict='accepted']"));
    String id = sample.getAttribute("data-id");
    String label;
    try (Run r = Run.open(run)) {
      label = r.sample(id).orElseThrow().row().label();
    }
    sample.findElement(By.name("reason")).sendKeys("reads like a press release");
    sample.findElement(By.cssSelector("button[type=submit]")).click();
    browser.waitGone(10, sample);
    WebElement now = browser.waitFor(10, d -> d.findElement(By.cssSelector("#samples tr[data-id='" + id + "']")));
    assertThat(now.getAttribute("data-verdict")).isEqualTo("person-rejected");
    shot(8, "sample-rejected");
    try (Run r = Run.open(run)) {
      assertThat(r.accepted()).containsEntry(label, PER_CLASS - 1);
    }

    // 6. back to the run, resume: only the shortfall is bought
    long asked = ws.sim.stats().requests();
    browser.driver.findElement(By.cssSelector("nav a[href='/run?dir=" + RUN + "']")).click();
    browser.waitFor(10, d -> d.findElement(By.id("run")));
    browser.waitFor(10, d -> "stopped".equals(state()));
    shot(9, "run-short");
    // the page says why the run stopped and what Resume does (not the last job's "every label has ...")
    assertThat(text("[data-field='ending']"))
        .isEqualTo("1 sample short of the target after a person's rejections: Resume buys only that one");
    assertThat(text("[data-field='eta']")).isEqualTo("–");
    WebElement resume = browser.driver.findElement(By.cssSelector("form[action='/run/resume'] button"));
    assertThat(resume.isDisplayed()).isTrue();
    resume.click();
    browser.waitGone(10, resume);
    browser.waitFor(120, d -> "complete".equals(state()));
    Thread.sleep(1500);
    shot(10, "run-topped-up");
    assertThat(ws.sim.stats().requests() - asked).isBetween(0L, 3L);
    status = TaskPagesTest.JSON.readTree(RunPagesTest.statusJson(run));
    assertThat(status.get("labels").get(label).get("accepted").asInt()).isEqualTo(PER_CLASS);
    assertThat(status.get("totals").get("accepted").asInt()).isEqualTo(target);
    assertThat(text("[data-field='accepted']")).isEqualTo(target + " / " + target);
    assertPageCountsEqual(status);
    assertThat(status.get("labels").get(label).get("rejected_by_reason").get("person: reads like a press release").asInt())
        .isEqualTo(1);

    // 7. export from the run page
    WebElement folder = browser.driver.findElement(By.cssSelector("form[action='/run/export'] input[name='out']"));
    folder.clear();
    folder.sendKeys(EXPORT);
    click("form[action='/run/export'] button[type=submit]");
    browser.waitFor(10, d -> d.findElement(By.cssSelector("p.notice")));
    assertThat(text("p.notice")).contains(EXPORT);
    shot(11, "exported");
    List<String> lines = Files.readAllLines(ws.root.resolve(EXPORT).resolve("data.jsonl"));
    assertThat(lines).hasSize(target).noneMatch(l -> l.contains("\"id\":\"" + id + "\""));
    List<String> labels = new ArrayList<>();
    for (String l : lines) {
      labels.add(TaskPagesTest.JSON.readTree(l).get("label").asText());
    }
    assertThat(labels).filteredOn(label::equals).hasSize(PER_CLASS);
    assertThat(browser.driver.getPageSource()).doesNotContain(TestWorkspace.KEY);
    assertThat(problems()).as("browser console").isEmpty();
  }

  /** The per-label table of the run page holds the numbers of {@code status --json}. */
  private static void assertPageCountsEqual(JsonNode status) {
    List<String> checked = new ArrayList<>();
    status.get("labels").fields().forEachRemaining(e -> {
      for (String col : List.of("planned", "accepted", "rejected", "failed", "pending")) {
        String cell = text("#label-table tr[data-label='" + e.getKey() + "'] [data-col='" + col + "']");
        assertThat(Long.parseLong(cell.replace(",", ""))).as(e.getKey() + " " + col).isEqualTo(e.getValue().get(col).asLong());
      }
      checked.add(e.getKey());
    });
    assertThat(checked).hasSize(LABELS.size());
  }

  private static void shot(int n, String name) throws Exception {
    browser.screenshot(String.format("journey-%02d-%s", n, name));
  }

  private static void click(String css) {
    browser.driver.findElement(By.cssSelector(css)).click();
  }

  private static String state() {
    return browser.driver.findElement(By.id("run")).getAttribute("data-state");
  }

  private static String text(String css) {
    return browser.driver.findElement(By.cssSelector(css)).getText();
  }

  private static WebElement row(String dimension, String label, String value) {
    String list = "section[data-dimension='" + dimension + "']" + (label == null ? "" : " details[data-label='" + label + "']");
    return browser.driver.findElements(By.cssSelector(list + " tr[data-value]")).stream()
        .filter(r -> value.equals(r.getAttribute("data-value"))).findFirst()
        .orElseThrow(() -> new org.openqa.selenium.NoSuchElementException("no row " + value + " in " + list));
  }

  private static List<String> problems() {
    return browser.consoleProblems().stream().filter(p -> !p.contains("/favicon.ico")).toList();
  }
}
