package dev.attrprompt.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium in headless mode, driven through Debian's chromedriver given by path (so
 * Selenium Manager has nothing to fetch), with a fresh profile and every request that is not to
 * loopback sent to a proxy that is not there. Screenshots go to {@code target/web-screenshots/}.
 * One per test class: starting a browser costs seconds on a shared machine.
 */
final class Chromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "web-screenshots");

  final ChromeDriver driver;

  private Chromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts a browser whose profile lives in {@code profile} (a fresh folder). */
  static Chromium start(Path profile) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new AssertionError("this test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
          + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver (.ci/run installs them)");
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1300,1000",
        // every request but those to loopback (which chromium never proxies) goes to a proxy that is not there
        "--proxy-server=http://127.0.0.1:9");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new Chromium(new ChromeDriver(service, options));
  }

  /** Opens {@code url}. */
  Chromium open(String url) {
    driver.get(url);
    return this;
  }

  /** Waits up to {@code seconds} for {@code condition}, naming the browser console when it never holds. */
  <T> T waitFor(int seconds, Function<WebDriver, T> condition) {
    try {
      // a page that is being replaced while the condition reads it: ask again on the new one
      return new WebDriverWait(driver, Duration.ofSeconds(seconds))
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("waited " + seconds + " s in vain; browser console: " + console(), e);
    }
  }

  /**
   * Waits until {@code element} has left the document (its page was replaced). Asking about an
   * element whose page is going away fails in more than one way (stale element, or "node does not
   * belong to the document" while the next page loads): each means it is gone.
   */
  void waitGone(int seconds, org.openqa.selenium.WebElement element) {
    waitFor(seconds, d -> {
      try {
        element.isEnabled();
        return false;
      } catch (org.openqa.selenium.WebDriverException e) {
        return true;
      }
    });
  }

  /** Runs {@code script} in the page and returns its value. */
  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The console's entries since the last call. */
  List<LogEntry> console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** Console entries at warning level or above since the last call (a refused script, a blocked resource). */
  List<String> consoleProblems() {
    return console().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage).toList();
  }

  /** Saves the whole page as {@code target/web-screenshots/NAME.png} and returns the file. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
    driver.manage().window().setSize(new Dimension(1300, (int) Math.max(600, Math.min(height + 120, 8000))));
    try {
      Thread.sleep(300); // the page lays itself out again at the new size
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Path to = SCREENSHOTS.resolve(name + ".png");
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    driver.manage().window().setSize(new Dimension(1300, 1000));
    return to;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
