package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Issue 21, the key console {@code /console/} in headless Chromium over the admin API on Payara
 * Micro: sign in from the keyboard with an admin key, list, create a key (shown once), {@code curl}
 * uses it (200), dismiss it, rotate it (the old key 401, the successor 200), disable (401) and
 * enable (200) the successor, see its last use, revoke it (401). A screenshot of each state is kept
 * in {@code target/browser-screenshots/}; no key is in a requested URL, in storage, or (after it is
 * dismissed) in the DOM, and the admin key never is.
 */
@ExtendWith(ArquillianExtension.class)
class KeyConsoleIT {
  static final String ADMIN = KeyFile.ALICE;
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  private static final Duration LAST_USED_DEADLINE = Duration.ofSeconds(60);

  @ArquillianResource URL deployment;
  private final List<String> screenshots = new ArrayList<>();
  private final List<String> keys = new ArrayList<>(List.of(ADMIN));

  @Deployment(testable = false)
  static WebArchive sampleWar() throws Exception {
    new KeyFile().write();
    return SampleWar.imported("ROOT.war");
  }

  private String base() {
    return "http://" + deployment.getHost() + ":" + deployment.getPort();
  }

  /** The console's origin: localhost, a secure context as HTTPS is, where the clipboard works. */
  private String page() {
    return "http://localhost:" + deployment.getPort();
  }

  private Curl.Answer curl(String key) throws Exception {
    return Curl.get(base() + "/api/me", key);
  }

  /** The part of a key after {@code pc_} and its id: never to be seen outside the page. */
  private static String secret(String key) {
    return key.substring(19);
  }

  private void screenshot(Chromium browser, String name) throws Exception {
    browser.screenshot(name);
    screenshots.add(name);
  }

  /** Neither the DOM (with input values) nor storage nor cookies hold any key seen so far. */
  private void noKeyInPage(Chromium browser) {
    String page = browser.dom() + browser.storage();
    keys.forEach(key -> assertThat(page).doesNotContain(secret(key)));
  }

  private static String cell(Chromium browser, String id, int column) {
    return browser
        .driver()
        .findElement(By.cssSelector("tr[data-key='" + id + "'] td:nth-child(" + column + ")"))
        .getText();
  }

  private static WebElement button(Chromium browser, String id, String action) {
    return browser
        .driver()
        .findElement(By.cssSelector("button[data-key='" + id + "'][data-action='" + action + "']"));
  }

  /** Signs in as a keyboard user would: Tab to the key field, type, Tab, Enter. */
  private static int signIn(Chromium browser, String key) throws Exception {
    browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(browser.focused()).isEqualTo("admin-key");
    browser.driver().switchTo().activeElement().sendKeys(key);
    browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(browser.focused()).isEqualTo("sign-in-button");
    browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
    return browser.waitForSeq("status", 0);
  }

  /** The key shown once after an action, checked against the status and the warning. */
  private String shownOnce(Chromium browser, String status) {
    String key = browser.text("new-key");
    assertThat(key).matches("pc_[0-9a-f]{16}[0-9A-Za-z]{40,}");
    keys.add(key);
    assertThat(browser.text("status"))
        .isEqualTo(status.replace("{id}", id(key)) + " Copy it now: it is shown once.");
    assertThat(browser.text("new-key-warning")).startsWith("This key is shown once.");
    assertThat(browser.focused()).isEqualTo("new-key-dialog");
    assertThat(browser.driver().findElement(By.id("copy")).getText()).isEqualTo("Copy key");
    return key;
  }

  private static String id(String key) {
    return key.substring(3, 19);
  }

  /** The copy button puts the key on the clipboard (permission granted as a user would). */
  private int copied(Chromium browser, int from, String key) throws Exception {
    clipboard(browser, "granted");
    browser.click("copy");
    int seq = browser.waitForSeq("status", from);
    assertThat(browser.text("status")).isEqualTo("Copied to the clipboard.");
    assertThat(
            browser
                .driver()
                .executeAsyncScript(
                    "navigator.clipboard.readText().then(arguments[0], e => arguments[0](''))"))
        .isEqualTo(key);
    return seq;
  }

  /** Without the clipboard permission the copy button selects the key for a manual copy. */
  private int selected(Chromium browser, int from, String key) throws Exception {
    clipboard(browser, "denied");
    browser.click("copy");
    int seq = browser.waitForSeq("status", from);
    assertThat(browser.text("status"))
        .isEqualTo("Copy failed: the key is selected; copy it with Ctrl+C.");
    assertThat(browser.driver().executeScript("return window.getSelection().toString()"))
        .isEqualTo(key);
    return seq;
  }

