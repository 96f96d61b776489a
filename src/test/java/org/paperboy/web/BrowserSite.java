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
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperboy.Paperboy;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.ingest.Importer;
import org.paperboy.paper.Author;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * The real server, as {@code serve} builds it, on two days of Hugging Face's lists (15 July 2025
 * and 30 June 2026) plus a paper with a hostile title and one with math, and Debian's headless
 * Chromium driving it. Skipped on a developer machine without Chromium; in CI ({@code CI=true}) the
 * browser is required, since {@code .ci/run} installs it.
 *
 * <p>Waits look for what only the new state has (a new page's own marker, an element's new
 * attribute or text), never for an old element to go away, and never sleep: on two busy cores a
 * page or an answer takes as long as it takes.
 */
final class BrowserSite implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T08:00:00Z"), ZoneOffset.UTC);

  /** The list day the home page shows. */
  static final LocalDate JUNE_30 = LocalDate.parse("2026-06-30");

  static final String HOSTILE_TITLE =
      "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> Hostile";

  static final String MATH_TITLE =
      "Adapt-$\\infty$: Scalable Lifelong Multimodal Instruction Tuning via Dynamic Data Selection";

  /** Only a paper page ({@code paper.jte}) has this. */
  static final By PAPER_PAGE = By.cssSelector("article.paper h1");

  /** A phone's width, and a laptop's. */
  static final Dimension PHONE = new Dimension(390, 844);

  static final Dimension DESKTOP = new Dimension(1280, 1600);

  final Path dir;
  final Paperboy paperboy;
  final WebDriver browser;
  final String base;

  private BrowserSite(Path dir, Paperboy paperboy, WebDriver browser) {
    this.dir = dir;
    this.paperboy = paperboy;
    this.browser = browser;
    this.base = "http://localhost:" + paperboy.port();
  }

  /** Starts the site in {@code dir} and a browser on it; skips the test without Chromium. */
  static BrowserSite start(Path dir) throws IOException {
    return start(dir, Map.of());
  }

  /**
   * Starts the site with more settings; with {@code PAPERBOY_ARXIV_API_URL} among them, submissions
   * are looked up there (a local server playing arXiv) by the background lookups, else arXiv knows
   * no paper.
   */
  static BrowserSite start(Path dir, Map<String, String> more) throws IOException {
    return start(dir, more, CLOCK);
  }

  /** Starts the site on this clock (one a test moves, for papers that arrive later). */
  static BrowserSite start(Path dir, Map<String, String> more, Clock clock) throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!"true".equals(System.getenv("CI"))) {
      Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed");
    }
    Map<String, String> env = new java.util.HashMap<>(more);
    env.put("PAPERBOY_DATA", dir.toString());
    env.put("PAPERBOY_DEMO_DATA", "false");
    Settings settings = Settings.from(env);
    Paperboy.Builder builder = Paperboy.builder(settings).clock(clock).jobs(false);
    if (!more.containsKey("PAPERBOY_ARXIV_API_URL")) {
      builder.lookup(id -> Optional.empty());
    }
    Paperboy paperboy = builder.build();
    Importer importer = paperboy.importer();
    for (String name :
        List.of(
            "/samples/hf_daily_papers/2025-07-15.json",
            "/samples/hf_daily_papers/2026-06-30.json")) {
      try (InputStream in = BrowserSite.class.getResourceAsStream(name)) {
        importer.importStream(in, name);
      }
    }
    paperboy
        .catalog()
        .apply(
            List.of(
                new PaperRecord(
                    Paper.builder("2606.99999", HOSTILE_TITLE, "test")
                        .abstractText(
                            "An abstract with $O(n^2)$ and <script>window.__pwned = 3</script>.")
                        .authors(
                            List.of(
                                Author.named("<b onmouseover=\"window.__pwned=4\">Mallory</b>")))
                        .build(),
                    new Listing(JUNE_30, 99, null, 0, 0)),
                new PaperRecord(
                    Paper.builder("2410.10636", MATH_TITLE, "test")
                        .abstractText("We propose Adapt-$\\infty$, with cost $O(n^2)$ per step.")
                        .build(),
                    new Listing(JUNE_30, 98, null, 7, 1))));
    paperboy.serve(0);
    if (more.containsKey("PAPERBOY_ARXIV_API_URL")) {
      paperboy.startSubmissionLookups();
    }

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
        "--hide-scrollbars",
        "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    WebDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new BrowserSite(dir, paperboy, browser);
  }

  @Override
  public void close() {
    try {
      browser.quit();
    } finally {
      paperboy.close();
    }
  }

  /** Opens a page of the site and waits for it to load. */
  void open(String path) {
    browser.get(base + path);
  }

  /** Runs a script in the page and returns what it returns. */
  Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /**
   * Waits (up to 20 s) until {@code condition} holds. An element it found may be replaced by the
   * new state while it looks (the list a curation swaps in): it then looks again.
   */
  <T> T await(Function<WebDriver, T> condition) {
    return waiting().ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** A wait of up to 20 s, what every wait of these tests allows. */
  private WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  /**
   * Clicks something that loads another page and waits for {@code newPage}, a marker only that page
   * has, then for it to finish loading (its deferred scripts, e.g. KaTeX, have run). A click
   * returns before the navigation it starts ends; the wait looks the marker up afresh in whatever
   * document is current, and never touches an element of the old page. While Chromium swaps the
   * documents, a lookup can fail half way (its node dropped: "Node with given id does not belong to
   * the document"; a script's context destroyed): such a failure says only that the new page is not
   * there yet, so the wait looks again, up to its end. {@code element} must not be used after this
   * call.
   */
  void clickAndWait(WebElement element, By newPage) {
    element.click();
    waiting()
        .ignoring(WebDriverException.class)
        .withMessage(() -> "the page with " + newPage + " did not load")
        .until(
            d ->
                !d.findElements(newPage).isEmpty()
                    && "complete".equals(js("return document.readyState")));
  }

  /** The message page ({@code message.jte}) with this heading. */
  static By message(String heading) {
    return By.xpath("//h1[@id='message-heading' and normalize-space()='" + heading + "']");
  }

  /** A list page whose current tab is {@code label}. */
  static By currentTab(String label) {
    return By.xpath(
        "//nav[contains(@class,'tabs')]//a[@aria-current='page' and normalize-space()='"
            + label
            + "']");
  }

  /**
   * Signs this browser in as {@code email} (an account with {@code role}, made as {@code user add}
   * does) through the sign-in form and the mailed link, after ending any session it had.
   */
  User signIn(String email, Role role) throws IOException {
    User user =
        paperboy
            .community()
            .accounts()
            .findByEmail(email)
            .orElseGet(() -> paperboy.community().accounts().add(email, null, role));
    browser.manage().deleteAllCookies();
    open(Routes.SIGN_IN);
    Set<Path> before = outbox();
    browser.findElement(By.id("email")).sendKeys(email);
    clickAndWait(
        browser.findElement(By.cssSelector("main form button[type=submit]")),
        message("Check your inbox"));
    open(Routes.VERIFY + "?token=" + mailedToken(before, "Sign in to Paperboy"));
    clickAndWait(browser.findElement(By.id("signin-link-button")), By.id("day-heading"));
    return user;
  }

  /** The mails in the outbox folder now. */
  Set<Path> outbox() throws IOException {
    Path folder = dir.resolve("outbox");
    if (!Files.isDirectory(folder)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".eml")).collect(Collectors.toSet());
    }
  }

  /**
   * The token of the link in the mail, not in the outbox {@code before}, whose subject starts with
   * {@code subject}.
   */
  String mailedToken(Set<Path> before, String subject) throws IOException {
    for (Path eml : outbox()) {
      if (before.contains(eml)) {
        continue;
      }
      // quoted-printable: join soft line breaks and decode "=3D"
      String mail =
          Files.readString(eml).replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
      if (mail.contains("Subject: " + subject)) {
        Matcher token = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(mail);
        assertThat(token.find()).isTrue();
        return token.group(1);
      }
    }
    throw new AssertionError("no new mail '" + subject + "' in the outbox");
  }

  /** Keeps what the browser shows as {@code target/screenshots/NAME}, a test artifact. */
  void screenshot(String name) throws IOException {
    Path target = Path.of("target", "screenshots");
    Files.createDirectories(target);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Runs axe-core ({@code source}, its script) on the page as it is now and returns its violations
   * of serious or critical impact and of the landmark rules, one line each, or "" when none.
   */
  String axe(String source) {
    js(source);
    return (String)
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "axe.run(document, {resultTypes: ['violations']}).then("
                    + "function (r) { done(r.violations.filter(function (v) {"
                    + " return v.impact === 'serious' || v.impact === 'critical'"
                    + " || v.id.indexOf('landmark') === 0; })"
                    + ".map(function (v) { return v.id + ' (' + v.impact + '): '"
                    + " + v.nodes.slice(0, 3).map(function (n) {"
                    + " return n.target.join(' '); }).join(', '); }).join('; ')); },"
                    + " function (e) { done('axe failed: ' + e); });");
  }

  /** The script of axe-core, from the test resources. */
  static String axeSource() throws IOException {
    try (InputStream in = BrowserSite.class.getResourceAsStream("/axe-core/axe.min.js")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** The paper ids of the cards on the page, in order. */
  @SuppressWarnings("unchecked")
  List<String> order() {
    return (List<String>)
        js(
            "return Array.from(document.querySelectorAll('.card')).map(function (c) {"
                + " return c.getAttribute('data-paper'); });");
  }

  /** A paper's card on the page. */
  WebElement card(String paperId) {
    return browser.findElement(By.cssSelector(".card[data-paper='" + paperId + "']"));
  }

  /** A curation button ({@code pin}, {@code up}, {@code remove}…) of a paper's card. */
  WebElement curateButton(String paperId, String action) {
    return card(paperId)
        .findElement(By.cssSelector(".curate button[name=action][value=" + action + "]"));
  }

  /** How far the page is scrolled, in CSS pixels. */
  long scrollY() {
    return ((Number) js("return Math.round(window.scrollY)")).longValue();
  }

  /** Where an element's top is on the screen, in CSS pixels. */
  long top(WebElement element) {
    return ((Number) js("return Math.round(arguments[0].getBoundingClientRect().top)", element))
        .longValue();
  }

  /** Where an element's right edge is on the screen, in CSS pixels. */
  long right(WebElement element) {
    return ((Number) js("return Math.ceil(arguments[0].getBoundingClientRect().right)", element))
        .longValue();
  }

  /** Makes the browser's window this size. */
  void resize(Dimension size) {
    browser.manage().window().setSize(size);
  }
}
