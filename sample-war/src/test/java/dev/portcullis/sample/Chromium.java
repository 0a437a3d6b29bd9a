package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium from the Debian packages ({@code chromium}, {@code chromium-driver}; {@code
 * .ci/run} installs them), driven by Selenium through {@code /usr/bin/chromedriver}: nothing is
 * downloaded at run time. A missing browser fails the test with the command that installs it, it
 * never skips. The network log (DevTools {@code Network.*} events, with response bodies) is kept
 * for the leak checks.
 */
final class Chromium implements AutoCloseable {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final List<String> network = new ArrayList<>();

  Chromium() {
    assertThat(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER))
        .as(
            "Headless Chromium is required: apt-get update && apt-get install -y chromium"
                + " chromium-driver (.ci/run does this); missing %s or %s",
            BROWSER, DRIVER)
        .isTrue();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--window-size=1024,768");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
  }

  ChromeDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  void click(String id) {
    driver.findElement(By.id(id)).click();
  }

  String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /** Waits until the element's {@code data-seq} passes {@code seq}: the page finished an action. */
  int waitForSeq(String id, int seq) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      int now = Integer.parseInt(driver.findElement(By.id(id)).getDomAttribute("data-seq"));
      if (now > seq) {
        return now;
      }
      assertThat(System.nanoTime() - deadline)
          .as("the page did not answer within " + WAIT)
          .isNegative();
      Thread.sleep(50);
    }
  }

  /** The whole DOM as the browser holds it now, with form values. */
  String dom() {
    return (String)
        driver.executeScript(
            "return document.documentElement.outerHTML + JSON.stringify("
                + "Array.from(document.querySelectorAll('input')).map(i => i.value))"
                + " + JSON.stringify(Object.entries(localStorage))"
                + " + JSON.stringify(Object.entries(sessionStorage)) + location.href");
  }

  /**
   * Every DevTools network event since the last call, and the body of every response received, as
   * text.
   */
  List<String> network() {
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      String message = entry.getMessage();
      if (!message.contains("\"Network.")) {
        continue;
      }
      network.add(message);
      int at = message.indexOf("\"Network.loadingFinished\"");
      if (at >= 0) {
        String id = requestId(message);
        try {
          network.add(
              String.valueOf(
                  driver.executeCdpCommand("Network.getResponseBody", Map.of("requestId", id))));
        } catch (RuntimeException e) {
          // no body kept for this request (a redirect or a preflight)
        }
      }
    }
    return List.copyOf(network);
  }

  /** The URL of every request the page made (DevTools {@code Network.requestWillBeSent}). */
  List<String> requestedUrls() {
    List<String> urls = new ArrayList<>();
    for (String event : network()) {
      if (event.startsWith("{") && event.contains("\"Network.requestWillBeSent\"")) {
        try (JsonReader reader = Json.createReader(new StringReader(event))) {
          JsonObject params = reader.readObject().getJsonObject("message").getJsonObject("params");
          urls.add(params.getJsonObject("request").getString("url"));
        }
      }
    }
    return urls;
  }

  /** The page's {@code localStorage}, {@code sessionStorage} and cookies, as one text. */
  String storage() {
    return (String)
        driver.executeScript(
            "return JSON.stringify(Object.entries(localStorage))"
                + " + JSON.stringify(Object.entries(sessionStorage)) + document.cookie");
  }

  /** The id of the element that has the keyboard focus. */
  String focused() {
    return driver.switchTo().activeElement().getDomAttribute("id");
  }

  /** The browser console's messages at level SEVERE since the last call (CSP violations too). */
  List<String> errors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(entry.getMessage());
      }
    }
    return errors;
  }

  private static String requestId(String message) {
    int start = message.indexOf("\"requestId\":\"") + 13;
    return message.substring(start, message.indexOf('"', start));
  }

  /** Saves a PNG screenshot as {@code target/browser-screenshots/<name>.png}. */
  Path screenshot(String name) throws java.io.IOException {
    Path dir = Path.of("target", "browser-screenshots");
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
