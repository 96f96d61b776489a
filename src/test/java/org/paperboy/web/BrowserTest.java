package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.BrowserSite.PAPER_PAGE;
import static org.paperboy.web.BrowserSite.currentTab;
import static org.paperboy.web.BrowserSite.message;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Drives Debian's headless Chromium against the real server ({@link BrowserSite}), as a reader
 * would: the daily page, the previous day, a paper page, a hostile title that must stay text, math,
 * signing in and subscribing.
 */
class BrowserTest {

  @TempDir static Path dir;
  private static BrowserSite site;
  private static WebDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    site = BrowserSite.start(dir);
    browser = site.browser;
    base = site.base;
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void reads_the_daily_page_then_the_previous_day_then_a_paper() throws IOException {
    browser.get(base + "/");
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Jun 30");
    List<WebElement> titles = browser.findElements(By.cssSelector(".card-title a"));
    assertThat(titles).hasSizeGreaterThan(30);
    screenshot("daily.png");

    clickAndWait(
        browser.findElement(By.cssSelector("a[rel=prev]")),
        By.cssSelector("#day-heading time[datetime='2025-07-15']"));
    assertThat(browser.getCurrentUrl()).endsWith("/papers/date/2025-07-15");
    assertThat(browser.findElements(By.cssSelector(".card-title a"))).hasSize(10);

    WebElement first = browser.findElements(By.cssSelector(".card-title a")).get(0);
    String title = first.getText();
    clickAndWait(first, PAPER_PAGE);
    assertThat(browser.getCurrentUrl()).contains("/papers/");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(title);
  }

  @Test
  void an_injected_script_in_a_title_stays_text_and_never_runs() {
    browser.get(base + "/");
    assertThat(browser.getPageSource()).doesNotContain("<script>window.__pwned");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned")).isNull();
    WebElement card =
        browser.findElements(By.cssSelector(".card-title a")).stream()
            .filter(a -> a.getText().contains("Hostile"))
            .findFirst()
            .orElseThrow();
    assertThat(card.getText()).startsWith("<script>window.__pwned = 1</script>");

    clickAndWait(card, PAPER_PAGE);
    assertThat(browser.getCurrentUrl()).endsWith("/papers/2606.99999");
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("<img src=x");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned")).isNull();
  }

  @Test
  void switches_to_the_weekly_and_trending_views() {
    browser.get(base + "/");
    clickAndWait(browser.findElement(By.linkText("Weekly")), currentTab("Weekly"));
    assertThat(browser.getCurrentUrl()).contains("/papers/week/2026-W27");
    assertThat(browser.findElement(By.cssSelector("a[aria-current=page]")).getText())
        .isEqualTo("Weekly");
    assertThat(browser.findElements(By.cssSelector(".card-title a"))).hasSizeGreaterThan(30);

    clickAndWait(browser.findElement(By.linkText("Trending")), currentTab("Trending"));
    assertThat(browser.getCurrentUrl()).endsWith("/papers/trending");
    assertThat(browser.findElements(By.cssSelector(".card-title a"))).isNotEmpty();
  }

  @Test
  void renders_latex_in_titles_and_abstracts_with_katex() {
    browser.get(base + "/papers/2410.10636");
    WebElement heading = browser.findElement(By.tagName("h1"));
    assertThat(heading.findElements(By.cssSelector(".katex"))).isNotEmpty();
    assertThat(heading.getText()).contains("\u221e").doesNotContain("$\\infty$");
    assertThat(browser.findElements(By.cssSelector(".katex")).size()).isGreaterThanOrEqualTo(3);

    browser.get(base + "/");
    WebElement card =
        browser.findElements(By.cssSelector(".card-title")).stream()
            .filter(t -> t.getText().startsWith("Adapt-"))
            .findFirst()
            .orElseThrow();
    assertThat(card.findElements(By.cssSelector(".katex"))).isNotEmpty();
  }

  @Test
  void signs_in_through_the_outbox_link_and_upvotes_a_paper() throws IOException {
    browser.get(base + Routes.SIGN_IN);
    Set<Path> before = site.outbox();
    browser.findElement(By.id("email")).sendKeys("reader@example.org");
    clickAndWait(
        browser.findElement(By.cssSelector("main form button[type=submit]")),
        message("Check your inbox"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check your inbox");

    browser.get(base + Routes.VERIFY + "?token=" + site.mailedToken(before, "Sign in to Paperboy"));
    assertThat(browser.findElement(By.id("signin-link-heading")).getText())
        .isEqualTo("Sign in to Paperboy");
    // this browser asked for the link: one button, no account to confirm
    clickAndWait(browser.findElement(By.id("signin-link-button")), By.id("day-heading"));

    browser.get(base + "/papers/2410.10636");
    WebElement count = browser.findElement(By.cssSelector(".paper-actions .vote-count"));
    assertThat(count.getText()).isEqualTo("7");
    // the vote is sent in place: the same page comes to show it as cast
    browser.findElement(By.cssSelector(".paper-actions .vote-button")).click();
    site.await(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector(".paper-actions .vote-button[aria-pressed='true']")));
    assertThat(browser.findElement(By.cssSelector(".paper-actions .vote-count")).getText())
        .isEqualTo("8");
    assertThat(
            browser
                .findElement(By.cssSelector(".paper-actions .vote-button"))
                .getAttribute("aria-pressed"))
        .isEqualTo("true");
    screenshot("upvoted.png");
  }

  @Test
  void subscribes_from_the_box_confirms_by_the_mailed_link_and_unsubscribes() throws IOException {
    browser.get(base + "/");
    Set<Path> before = site.outbox();
    browser.findElement(By.id("box-email")).sendKeys("digest-reader@example.org");
    browser.findElement(By.id("box-topics")).sendKeys("diffusion cs.CV");
    clickAndWait(
        browser.findElement(By.cssSelector(".subscribe-box button[type=submit]")),
        message("Check your inbox"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check your inbox");

    browser.get(
        base
            + Routes.SUBSCRIBE_CONFIRM
            + "?token="
            + site.mailedToken(before, "Confirm your Paperboy digest"));
    clickAndWait(
        browser.findElement(By.cssSelector("main form button[type=submit]")),
        By.id("prefs-heading"));
    assertThat(browser.findElement(By.cssSelector("main")).getText())
        .contains("Confirmed")
        .contains("digest-reader@example.org");
    assertThat(browser.findElement(By.id("prefs-topics")).getAttribute("value"))
        .isEqualTo("diffusion");
    assertThat(browser.findElement(By.id("prefs-categories")).getAttribute("value"))
        .isEqualTo("cs.CV");
    screenshot("subscribed.png");

    clickAndWait(
        browser.findElement(By.xpath("//button[text()='Unsubscribe']")),
        message("You are unsubscribed"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are unsubscribed");
  }

  private static void clickAndWait(WebElement element, By newPage) {
    site.clickAndWait(element, newPage);
  }

  private static void screenshot(String name) throws IOException {
    site.screenshot(name);
  }
}
