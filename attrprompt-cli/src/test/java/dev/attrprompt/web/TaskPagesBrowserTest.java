package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The task pages in Debian's chromium: a person reviews values and finds the change in the YAML
 * and in {@code attributes show --json}; makes a new task and discovers its attributes against
 * the simulator; previews a prompt and prices a run. Screenshots go to target/web-screenshots/.
 */
class TaskPagesBrowserTest {
  static TestWorkspace ws;
  static WebServer server;
  static Chromium browser;

  @RegisterExtension
  static final BrowserSession session = BrowserSession.create().started(s -> {
    ws = s.ws();
    server = s.server();
    browser = s.browser();
  });

  static String url(String pathAndQuery) {
    return server.url().toString().replaceAll("/$", "") + pathAndQuery;
  }

  /** The value row of {@code value} in the list of {@code dimension} (and {@code label}, for a dependent one). */
  static WebElement row(String dimension, String label, String value) {
    String list = "section[data-dimension='" + dimension + "']" + (label == null ? "" : " details[data-label='" + label + "']");
    return browser.driver.findElement(By.cssSelector(list + " tr[data-value='" + value + "']"));
  }

  /** The console's warnings and errors, less the favicon the pages do not have. */
  static List<String> problems() {
    return browser.consoleProblems().stream().filter(p -> !p.contains("/favicon.ico")).toList();
  }

  @Test
  void aPersonReviewsValuesInThePageAndTheYamlAndTheCliAgree() throws Exception {
    browser.open(url("/task?dir=" + Http.q(TestWorkspace.TASK)));
    browser.waitFor(10, d -> d.findElement(By.id("dimensions")));
    browser.screenshot("task");

    WebElement stale = row("tone", null, "polite and patient");
    stale.findElement(By.cssSelector("button[value='reject']")).click();
    browser.waitGone(10, stale);
    browser.waitFor(10, d -> d.findElements(By.cssSelector("section[data-dimension='tone'] tr[data-value='polite and patient']")).isEmpty());
    assertThat(Files.readString(ws.task().resolve("attributes/tone.yaml"))).doesNotContain("polite and patient");
    assertThat(TaskPagesTest.texts(TaskPagesTest.dimension(TaskPagesTest.show(ws.task()), "tone").get("values")))
        .doesNotContain("polite and patient");

    WebElement edit = row("subtopic", "billing", "price went up without notice");
    WebElement input = edit.findElement(By.name("new"));
    input.clear();
    input.sendKeys("price went up after one email notice");
    edit.findElement(By.cssSelector("button[value='edit']")).click();
    browser.waitGone(10, edit);
    WebElement edited = browser.waitFor(10, d -> row("subtopic", "billing", "price went up after one email notice"));
    assertThat(edited.findElement(By.cssSelector("[data-provenance]")).getText()).isEqualTo("person");
    JsonNode billing = TaskPagesTest.dimension(TaskPagesTest.show(ws.task()), "subtopic").get("values").get("billing");
    assertThat(TaskPagesTest.texts(billing)).contains("price went up after one email notice")
        .doesNotContain("price went up without notice");
    assertThat(TaskPagesTest.cli("attributes", "review", ws.task().toString(), "--json").out())
        .contains("written by a person: reviewed in attrprompt serve");
    assertThat(problems()).isEmpty();
  }

  @Test
  void aPersonPreviewsAPromptAndPricesARun() throws Exception {
    browser.open(url("/task?dir=" + Http.q(TestWorkspace.TASK)));
    browser.driver.findElement(By.linkText("Preview prompts")).click();
    WebElement form = browser.waitFor(10, d -> d.findElement(By.cssSelector("form.plan-form")));
    new Select(form.findElement(By.name("label"))).selectByValue("feature_request");
    WebElement index = form.findElement(By.name("index"));
    index.clear();
    index.sendKeys("12");
    form.findElement(By.cssSelector("button[type='submit']")).click();
    browser.waitFor(10, d -> d.findElement(By.cssSelector("#request[data-id='feature_request-000012']")));
    assertThat(browser.driver.findElement(By.id("prompt")).getText()).contains("It must meet these requirements:");
    browser.screenshot("task-preview");

    browser.open(url("/task/estimate?dir=" + Http.q(TestWorkspace.TASK)));
    WebElement estimate = browser.waitFor(10, d -> d.findElement(By.cssSelector("form.plan-form")));
    WebElement perClass = estimate.findElement(By.name("per_class"));
    perClass.clear();
    perClass.sendKeys("1000");
    WebElement model = estimate.findElement(By.name("model"));
    model.clear();
    model.sendKeys("gpt-4o");
    estimate.findElement(By.cssSelector("button[type='submit']")).click();
    WebElement requests = browser.waitFor(10, d -> d.findElement(By.cssSelector("#estimate [data-field='requests']")));
    assertThat(requests.getText()).isEqualTo("5,000");
    assertThat(browser.driver.findElement(By.cssSelector("[data-field='model']")).getText()).isEqualTo("gpt-4o");
    browser.screenshot("task-estimate");
    assertThat(problems()).isEmpty();
  }

  @Test
  void aPersonMakesANewTaskAndDiscoversItsAttributesAgainstTheSimulator() throws Exception {
    browser.open(url("/"));
    WebElement form = browser.waitFor(10, d -> d.findElement(By.cssSelector("form.new-task")));
    form.findElement(By.name("name")).sendKeys("news");
    form.findElement(By.name("labels")).sendKeys("World\nSports\nBusiness\nSci Tech");
    form.findElement(By.name("domain")).sendKeys("news article");
    form.findElement(By.cssSelector("button[type='submit']")).click();
    browser.waitFor(10, d -> d.getCurrentUrl().endsWith("/task?dir=news"));
    assertThat(Files.exists(ws.root.resolve("news/task.yaml"))).isTrue();

    browser.driver.findElement(By.cssSelector("form.discover-propose button[type='submit']")).click();
    // the page shows the discovery running, then reloads by itself when it ends
    WebElement keepForm = browser.waitFor(60, d -> d.findElement(By.cssSelector("form.discover-values")));
    List<String> offered = new ArrayList<>();
    for (WebElement box : keepForm.findElements(By.name("keep"))) {
      offered.add(box.getAttribute("value"));
    }
    assertThat(offered).contains("writing_style", "length");
    keepForm.findElement(By.cssSelector("input[name='keep'][value='writing_style']")).click();
    keepForm.findElement(By.cssSelector("input[name='keep'][value='length']")).click();
    keepForm.findElement(By.name("more")).sendKeys("subtopic");
    WebElement values = keepForm.findElement(By.name("values"));
    values.clear();
    values.sendKeys("5");
    browser.screenshot("task-discovery-proposed");
    keepForm.findElement(By.cssSelector("button[type='submit']")).click();
    browser.waitFor(60, d -> d.findElement(By.cssSelector("section[data-dimension='subtopic']")));
    browser.waitFor(10, d -> d.findElement(By.cssSelector("#discovery-state[data-state='done']")));
    browser.screenshot("task-discovered");

    JsonNode shown = TaskPagesTest.show(ws.root.resolve("news"));
    assertThat(TaskPagesTest.dimension(shown, "subtopic").get("values").get("sci_tech").size()).isBetween(1, 5);
    assertThat(browser.driver.findElements(By.cssSelector("section[data-dimension='subtopic'] [data-provenance='llm']")))
        .isNotEmpty();
    assertThat(browser.driver.getPageSource()).doesNotContain(TestWorkspace.KEY);
    assertThat(problems()).isEmpty();
  }
}
