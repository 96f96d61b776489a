package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.paperboy.community.PaperCollection;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Every page on a phone (390 px) and a laptop (1280 px), in a real browser (issue 14, item 7): no
 * page scrolls sideways, the header fits and the digest banner is one line on a phone, the focus
 * ring stands out (3:1), axe-core finds nothing of serious or critical impact, the "new" badge says
 * what it means. Screenshots of the home page, a paper page and the search page at both widths are
 * kept in {@code target/screenshots}.
 */
class AccessibilityBrowserTest {

  /** Stored on the day of the list it is on: the one paper here that is new. */
  static final String FRESH = "2606.99990";

  static final String LIVE_EDIT = "2606.26740";

  @TempDir static Path dir;
  private static BrowserSite site;
  private static String axe;
  private static String collection;
  private static String author;

  @BeforeAll
  static void start() throws IOException {
    site = BrowserSite.start(dir);
    new Catalog(
            site.paperboy.database(),
            Clock.fixed(Instant.parse("2026-06-30T09:00:00Z"), ZoneOffset.UTC))
        .apply(
            List.of(
                new PaperRecord(
                    Paper.builder(FRESH, "A paper listed the day it came", "test")
                        .abstractText("It came on the day of its list.")
                        .build(),
                    new Listing(BrowserSite.JUNE_30, 100, null, 2, 0))));
    User admin =
        site.paperboy.community().accounts().add("admin@example.org", "Ada Admin", Role.ADMIN);
    PaperCollection reading =
        site.paperboy.community().collections().create(admin, "Reading", "To read.", true);
    site.paperboy.community().collections().add(admin, reading.id(), LIVE_EDIT);
    site.paperboy.community().comments().post(admin, LIVE_EDIT, "Works with $x^2$ **fast**.");
    collection = Routes.collection(reading.id());
    axe = BrowserSite.axeSource();
    author =
        Routes.author(
            site.paperboy.catalog().find(LIVE_EDIT).orElseThrow().authors().get(0).name());
    site.paperboy.community().forYou().follows().followAuthor(admin, "Ada Lovelace");
    site.paperboy.community().forYou().follows().followSearch(admin, "video", "semantic", 0.5);
    site.paperboy
        .community()
        .forYou()
        .follows()
        .mute(admin, org.paperboy.foryou.Follows.MuteKind.KEYWORD, "crypto");
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  /** The pages a reader without an account reaches. */
  static final List<String> PUBLIC_PAGES =
      List.of(
          "/",
          Routes.day(java.time.LocalDate.parse("2025-07-15")),
          "/papers/week/2026-W27",
          "/papers/month/2026-06",
          Routes.TRENDING,
          Routes.paper(LIVE_EDIT),
          Routes.paper("2410.10636"),
          Routes.paper("2606.99999"),
          Routes.SEARCH,
          Routes.SEARCH + "?q=video+diffusion",
          Routes.SEARCH + "?q=author:",
          Routes.SUBSCRIBE,
          Routes.SIGN_IN,
          Routes.ABOUT_TRENDING,
          "/papers/date/2020-01-01",
          "/no/such/page");

  /** The pages of a signed-in admin (who also curates). */
  static final List<String> ADMIN_PAGES =
      List.of(
          "/",
          Routes.paper(LIVE_EDIT),
          Routes.ACCOUNT,
          Routes.MY_UPVOTES,
          Routes.FOR_YOU,
          Routes.FOLLOWS,
          "AUTHOR",
          Routes.COLLECTIONS,
          "COLLECTION",
          Routes.SUBMIT,
          Routes.SUBMISSIONS,
          Routes.ADMIN,
          Routes.ADMIN_MAIL,
          Routes.ADMIN_SOURCES);

  @Test
  void no_page_scrolls_sideways_on_a_phone() throws IOException {
    List<String> wide = new ArrayList<>();
    for (boolean signedIn : List.of(false, true)) {
      for (String page : pages(signedIn)) {
        site.resize(BrowserSite.PHONE);
        site.open(page);
        Object overflow =
            site.js(
                "var width = document.documentElement.clientWidth;"
                    + "if (document.documentElement.scrollWidth <= width) { return null; }"
                    + "return document.documentElement.scrollWidth + ' px, wider than ' + width"
                    + " + ': ' + Array.from(document.querySelectorAll('body *')).filter("
                    + "function (e) { return e.getBoundingClientRect().right > width + 1; })"
                    + ".slice(0, 3).map(function (e) { return e.outerHTML.slice(0, 80); })"
                    + ".join(' | ');");
        if (overflow != null) {
          wide.add(page + ": " + overflow);
        }
      }
    }
    site.resize(BrowserSite.DESKTOP);
    assertThat(wide).isEmpty();
  }

  @Test
  void on_a_phone_the_header_fits_and_the_digest_banner_is_one_line() throws IOException {
    site.browser.manage().deleteAllCookies();
    try {
      site.resize(BrowserSite.PHONE);
      site.open("/");
      long width = ((Number) site.js("return document.documentElement.clientWidth")).longValue();
      for (WebElement link :
          site.browser.findElements(By.cssSelector(".site-bar a, .site-bar button"))) {
        if (link.isDisplayed()) {
          assertThat(site.right(link)).as(link.getText()).isLessThanOrEqualTo(width);
        }
      }
      assertThat(site.browser.findElement(By.linkText("Sign in")).isDisplayed()).isTrue();
      WebElement banner = site.browser.findElement(By.cssSelector(".banner"));
      assertThat(site.browser.findElement(By.cssSelector(".subscribe-box")).isDisplayed())
          .isFalse();
      WebElement subscribe = site.browser.findElement(By.cssSelector(".banner-link"));
      assertThat(subscribe.isDisplayed()).isTrue();
      // one line: the text and the button side by side, no taller than the button and its padding
      assertThat(banner.getSize().getHeight()).isLessThan(subscribe.getSize().getHeight() + 20);
      assertThat(banner.getText()).isEqualTo("Trending papers by email\nSubscribe");
      // the day's first paper starts on the first screen
      assertThat(site.top(site.browser.findElement(By.cssSelector(".card"))))
          .isLessThan(BrowserSite.PHONE.height);

      site.resize(BrowserSite.DESKTOP);
      site.open("/");
      assertThat(site.browser.findElement(By.cssSelector(".subscribe-box")).isDisplayed()).isTrue();
      assertThat(site.browser.findElement(By.cssSelector(".banner-link")).isDisplayed()).isFalse();
      assertThat(site.browser.findElement(By.cssSelector(".tagline")).getText())
          .isEqualTo("Daily papers by the research community");
    } finally {
      site.resize(BrowserSite.DESKTOP);
    }
  }

  @Test
  void the_focus_ring_has_three_to_one_contrast_on_what_it_surrounds() {
    site.browser.manage().deleteAllCookies();
    site.open("/");
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      new Actions(site.browser).sendKeys(Keys.TAB).perform();
      @SuppressWarnings("unchecked")
      Map<String, Object> ring =
          (Map<String, Object>)
              site.js(
                  "var e = document.activeElement, style = getComputedStyle(e);"
                      + "var behind = e.parentElement;"
                      + "while (behind && getComputedStyle(behind).backgroundColor"
                      + "    .match(/rgba\\(.*, 0\\)|transparent/)) {"
                      + "  behind = behind.parentElement; }"
                      + "return {what: e.outerHTML.slice(0, 60), style: style.outlineStyle,"
                      + " width: parseFloat(style.outlineWidth), color: style.outlineColor,"
                      + " behind: behind ? getComputedStyle(behind).backgroundColor"
                      + " : 'rgb(255, 255, 255)'};");
      String what = (String) ring.get("what");
      assertThat(ring.get("style")).as(what).isEqualTo("solid");
      assertThat(((Number) ring.get("width")).doubleValue()).as(what).isGreaterThanOrEqualTo(2);
      assertThat(contrast((String) ring.get("color"), (String) ring.get("behind")))
          .as(what + " on " + ring.get("behind"))
          .isGreaterThanOrEqualTo(3.0);
      seen.add(what);
    }
    // the ring was seen on the skip link, the header, the banner's form and the list
    assertThat(String.join("\n", seen))
        .contains("skip-link", "site-search", "box-email", "Subscribe", "Weekly");
  }