  private void clipboard(Chromium browser, String setting) {
    for (String name : List.of("clipboard-write", "clipboard-read")) {
      browser
          .driver()
          .executeCdpCommand(
              "Browser.setPermission",
              Map.of("origin", page(), "permission", Map.of("name", name), "setting", setting));
    }
  }

  @Test
  void consoleWhenKeyCreatedRotatedDisabledAndRevokedThenCurlFollowsAndNoKeyLeaks()
      throws Exception {
    try (Chromium browser = new Chromium()) {
      browser.open(page() + "/console/");
      assertThat(browser.text("status")).isEqualTo("Signed out.");
      screenshot(browser, "console-1-signed-out");

      int seq = signIn(browser, ADMIN);
      assertThat(browser.text("status")).matches("Signed in\\. \\d+ keys\\.");
      assertThat(cell(browser, id(ADMIN), 2)).isEqualTo("alice");
      assertThat(browser.focused()).isEqualTo("refresh");
      noKeyInPage(browser);
      screenshot(browser, "console-2-keys-listed");

      WebElementInput.set(browser, "principal", "frank");
      WebElementInput.set(browser, "scopes", "orders:read");
      browser.click("create-button");
      seq = browser.waitForSeq("status", seq);
      String created = shownOnce(browser, "Key {id} created.");
      assertThat(cell(browser, id(created), 8)).isEqualTo("active");
      screenshot(browser, "console-3-created-shown-once");
      assertThat(curl(created).status()).isEqualTo(200);
      seq = copied(browser, seq, created);

      browser.click("dismiss");
      seq = browser.waitForSeq("status", seq);
      assertThat(browser.text("status")).isEqualTo("The new key is removed from the page.");
      assertThat(browser.focused()).isEqualTo("create-button");
      noKeyInPage(browser);
      screenshot(browser, "console-4-dismissed");

      seq = rotateDisableEnable(browser, seq, created);
      assertThat(browser.storage()).isEqualTo("[][]");
      assertThat(browser.errors())
          .as("no script error, no Content-Security-Policy violation")
          .allSatisfy(error -> assertThat(error).contains("/favicon.ico - Failed to load"));
    }
    screenshotsKept();
  }

  /** Every screenshot taken is a non-empty PNG file. */
  private void screenshotsKept() throws Exception {
    for (String name : screenshots) {
      Path png = SCREENSHOTS.resolve(name + ".png");
      assertThat(png).isRegularFile();
      assertThat(Files.size(png)).as(name).isGreaterThan(1000);
      assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    }
  }

  private int rotateDisableEnable(Chromium browser, int from, String created) throws Exception {
    WebElementInput.set(browser, "grace", "0s");
    button(browser, id(created), "rotate").click();
    int seq = browser.waitForSeq("status", from);
    String successor =
        shownOnce(browser, "Key " + id(created) + " rotated; its successor {id} is created.");
    screenshot(browser, "console-5-rotated-shown-once");
    seq = selected(browser, seq, successor);
    assertThat(curl(successor).status()).isEqualTo(200);
    Curl.Answer old = curl(created);
    assertThat(old.status()).as("the rotated key after a grace of 0s").isEqualTo(401);
    assertThat(old.challenges()).containsExactly(KeyAdmin.INVALID_KEY);
    browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    seq = browser.waitForSeq("status", seq);
    assertThat(browser.focused()).isEqualTo("create-button");
    noKeyInPage(browser);

    String id = id(successor);
    button(browser, id, "disable").click();
    seq = browser.waitForSeq("status", seq);
    assertThat(browser.text("status")).isEqualTo("Key " + id + " disabled.");
    assertThat(cell(browser, id, 8)).isEqualTo("disabled");
    screenshot(browser, "console-6-disabled");
    Curl.Answer disabled = curl(successor);
    assertThat(disabled.status()).isEqualTo(401);
    assertThat(disabled.challenges()).containsExactly(KeyAdmin.INVALID_KEY);

    button(browser, id, "enable").sendKeys(Keys.ENTER);
    seq = browser.waitForSeq("status", seq);
    assertThat(browser.text("status")).isEqualTo("Key " + id + " enabled.");
    assertThat(cell(browser, id, 8)).isEqualTo("active");
    assertThat(curl(successor).status()).isEqualTo(200);
    seq = lastUsed(browser, seq, id);
    return revoke(browser, seq, successor);
  }

