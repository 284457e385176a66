package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.plan.Method;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report in a real browser: Debian's chromium, driven through its own chromedriver (nothing is
 * downloaded), with every request refused by a dead proxy. The page and its screenshots stay in
 * target/report-browser/ for a person to look at.
 */
class ReportBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path OUT = Path.of("target", "report-browser");

  @TempDir Path tmp;
  ChromeDriver driver;

  @BeforeEach
  void startBrowser() throws IOException {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("this test needs Debian's chromium and chromium-driver (%s, %s): apt-get install -y chromium "
            + "chromium-driver (.ci/run installs them)", CHROMIUM, CHROMEDRIVER)
        .isTrue();
    // a driver given by path: Selenium Manager has nothing to find or fetch
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + tmp.resolve("profile").toAbsolutePath(),
        "--window-size=1300,1000",
        // any request the page tried would go to a proxy that is not there
        "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void theComparisonDrawsFiltersAndKeepsHostileTextAsText() throws IOException {
    Path sim = ReportFixtures.run(tmp, "simprompt-run", Method.SIMPROMPT, 12, "attrprompt-sim");
    Path attr = ReportFixtures.run(tmp, "attrprompt-run", Method.ATTRPROMPT, 12, "attrprompt-sim");
    Path test = ReportFixtures.test(tmp);
    Files.createDirectories(OUT);
    Path page = OUT.resolve("report.html").toAbsolutePath();
    CliTest.Result r = CliTest.run("report", sim.toString(), attr.toString(), "--test", test.toString(),
        "--reference", test.toString(), "--max-samples-per-label", "8", "--curve", "0.5,1", "--curve-draws", "2",
        "--out", page.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();

    driver.get(page.toUri().toString());
    try {
      new WebDriverWait(driver, java.time.Duration.ofSeconds(30))
          .until(d -> d.findElement(By.tagName("html")).getAttribute("data-charts-drawn") != null);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("the page's script did not finish; browser console: "
          + driver.manage().logs().get(LogType.BROWSER).getAll(), e);
    }
    JavascriptExecutor js = driver;

    // every chart drew: an SVG with a size and shapes in it
    List<WebElement> charts = driver.findElements(By.cssSelector("[data-chart]"));
    assertThat(charts).hasSizeGreaterThan(10);
    assertThat(charts.stream().map(c -> c.getAttribute("data-chart")).toList()).contains("curve", "curve-cost");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("data-charts-drawn"))
        .isEqualTo(String.valueOf(charts.size()));
    for (WebElement chart : charts) {
      String id = chart.getAttribute("data-chart");
      WebElement svg = chart.findElement(By.cssSelector("svg"));
      assertThat(svg.getSize().getWidth()).as(id).isGreaterThan(200);
      assertThat(svg.getSize().getHeight()).as(id).isGreaterThan(100);
      assertThat(((Number) js.executeScript("return arguments[0].querySelectorAll('path, rect').length", svg)).intValue())
          .as(id).isGreaterThan(3);
    }

    // no script error, no blocked resource, no request at all
    List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    assertThat(problems).as("browser console").isEmpty();
    assertThat(((Number) js.executeScript("return performance.getEntriesByType('resource').length")).intValue())
        .as("requests for resources").isZero();
    assertThat((String) js.executeScript("return performance.getEntriesByType('navigation')[0].name"))
        .startsWith("file:");

    // the samples table filters by label, verdict, dataset, attribute value and text
    List<WebElement> rows = driver.findElements(By.cssSelector("#sample-table tbody tr"));
    int total = rows.size();
    assertThat(total).isGreaterThan(40);
    new Select(driver.findElement(By.id("f-label"))).selectByValue("billing");
    List<WebElement> visible = visibleRows();
    assertThat(visible).isNotEmpty().hasSizeLessThan(total);
    visible.forEach(tr -> assertThat(tr.getAttribute("data-labels")).isEqualTo("[\"billing\"]"));
    assertThat(driver.findElement(By.id("f-count")).getText()).isEqualTo(visible.size() + " of " + total + " shown");
    new Select(driver.findElement(By.id("f-verdict"))).selectByValue("rejected");
    visibleRows().forEach(tr -> assertThat(tr.getAttribute("data-verdict")).isEqualTo("rejected"));
    new Select(driver.findElement(By.id("f-verdict"))).selectByValue("");
    new Select(driver.findElement(By.id("f-dataset"))).selectByValue("1");
    assertThat(visibleRows()).isNotEmpty().allSatisfy(tr -> assertThat(tr.getAttribute("data-dataset")).isEqualTo("1"));
    new Select(driver.findElement(By.id("f-label"))).selectByValue("");
    new Select(driver.findElement(By.id("f-dataset"))).selectByValue("");
    String value = new Select(driver.findElement(By.id("f-attr"))).getOptions().get(1).getAttribute("value");
    new Select(driver.findElement(By.id("f-attr"))).selectByValue(value);
    assertThat(visibleRows()).isNotEmpty().allSatisfy(tr -> assertThat(tr.getAttribute("data-attrs")).contains(
        value.replace("\"", "\\\"")));
    new Select(driver.findElement(By.id("f-attr"))).selectByValue("");

    // the hostile answer shows as text, and its script never ran
    driver.findElement(By.id("f-text")).sendKeys("window.pwned");
    List<WebElement> hostile = visibleRows();
    assertThat(hostile).isNotEmpty();
    assertThat(hostile.get(0).findElement(By.cssSelector("td.text")).getText())
        .contains("</script><script>window.pwned = 1</script><!-- <img src=x onerror=\"window.pwned=2\">");
    assertThat(js.executeScript("return typeof window.pwned")).isEqualTo("undefined");
    assertThat(driver.findElements(By.cssSelector("#sample-table img, #sample-table script"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector("p.simulated")).getText()).startsWith("Simulated text.");
    driver.findElement(By.id("f-text")).clear();
    driver.findElement(By.id("f-text")).sendKeys(" ");
    driver.findElement(By.id("f-text")).clear();

    screenshots();
  }

  private List<WebElement> visibleRows() {
    return driver.findElements(By.cssSelector("#sample-table tbody tr:not([hidden])"));
  }

  /** The whole page, and each section alone, for a person to look at. */
  private void screenshots() throws IOException {
    long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(1300, (int) Math.min(height + 40, 16000)));
    copy(driver.getScreenshotAs(OutputType.FILE), OUT.resolve("report.png"));
    for (WebElement section : driver.findElements(By.tagName("section"))) {
      copy(section.getScreenshotAs(OutputType.FILE), OUT.resolve("section-" + section.getAttribute("id") + ".png"));
    }
  }

  private static void copy(File from, Path to) throws IOException {
    Files.copy(from.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
  }
}
