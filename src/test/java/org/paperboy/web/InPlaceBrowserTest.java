package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Votes, saves, "not for me" and curation act in place in a real browser (issue 14, item 1): no new
 * page (a mark left on the page's window survives), no scroll, the pressed state in colour and
 * {@code aria-pressed}, and every count of the paper on the page from the server's answer. Also
 * measures the vote round trip, click to updated count.
 */
class InPlaceBrowserTest {

  /** Listed on 30 June with 57 upvotes: the paper whose counts disagreed in the issue. */
  static final String LIVE_EDIT = "2606.26740";

  /** Listed on two days, with a snapshot of 3 upvotes on the first and 12 on the second. */
  static final String TWICE = "2507.99001";

  static final LocalDate JULY_15 = LocalDate.parse("2025-07-15");

  /** Votes timed for the figure, after a few to warm up. */
  static final int TIMED_VOTES = 50;

  @TempDir static Path dir;
  private static BrowserSite site;

  @BeforeAll
  static void start() throws IOException {
    site = BrowserSite.start(dir);
    Paper twice =
        Paper.builder(TWICE, "A paper listed twice", "test").abstractText("Listed twice.").build();
    new Catalog(site.paperboy.database(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
        .apply(
            List.of(
                new PaperRecord(twice, new Listing(JULY_15, 50, null, 3, 0)),
                new PaperRecord(twice, new Listing(BrowserSite.JUNE_30, 97, null, 12, 0))));
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void a_vote_on_a_list_acts_in_place_without_reload_or_scroll() throws IOException {
    site.signIn("lister@example.org", Role.READER);
    site.open("/");
    WebElement card = site.card(LIVE_EDIT);
    site.js("arguments[0].scrollIntoView({block: 'center'}); window.__samePage = true;", card);
    long scrolled = site.scrollY();
    String unpressed = background(button(card));
    assertThat(count(card)).isEqualTo("57");

    button(card).click();
    site.await(d -> "true".equals(button(card).getAttribute("aria-pressed")));

    assertThat(count(card)).isEqualTo("58");
    assertThat(button(card).getText()).endsWith("58 upvotes");
    assertThat(button(card).getAttribute("title")).isEqualTo("Take back your upvote");
    assertThat(background(button(card))).isNotEqualTo(unpressed);
    assertThat(site.js("return window.__samePage")).isEqualTo(true);
    assertThat(site.scrollY()).isEqualTo(scrolled);

    // what the server keeps: a new page shows the same
    site.open("/");
    assertThat(count(site.card(LIVE_EDIT))).isEqualTo("58");
    assertThat(button(site.card(LIVE_EDIT)).getAttribute("aria-pressed")).isEqualTo("true");

    WebElement again = site.card(LIVE_EDIT);
    button(again).click();
    site.await(d -> "false".equals(button(again).getAttribute("aria-pressed")));
    assertThat(count(again)).isEqualTo("57");
    assertThat(background(button(again))).isEqualTo(unpressed);
  }

  @Test
  void a_vote_on_a_paper_page_updates_every_count_of_the_paper() throws IOException {
    site.signIn("reader@example.org", Role.READER);
    site.open(Routes.paper(TWICE));
    site.js("window.__samePage = true");
    // its upvotes are the paper's: the larger snapshot, on the button and on both days
    assertThat(counts()).containsExactly("12", "12", "12");

    site.browser.findElement(By.cssSelector(".paper-actions .vote-button")).click();
    site.await(
        ExpectedConditions.attributeToBe(
            By.cssSelector(".paper-actions .vote-button"), "aria-pressed", "true"));

    assertThat(counts()).containsExactly("13", "13", "13");
    assertThat(site.js("return window.__samePage")).isEqualTo(true);
    site.open(Routes.day(JULY_15));
    assertThat(count(site.card(TWICE))).isEqualTo("13");
  }

  @Test
  void save_and_not_for_me_act_in_place() throws IOException {
    User saver = site.signIn("saver@example.org", Role.READER);
    site.paperboy.community().collections().create(saver, "Reading <list>", "", false);
    site.open(Routes.paper(LIVE_EDIT));
    site.js("window.__samePage = true");

    site.browser.findElement(By.cssSelector("form.save button")).click();
    site.await(
        ExpectedConditions.textToBe(
            By.cssSelector("form.save .form-status"), "Saved to Reading <list>."));
    String collection = site.paperboy.community().collections().mine(saver).get(0).id();
    assertThat(site.paperboy.community().collections().papers(collection, saver))
        .extracting(Paper::id)
        .containsExactly(LIVE_EDIT);

    By notForMe = By.cssSelector("button.not-for-me");
    assertThat(site.browser.findElement(notForMe).getAttribute("aria-pressed")).isEqualTo("false");
    site.browser.findElement(notForMe).click();
    site.await(ExpectedConditions.attributeToBe(notForMe, "aria-pressed", "true"));
    assertThat(site.paperboy.community().collections().notForMe(saver.id()))
        .containsExactly(LIVE_EDIT);
    site.browser.findElement(notForMe).click();
    site.await(ExpectedConditions.attributeToBe(notForMe, "aria-pressed", "false"));
    assertThat(site.paperboy.community().collections().notForMe(saver.id())).isEmpty();
    assertThat(site.js("return window.__samePage")).isEqualTo(true);
  }

  @Test
  void curation_acts_in_place_and_the_page_stays_where_it_was() throws IOException {
    site.signIn("curator@example.org", Role.CURATOR);
    // one column of cards: the list is longer than the screen
    site.resize(BrowserSite.PHONE);
    try {
      site.open(Routes.day(JULY_15));
      List<String> before = site.order();
      String fifth = before.get(4);
      site.js(
          "arguments[0].scrollIntoView({block: 'center'}); window.__samePage = true;",
          site.card(fifth));
      long top = site.top(site.card(fifth));

      // moved up a place, it stays under the pointer, its button focused, ready to move again
      curate(fifth, "up");
      site.await(d -> site.order().indexOf(fifth) == 3);
      assertThat(Math.abs(site.top(site.card(fifth)) - top)).isLessThanOrEqualTo(2);
      assertThat(site.browser.switchTo().activeElement().getAttribute("value")).isEqualTo("up");

      // pinned, it goes to the top; the page stays where it was
      long scrolled = site.scrollY();
      curate(fifth, "pin");
      site.await(d -> site.order().indexOf(fifth) == 0);
      assertThat(site.card(fifth).findElement(By.cssSelector(".curate .badge")).getText())
          .isEqualToIgnoringCase("pinned");
      assertThat(site.scrollY()).isEqualTo(scrolled);

      curate(fifth, "unpin");
      site.await(d -> site.card(fifth).findElements(By.cssSelector(".curate .badge")).isEmpty());
      assertThat(site.js("return window.__samePage")).isEqualTo(true);
    } finally {
      site.resize(BrowserSite.DESKTOP);
    }
  }

  /**
   * The figure of issue 14: a vote's round trip in the browser, from the click to the updated count
   * on the page, timed in the page ({@code performance.now()}) over {@value #TIMED_VOTES} votes.
   * The bound asserted is loose (CI machines are noisy); BENCHMARKS.md has the figure.
   */
  @Test
  void a_vote_round_trip_is_timed_from_click_to_updated_count() throws IOException {
    site.signIn("timer@example.org", Role.READER);
    site.open("/");
    for (int i = 0; i < 5; i++) {
      roundTrip();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < TIMED_VOTES; i++) {
      millis.add(roundTrip());
    }
    Collections.sort(millis);
    double p50 = millis.get(millis.size() / 2);
    double p95 = millis.get((int) Math.ceil(millis.size() * 0.95) - 1);
    System.out.printf(
        Locale.ROOT,
        "vote round trip, click to updated count, %d votes: p50 %.1f ms, p95 %.1f ms, max %.1f"
            + " ms%n",
        millis.size(),
        p50,
        p95,
        millis.get(millis.size() - 1));
    assertThat(p95).isLessThan(2000);
  }

  /** Clicks the first card's vote button and times, in the page, until its count changed. */
  private static double roundTrip() {
    Object ms =
        ((org.openqa.selenium.JavascriptExecutor) site.browser)
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "var button = document.querySelector('.card .vote-button');"
                    + "var count = button.querySelector('.vote-count');"
                    + "var before = count.textContent;"
                    + "var watch = new MutationObserver(function () {"
                    + "  if (count.textContent !== before) {"
                    + "    watch.disconnect(); done(performance.now() - start);"
                    + "  }"
                    + "});"
                    + "watch.observe(count, {childList: true, characterData: true, subtree: true});"
                    + "var start = performance.now();"
                    + "button.click();");
    return ((Number) ms).doubleValue();
  }

  private static void curate(String paperId, String action) {
    site.curateButton(paperId, action).click();
  }

  private static WebElement button(WebElement card) {
    return card.findElement(By.cssSelector(".vote-button"));
  }

  private static String count(WebElement card) {
    return card.findElement(By.cssSelector(".vote-count")).getText();
  }

  /** Every upvote count on a paper page: its button's, then each of its days'. */
  private static List<String> counts() {
    return site.browser.findElements(By.cssSelector("article.paper .vote-count")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static String background(WebElement element) {
    return element.getCssValue("background-color");
  }
}