  /** Refreshes until the key's last use is listed (the server flushes it every second). */
  private int lastUsed(Chromium browser, int from, String id) throws Exception {
    int seq = from;
    Instant deadline = Instant.now().plus(LAST_USED_DEADLINE);
    while (cell(browser, id, 7).equals("never") && Instant.now().isBefore(deadline)) {
      Thread.sleep(200); // poll interval for the 1 s flush, not a wait for it
      browser.click("refresh");
      seq = browser.waitForSeq("status", seq);
    }
    assertThat(cell(browser, id, 7)).matches("20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector("tr[data-key='" + id + "'] td:nth-child(7) time"))
                .getDomAttribute("datetime"))
        .matches("20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    screenshot(browser, "console-7-last-used");
    return seq;
  }

  private int revoke(Chromium browser, int from, String key) throws Exception {
    String id = id(key);
    button(browser, id, "revoke").sendKeys(Keys.ENTER);
    int seq = browser.waitForSeq("status", from);
    assertThat(browser.text("status")).isEqualTo("Key " + id + " revoked.");
    assertThat(cell(browser, id, 8)).isEqualTo("revoked");
    assertThat(browser.driver().findElements(By.cssSelector("button[data-key='" + id + "']")))
        .isEmpty();
    screenshot(browser, "console-8-revoked");
    Curl.Answer revoked = curl(key);
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.challenges()).containsExactly(KeyAdmin.INVALID_KEY);

    browser.click("sign-out");
    seq = browser.waitForSeq("status", seq);
    assertThat(browser.text("status")).isEqualTo("Signed out.");
    assertThat(browser.focused()).isEqualTo("admin-key");
    screenshot(browser, "console-9-signed-out-again");
    noKeyInPage(browser);
    List<String> urls = browser.requestedUrls();
    assertThat(urls).contains(page() + "/console/", page() + "/api/admin/keys?limit=1000");
    for (String url : urls) {
      keys.forEach(k -> assertThat(url).doesNotContain(secret(k)).doesNotContain(k));
    }
    return seq;
  }

  @Test
  void pageWhenServedThenStrictPolicyWithoutUnsafeInlineAndNoInlineCode() throws Exception {
    Http http = new Http(deployment);
    for (String path : List.of("/console/", "/console/console.js", "/console/console.css")) {
      HttpResponse<String> page = http.send("GET", path);

      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly(POLICY);
      assertThat(page.headers().allValues("Cache-Control")).containsExactly("no-store");
      assertThat(page.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
    }
    assertThat(POLICY).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    String html = http.send("GET", "/console/").body();
    assertThat(html)
        .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
        .doesNotContainPattern("\\sstyle=")
        .doesNotContainPattern("\\son[a-z]+=")
        .doesNotContain("<style");
  }

  @Test
  void signInWhenKeyLacksAdminRoleThenRefusedSignedOutAndKeyForgotten() throws Exception {
    try (Chromium browser = new Chromium()) {
      browser.open(page() + "/console/");
      @SuppressWarnings("unchecked")
      List<String> unlabelled =
          (List<String>)
              browser
                  .driver()
                  .executeScript(
                      "return Array.from(document.querySelectorAll('input'))"
                          + ".filter(i => i.labels.length !== 1"
                          + " || i.labels[0].textContent.trim() === '').map(i => i.id)"
                          + ".concat(Array.from(document.querySelectorAll('button'))"
                          + ".filter(b => b.textContent.trim() === '').map(b => b.id))");
      assertThat(unlabelled).isEmpty();
      keys.add(KeyFile.BOB);

      int seq = signIn(browser, KeyFile.BOB);

      assertThat(browser.text("status")).isEqualTo("Not allowed (403): sign in with an admin key.");
      assertThat(browser.driver().findElement(By.id("keys-section")).isDisplayed()).isFalse();
      assertThat(browser.focused()).isEqualTo("admin-key");
      noKeyInPage(browser);
      screenshot(browser, "console-0-refused");
      String unknown = "pc_0123456789abcdef_" + "x".repeat(43);
      keys.add(unknown);
      WebElementInput.set(browser, "admin-key", unknown);
      browser.click("sign-in-button");
      browser.waitForSeq("status", seq);
      assertThat(browser.text("status")).isEqualTo("Not allowed (401): sign in with an admin key.");
      noKeyInPage(browser);
      for (String url : browser.requestedUrls()) {
        keys.forEach(k -> assertThat(url).doesNotContain(secret(k)));
      }
    }
    screenshotsKept();
  }
}