  @Test
  void axe_finds_nothing_serious_or_critical_nor_a_landmark_twice_on_any_page() throws IOException {
    List<String> found = new ArrayList<>();
    for (Dimension size : List.of(BrowserSite.DESKTOP, BrowserSite.PHONE)) {
      for (boolean signedIn : List.of(false, true)) {
        for (String page : pages(signedIn)) {
          site.resize(size);
          site.open(page);
          String violations = site.axe(axe);
          if (!violations.isEmpty()) {
            found.add(size.width + " px, " + (signedIn ? "admin " : "") + page + ": " + violations);
          }
        }
      }
    }
    site.resize(BrowserSite.DESKTOP);
    assertThat(found).isEmpty();
  }

  @Test
  void the_new_badge_marks_only_a_paper_first_listed_on_its_day_and_says_so_on_hover() {
    site.browser.manage().deleteAllCookies();
    site.open("/");
    List<WebElement> badges = site.browser.findElements(By.cssSelector(".card .badge-new"));
    assertThat(badges).hasSize(1);
    WebElement badge = badges.get(0);
    assertThat(badge.findElement(By.xpath("ancestor::article")).getAttribute("data-paper"))
        .isEqualTo(FRESH);
    assertThat(badge.getAttribute("title"))
        .isEqualTo("First listed on 2026-06-30: it reached Paperboy within that list day (UTC)");
    assertThat(badge.getCssValue("cursor")).isEqualTo("help");
  }

  @Test
  void screenshots_of_home_a_paper_and_search_at_both_widths() throws IOException {
    site.browser.manage().deleteAllCookies();
    try {
      for (Dimension size : List.of(BrowserSite.PHONE, new Dimension(1280, 900))) {
        site.resize(size);
        site.open("/");
        site.screenshot("home-" + size.width + ".png");
        site.open(Routes.paper(LIVE_EDIT));
        site.screenshot("paper-" + size.width + ".png");
        site.open(Routes.SEARCH + "?q=video+diffusion");
        site.screenshot("search-" + size.width + ".png");
      }
    } finally {
      site.resize(BrowserSite.DESKTOP);
    }
    assertThat(Path.of("target", "screenshots", "search-390.png")).isNotEmptyFile();
  }

  /** The pages to check, after signing in as the admin (or out) as asked. */
  private static List<String> pages(boolean signedIn) throws IOException {
    if (!signedIn) {
      site.browser.manage().deleteAllCookies();
      return PUBLIC_PAGES;
    }
    site.signIn("admin@example.org", Role.ADMIN);
    return ADMIN_PAGES.stream()
        .map(p -> p.equals("COLLECTION") ? collection : p.equals("AUTHOR") ? author : p)
        .toList();
  }

  private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

  /** The WCAG contrast ratio of two CSS colours as the browser computes them. */
  static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String color) {
    Matcher m = RGB.matcher(color);
    if (!m.find()) {
      throw new AssertionError("not an rgb colour: " + color);
    }
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(m.group(i + 1)) / 255.0;
      c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
}
