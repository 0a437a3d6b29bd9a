package dev.portcullis.sample;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Typing into a page's inputs as a user would: clear, then keys. */
final class WebElementInput {
  private WebElementInput() {}

  static void set(Chromium browser, String id, String value) {
    WebElement input = browser.driver().findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }
}
