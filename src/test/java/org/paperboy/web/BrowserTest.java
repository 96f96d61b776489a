package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperboy.Paperboy;
import org.paperboy.config.Settings;
import org.paperboy.ingest.Importer;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Drives Debian's headless Chromium against the real server, as a reader would: the daily page, the
 * previous day, a paper page, and a hostile title that must stay text. Skipped on a developer
 * machine without Chromium; in CI ({@code CI=true}) the browser is required, since {@code .ci/run}
 * installs it.
 */
class BrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-07-01T08:00:00Z"), ZoneOffset.UTC);
  static final String HOSTILE_TITLE =
      "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> Hostile";

  static final String MATH_TITLE =
      "Adapt-$\\infty$: Scalable Lifelong Multimodal Instruction Tuning via Dynamic Data Selection";

  /** Only a paper page ({@code paper.jte}) has this. */
  private static final By PAPER_PAGE = By.cssSelector("article.paper h1");

  @TempDir static Path dir;
  private static Paperboy paperboy;
  private static WebDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!"true".equals(System.getenv("CI"))) {
      Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed");
    }
    Settings settings =
        Settings.from(Map.of("PAPERBOY_DATA", dir.toString(), "PAPERBOY_DEMO_DATA", "false"));
    paperboy =
        Paperboy.builder(settings).clock(CLOCK).lookup(id -> Optional.empty()).jobs(false).build();
    Catalog catalog = paperboy.catalog();
    Importer importer = paperboy.importer();
    for (String name :
        List.of(
            "/samples/hf_daily_papers/2025-07-15.json",
            "/samples/hf_daily_papers/2026-06-30.json")) {
      try (InputStream in = BrowserTest.class.getResourceAsStream(name)) {
        importer.importStream(in, name);
      }
    }
    catalog.apply(
        List.of(
            new PaperRecord(
                Paper.builder("2606.99999", HOSTILE_TITLE, "test")
                    .abstractText(
                        "An abstract with $O(n^2)$ and <script>window.__pwned = 3</script>.")
                    .authors(
                        List.of(Author.named("<b onmouseover=\"window.__pwned=4\">Mallory</b>")))
                    .build(),
                new Listing(LocalDate.parse("2026-06-30"), 99, null, 0, 0)),
            new PaperRecord(
                Paper.builder("2410.10636", MATH_TITLE, "test")
                    .abstractText("We propose Adapt-$\\infty$, with cost $O(n^2)$ per step.")
                    .build(),
                new Listing(LocalDate.parse("2026-06-30"), 98, null, 7, 1))));
    base = "http://localhost:" + paperboy.serve(0).port();

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1600",
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (paperboy != null) {
      paperboy.close();
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
    browser.findElement(By.id("email")).sendKeys("reader@example.org");
    clickAndWait(
        browser.findElement(By.cssSelector("main form button[type=submit]")),
        message("Check your inbox"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check your inbox");

    browser.get(base + Routes.VERIFY + "?token=" + mailedToken("Sign in to Paperboy"));
    assertThat(browser.findElement(By.id("signin-link-heading")).getText())
        .isEqualTo("Sign in to Paperboy");
    // this browser asked for the link: one button, no account to confirm
    clickAndWait(browser.findElement(By.id("signin-link-button")), By.id("day-heading"));

    browser.get(base + "/papers/2410.10636");
    WebElement count = browser.findElement(By.cssSelector(".paper-actions .vote-count"));
    assertThat(count.getText()).isEqualTo("7");
    // the vote posts and comes back to the same address: the new page is the one that shows the
    // vote as cast
    clickAndWait(
        browser.findElement(By.cssSelector(".paper-actions .vote-button")),
        By.cssSelector(".paper-actions .vote-button[aria-pressed='true']"));
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
    browser.findElement(By.id("box-email")).sendKeys("digest-reader@example.org");
    browser.findElement(By.id("box-topics")).sendKeys("diffusion cs.CV");
    clickAndWait(
        browser.findElement(By.cssSelector(".subscribe-box button[type=submit]")),
        message("Check your inbox"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check your inbox");

    browser.get(
        base + Routes.SUBSCRIBE_CONFIRM + "?token=" + mailedToken("Confirm your Paperboy digest"));
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

  /**
   * Clicks something that loads another page and waits for {@code newPage}, a marker only that page
   * has, then for it to finish loading (its deferred scripts, e.g. KaTeX, have run). A click
   * returns before the navigation it starts ends; the wait looks the marker up afresh in whatever
   * document is current, and never touches an element of the old page, whose nodes Chromium may
   * already have dropped ("Node with given id does not belong to the document"). {@code element}
   * must not be used after this call.
   */
  private static void clickAndWait(WebElement element, By newPage) {
    element.click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(ExpectedConditions.presenceOfElementLocated(newPage));
    wait.until(
        d ->
            "complete"
                .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  /** The message page ({@code message.jte}) with this heading. */
  private static By message(String heading) {
    return By.xpath("//h1[@id='message-heading' and normalize-space()='" + heading + "']");
  }

  /** A list page whose current tab is {@code label}. */
  private static By currentTab(String label) {
    return By.xpath(
        "//nav[contains(@class,'tabs')]//a[@aria-current='page' and normalize-space()='"
            + label
            + "']");
  }

  /** The token of the link in the outbox mail whose subject starts with {@code subject}. */
  private static String mailedToken(String subject) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
      for (Path eml : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
        // quoted-printable: join soft line breaks and decode "=3D"
        String mail =
            Files.readString(eml).replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
        if (mail.contains("Subject: " + subject)) {
          Matcher token = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(mail);
          assertThat(token.find()).isTrue();
          return token.group(1);
        }
      }
    }
    throw new AssertionError("no mail '" + subject + "' in the outbox");
  }

  private static void screenshot(String name) throws IOException {
    Path target = Path.of("target", "screenshots");
    Files.createDirectories(target);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
