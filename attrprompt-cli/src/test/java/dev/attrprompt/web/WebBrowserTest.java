package dev.attrprompt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages in Debian's chromium against the simulator (one browser for the class): a run started
 * from the page, a run started by {@code attrprompt generate} in another process, a change without
 * the token, the report; screenshots in target/web-screenshots/.
 */
class WebBrowserTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Path tmp;
  static Chromium browser;
  static TestWorkspace ws;
  static WebServer server;

  @RegisterExtension
  static final BrowserSession session = BrowserSession.create()
      // answers take a while and two go at a time, so a person (and the test) sees the run working
      .simulator(SimulatorConfig.builder().seed(11).latencyMedianMs(300).latencyP99Ms(700))
      .endpoint(endpoint -> endpoint.concurrency(2))
      .started(s -> {
        tmp = s.tmp();
        ws = s.ws();
        server = s.server();
        browser = s.browser();
      });

  @Test
  void aRunStartedFromThePageGoesLiveToCompleteWithTheCountsOfStatusJson() throws Exception {
    browser.open(server.url().toString());
    browser.console(); // what earlier tests left there
    assertThat(browser.driver.findElement(By.cssSelector("#tasks tr[data-task='tasks/support-tickets']")).getText())
        .contains("billing");
    browser.screenshot("home-empty");
    browser.driver.findElement(By.cssSelector("#tasks a[href^='/run/new']")).click();
    new Select(browser.driver.findElement(By.id("f-method"))).selectByValue("attrprompt");
    WebElement perClass = browser.driver.findElement(By.id("f-per-class"));
    perClass.clear();
    perClass.sendKeys("10");
    WebElement out = browser.driver.findElement(By.id("f-out"));
    out.clear();
    out.sendKeys("page-run");
    browser.driver.findElement(By.id("f-budget")).sendKeys("0.5");
    browser.screenshot("new-run");
    browser.driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();

    browser.waitFor(20, d -> d.getCurrentUrl().endsWith("/run?dir=page-run"));
    browser.js("window.samePage = 'yes'"); // survives only if the page never reloads
    List<String> seen = watch(120, 50);
    assertThat(seen).as("states and answers the page showed").anyMatch(s -> s.matches("running [1-9]\\d? / 50"));
    Thread.sleep(1500); // one more poll after the end, so the figures on the page are the last ones
    assertThat(browser.js("return window.samePage")).isEqualTo("yes");
    browser.screenshot("run-complete");

    JsonNode status = JSON.readTree(RunPagesTest.statusJson(ws.root.resolve("page-run")));
    assertPageCountsEqual(status);
    assertThat(status.get("totals").get("accepted").asLong()).isEqualTo(50);
    assertThat(text("[data-field='accepted']")).isEqualTo("50 / 50");
    assertThat(text("[data-field='simulated']")).isEqualTo("simulated text");
    assertThat(browser.driver.findElement(By.cssSelector("[data-when='running']")).isDisplayed()).isFalse();
    assertThat(browser.consoleProblems()).as("browser console").isEmpty();

    // the report of the run, in its own page with its own policy
    browser.driver.findElement(By.linkText("Report")).click();
    browser.waitFor(60, d -> d.findElement(By.tagName("html")).getAttribute("data-charts-drawn") != null);
    assertThat(browser.consoleProblems()).as("report console").isEmpty();
    browser.screenshot("report");

    browser.open(server.url().toString());
    assertThat(browser.driver.findElement(By.cssSelector("#runs tr[data-run='page-run'] [data-state]")).getText())
        .isEqualTo("complete");
    browser.screenshot("home");
  }

  @Test
  void aRunStartedByTheCommandInAnotherProcessIsWatchedLive() throws Exception {
    Path run = ws.root.resolve("runs/cli-run");
    Path log = tmp.resolve("generate.log");
    Process child = generate(run, log, "--per-class", "12", "--method", "simprompt");
    try {
      // the page opens once the store exists; until then the workspace has no such run
      browser.waitFor(60, d -> Files.exists(run.resolve("run.sqlite")));
      browser.open(server.url() + "run?dir=runs%2Fcli-run");
      browser.waitFor(60, d -> "running".equals(state()));
      assertThat(text("[data-field='writer']")).startsWith("Written now by another process (pid " + child.pid());
      assertThat(browser.driver.findElement(By.cssSelector("form[action='/run/stop']")).isDisplayed()).isFalse();
      assertThat(browser.driver.findElement(By.cssSelector(".live-dot")).isDisplayed()).isTrue();
      List<String> seen = watch(120, 60);
      assertThat(seen).anyMatch(s -> s.matches("running [1-9]\\d? / 60"));
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as(Files.readString(log)).isZero();
      Thread.sleep(1500);
      JsonNode status = JSON.readTree(RunPagesTest.statusJson(run));
      assertPageCountsEqual(status);
      assertThat(rowAccepted("billing")).isEqualTo(12);
      assertThat(text("[data-field='writer']")).isEmpty();
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aChangeWithoutTheTokenIsRefusedInThePage() throws Exception {
    Path run = ws.root.resolve("small");
    try (var r = dev.attrprompt.run.Run.create(run, dev.attrprompt.task.Task.load(ws.task()),
        dev.attrprompt.run.RunConfig.builder(dev.attrprompt.task.Task.load(ws.task())).perClass(1).build())) {
      r.plan();
    }
    browser.open(server.url() + "run?dir=small");
    List<String> before = RunPagesTest.tree(ws.root);
    // a script without the token, as a page of another site would send it
    int noToken = async("const done = arguments[arguments.length - 1];"
        + "fetch('/run/resume', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
        + " body: 'dir=small'}).then(r => done(r.status));");
    assertThat(noToken).isEqualTo(403);
    // the form with its token field taken out
    browser.js("document.querySelector('form[action=\"/run/export\"] input[name=_token]').remove()");
    browser.driver.findElement(By.cssSelector("form[action='/run/export'] button")).click();
    browser.waitFor(10, d -> d.findElement(By.tagName("h1")).getText().equals("Refused"));
    assertThat(browser.driver.findElement(By.cssSelector("p.error")).getText())
        .isEqualTo("this change needs the page's token: reload the page and try again");
    browser.screenshot("refused");
    assertThat(RunPagesTest.tree(ws.root)).isEqualTo(before);
    // the page's own script carries the token: the same request passes the guard
    browser.open(server.url() + "run?dir=small");
    int withToken = async("const done = arguments[arguments.length - 1];"
        + "attrprompt.request('/run/stop', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
        + " body: 'dir=small'}).then(r => done(r.status));");
    assertThat(withToken).isEqualTo(400); // let through; the run is not working
  }

  /**
   * Watches the run page until it says complete, noting each new "state answers / requests" it
   * shows, and saves a screenshot of it working (once some answers are in).
   */
  private static List<String> watch(int seconds, int target) throws Exception {
    List<String> seen = new ArrayList<>();
    boolean shot = false;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      String now = state() + " " + text("[data-field='answered']");
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
        seen.add(now);
      }
      if (!shot && now.matches("running [1-9]\\d? / " + target)) {
        browser.screenshot(target == 50 ? "run-live" : "run-live-other-process");
        shot = true;
      }
      if (now.startsWith("complete")) {
        return seen;
      }
      Thread.sleep(150);
    }
    throw new AssertionError("the run page never said complete; it showed " + seen);
  }

  /** Runs an asynchronous script that hands an HTTP status to its callback. */
  private static int async(String script) {
    return ((Number) browser.driver.executeAsyncScript(script)).intValue();
  }

  private static void assertPageCountsEqual(JsonNode status) {
    List<String> checked = new ArrayList<>();
    status.get("labels").fields().forEachRemaining(e -> {
      for (String col : List.of("planned", "accepted", "rejected", "failed", "pending")) {
        assertThat(cell(e.getKey(), col)).as(e.getKey() + " " + col).isEqualTo(e.getValue().get(col).asLong());
      }
      checked.add(e.getKey());
    });
    assertThat(checked).hasSize(5);
  }

  private static String state() {
    return browser.driver.findElement(By.id("run")).getAttribute("data-state");
  }

  private static long rowAccepted(String label) {
    return cell(label, "accepted");
  }

  private static long cell(String label, String col) {
    String t = browser.driver.findElement(By.cssSelector("#label-table tr[data-label='" + label + "'] [data-col='" + col + "']"))
        .getText();
    return Long.parseLong(t.replace(",", ""));
  }

  private static String text(String css) {
    return browser.driver.findElement(By.cssSelector(css)).getText();
  }

  /** {@code attrprompt generate} in a child JVM with the workspace's key and gateway header in its environment. */
  private static Process generate(Path run, Path log, String... options) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "dev.attrprompt.cli.Main", "generate", ws.task().toString(), "--out",
        run.toString(), "--base-url", ws.sim.baseUrl().toString(), "--concurrency", "2",
        "--header", "X-Gateway-Secret=env:GATEWAY_SECRET"));
    command.addAll(List.of(options));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(Map.of("OPENAI_API_KEY", TestWorkspace.KEY, "GATEWAY_SECRET", TestWorkspace.HEADER_SECRET));
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }
}
