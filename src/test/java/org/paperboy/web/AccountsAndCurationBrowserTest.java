package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.paperboy.community.Curation;
import org.paperboy.community.PaperCollection;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.paper.Paper;

/**
 * Issue 14, items 3 and 5, in a real browser: the header's account menu, flash messages, "My
 * upvotes", "Save to" with its pressed collections, replies and the comment preview, a banned
 * account's notice; a curator's remove that asks in place and is undone from its flash, moves among
 * pinned entries, removed entries restored on the moderation page, none of it reloading or
 * scrolling the page. axe-core checks each new state.
 */
class AccountsAndCurationBrowserTest {

  static final String LIVE_EDIT = "2606.26740";
  static final LocalDate JULY_15 = LocalDate.parse("2025-07-15");

  /** A name as long as a name may be, with markup in it. */
  static final String LONG_NAME = "<b>Bartholomew</b> Maximilian Featherstonehaugh-Ch";

  @TempDir static Path dir;
  private static BrowserSite site;
  private static String axe;

  @BeforeAll
  static void start() throws IOException {
    site = BrowserSite.start(dir);
    axe = BrowserSite.axeSource();
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void the_header_names_the_reader_and_its_menu_signs_out() throws IOException {
    User reader = site.signIn("menu@example.org", Role.READER);
    site.paperboy.community().accounts().rename(reader, LONG_NAME);
    for (var size : List.of(BrowserSite.PHONE, BrowserSite.DESKTOP)) {
      site.resize(size);
      site.open("/");
      WebElement name = site.browser.findElement(By.cssSelector(".account-menu .account-name"));
      assertThat(name.getText()).startsWith("<b>Bartholomew</b>");
      assertThat(site.js("return window.__pwned === undefined")).isEqualTo(true);
      long width = ((Number) site.js("return document.documentElement.clientWidth")).longValue();
      assertThat(site.right(name)).isLessThanOrEqualTo(width);
      assertThat(site.js("return document.documentElement.scrollWidth")).isEqualTo(width);

      site.browser.findElement(By.cssSelector(".account-menu summary")).click();
      WebElement menu = site.browser.findElement(By.cssSelector(".account-menu .menu"));
      site.await(d -> menu.isDisplayed());
      assertThat(menu.getText())
          .contains("Account", "Collections", "My upvotes", "Sign out")
          .doesNotContain("Moderation");
      assertThat(site.right(menu)).isLessThanOrEqualTo(width);
      // it closes on Escape, the focus back on its button, and on a click elsewhere
      new org.openqa.selenium.interactions.Actions(site.browser)
          .sendKeys(org.openqa.selenium.Keys.ESCAPE)
          .perform();
      site.await(d -> !menu.isDisplayed());
      assertThat(site.browser.switchTo().activeElement().getTagName()).isEqualTo("summary");
      site.browser.findElement(By.cssSelector(".account-menu summary")).click();
      site.await(d -> menu.isDisplayed());
      site.browser.findElement(By.cssSelector(".tagline")).click();
      site.await(d -> !menu.isDisplayed());
      site.browser.findElement(By.cssSelector(".account-menu summary")).click();
      site.await(d -> menu.isDisplayed());
      assertThat(site.axe(axe)).as(size.width + " px, menu open").isEmpty();
    }
    site.screenshot("account-menu-1280.png");
    site.browser.findElement(By.linkText("My upvotes")).click();
    site.await(ExpectedConditions.presenceOfElementLocated(By.id("upvotes-heading")));
    assertThat(site.axe(axe)).isEmpty();

    site.browser.findElement(By.cssSelector(".account-menu summary")).click();
    site.clickAndWait(
        site.browser.findElement(By.cssSelector(".account-menu button[type=submit]")),
        By.linkText("Sign in"));
    assertThat(site.browser.findElements(By.cssSelector(".account-menu"))).isEmpty();
  }

  @Test
  void a_vote_shows_on_my_upvotes_newest_first_and_is_taken_back_in_place() throws IOException {
    User reader = site.signIn("voter@example.org", Role.READER);
    site.paperboy.community().votes().upvote(reader, "2410.10636");
    site.open("/");
    WebElement card =
        site.browser.findElement(By.cssSelector(".card[data-paper='" + LIVE_EDIT + "']"));
    card.findElement(By.cssSelector(".vote-button")).click();
    site.await(
        d ->
            "true"
                .equals(
                    card.findElement(By.cssSelector(".vote-button")).getAttribute("aria-pressed")));

    site.open(Routes.MY_UPVOTES);
    List<String> listed =
        site.browser.findElements(By.cssSelector(".upvoted-item")).stream()
            .map(e -> e.getAttribute("data-paper"))
            .toList();
    // (the site's clock stands still, so both votes have the same time;
    // ReaderAndCuratorFormsWebTest
    // checks the order with a clock that moves)
    assertThat(listed).containsExactlyInAnyOrder(LIVE_EDIT, "2410.10636");
    // the math in a title is rendered here too
    assertThat(site.browser.findElements(By.cssSelector(".upvoted-item .katex"))).isNotEmpty();
    site.js("window.__samePage = true");
    WebElement first =
        site.browser.findElement(
            By.cssSelector(".upvoted-item[data-paper='" + LIVE_EDIT + "'] .vote-button"));
    first.click();
    site.await(d -> "false".equals(first.getAttribute("aria-pressed")));
    assertThat(site.js("return window.__samePage")).isEqualTo(true);
    assertThat(site.paperboy.community().votes().votedBy(reader, List.of(LIVE_EDIT))).isEmpty();
  }

  @Test
  void save_to_shows_which_collections_hold_the_paper_and_confirms_in_place() throws IOException {
    User saver = site.signIn("keeper@example.org", Role.READER);
    PaperCollection reading =
        site.paperboy.community().collections().create(saver, "Reading", "", false);
    PaperCollection later =
        site.paperboy.community().collections().create(saver, "Later <i>", "", false);
    site.paperboy.community().collections().add(saver, later.id(), LIVE_EDIT);
    site.open(Routes.paper(LIVE_EDIT));
    site.js("window.__samePage = true");
    By readingButton = By.cssSelector(".save-toggle[value='" + reading.id() + "']");
    By laterButton = By.cssSelector(".save-toggle[value='" + later.id() + "']");
    assertThat(site.browser.findElement(laterButton).getAttribute("aria-pressed"))
        .isEqualTo("true");
    assertThat(site.browser.findElement(laterButton).getText()).isEqualTo("✓ Later <i>");
    assertThat(site.browser.findElement(readingButton).getAttribute("aria-pressed"))
        .isEqualTo("false");
    String unpressed = site.browser.findElement(readingButton).getCssValue("background-color");
    assertThat(site.browser.findElement(laterButton).getCssValue("background-color"))
        .isNotEqualTo(unpressed);

    site.browser.findElement(readingButton).click();
    site.await(ExpectedConditions.attributeToBe(readingButton, "aria-pressed", "true"));
    assertThat(site.browser.findElement(By.cssSelector("form.save .form-status")).getText())
        .isEqualTo("Saved to Reading.");
    assertThat(site.browser.findElement(readingButton).getText()).isEqualTo("✓ Reading");
    assertThat(site.paperboy.community().collections().papers(reading.id(), saver))
        .extracting(Paper::id)
        .containsExactly(LIVE_EDIT);

    site.browser.findElement(laterButton).click();
    site.await(ExpectedConditions.attributeToBe(laterButton, "aria-pressed", "false"));
    assertThat(site.browser.findElement(By.cssSelector("form.save .form-status")).getText())
        .isEqualTo("Taken out of Later <i>.");
    assertThat(site.paperboy.community().collections().papers(later.id(), saver)).isEmpty();
    assertThat(site.js("return window.__samePage")).isEqualTo(true);
    assertThat(site.axe(axe)).isEmpty();
  }

  @Test
  void a_reply_is_previewed_in_place_and_posted_under_its_comment_with_a_flash()
      throws IOException {
    User other =
        site.paperboy.community().accounts().add("first@example.org", "First", Role.READER);
    String top =
        site.paperboy.community().comments().post(other, "2410.10636", "The first comment.").id();
    site.signIn("replier@example.org", Role.READER);
    site.open(Routes.paper("2410.10636"));
    site.js("window.__samePage = true");

    WebElement reply =
        site.browser.findElement(By.cssSelector("#comment-" + top + " .comment-reply"));
    reply.findElement(By.tagName("summary")).click();
    WebElement text = site.browser.findElement(By.id("reply-" + top + "-body"));
    text.sendKeys("Agreed, **bold** and $x^2$ <img src=x onerror=\"window.__pwned = 5\">");
    site.browser.findElement(By.cssSelector("#reply-" + top + " .preview-button")).click();
    site.await(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#reply-" + top + " .comment-preview strong")));
    WebElement preview =
        site.browser.findElement(By.cssSelector("#reply-" + top + " .comment-preview"));
    assertThat(preview.getText()).contains("Preview", "bold");
    assertThat(preview.findElements(By.cssSelector(".katex"))).isNotEmpty();
    assertThat(preview.findElements(By.tagName("img"))).isEmpty();
    assertThat(site.js("return window.__samePage")).isEqualTo(true);
    assertThat(site.js("return window.__pwned === undefined")).isEqualTo(true);
    // the text is still there, to post
    assertThat(text.getAttribute("value")).startsWith("Agreed, **bold**");
    assertThat(site.axe(axe)).isEmpty();

    site.clickAndWait(
        site.browser.findElement(By.cssSelector("#reply-" + top + " button.button")),
        By.cssSelector("#comment-" + top + " .replies .comment.reply"));
    assertThat(site.browser.findElement(By.cssSelector("#flash p")).getText())
        .isEqualTo("Your reply is posted.");
    assertThat(site.browser.findElement(By.cssSelector("#flash")).getAttribute("role"))
        .isEqualTo("status");
    WebElement posted =
        site.browser.findElement(By.cssSelector("#comment-" + top + " .replies .comment.reply"));
    assertThat(posted.getText()).contains("Agreed, bold");
    assertThat(site.js("return window.__pwned === undefined")).isEqualTo(true);
    // the flash is shown once
    site.open(Routes.paper("2410.10636"));
    assertThat(site.browser.findElements(By.cssSelector("#flash p"))).isEmpty();
  }

  @Test
  void a_banned_account_sees_why_it_cannot_comment() throws IOException {
    User admin = site.paperboy.community().accounts().add("boss@example.org", "Boss", Role.ADMIN);
    User banned = site.signIn("banned@example.org", Role.READER);
    site.paperboy.community().moderation().ban(admin, banned.id());
    site.open(Routes.paper(LIVE_EDIT));
    // the ban ended the session: sign in again to see the page as the banned account
    site.signIn("banned@example.org", Role.READER);
    site.open(Routes.paper(LIVE_EDIT));
    assertThat(site.browser.findElement(By.id("comment-refused")).getText())
        .startsWith("This account is banned");
    assertThat(site.browser.findElements(By.id("comment-form"))).isEmpty();
    assertThat(site.axe(axe)).isEmpty();
  }

  @Test
  void remove_asks_in_place_and_undo_puts_it_back_without_scrolling() throws IOException {
    site.signIn("remover@example.org", Role.CURATOR);
    site.resize(BrowserSite.PHONE);
    try {
      site.open(Routes.day(JULY_15));
      List<String> before = site.order();
      String fifth = before.get(4);
      WebElement card = site.card(fifth);
      site.js("arguments[0].scrollIntoView({block: 'center'}); window.__samePage = true;", card);
      long cardTop = site.top(card);

      // asks first, in place; "Keep it" changes nothing
      site.curateButton(fifth, "remove").click();
      WebElement keep =
          site.await(d -> site.card(fifth).findElement(By.cssSelector(".confirm-no")));
      assertThat(site.browser.switchTo().activeElement().getText()).isEqualTo("Remove it");
      assertThat(site.axe(axe)).isEmpty();
      keep.click();
      site.await(d -> site.card(fifth).findElements(By.cssSelector(".confirm-remove")).isEmpty());
      assertThat(site.order()).isEqualTo(before);

      // "Remove it": gone, the flash says so with an Undo, which has the focus
      site.curateButton(fifth, "remove").click();
      site.await(d -> site.card(fifth).findElement(By.cssSelector(".confirm-yes"))).click();
      site.await(d -> !site.order().contains(fifth));
      WebElement flash = site.browser.findElement(By.id("flash"));
      assertThat(flash.findElement(By.tagName("p")).getText())
          .startsWith("Removed “")
          .contains("from the list of July 15, 2025.");
      // where the card was, on the same spot of the screen: the same words and the Undo, which
      // has the focus
      WebElement note = site.browser.findElement(By.cssSelector("main .cards .removed-note"));
      assertThat(note.getText()).startsWith("Removed “");
      WebElement undo = note.findElement(By.tagName("button"));
      assertThat(undo).isEqualTo(site.browser.switchTo().activeElement());
      assertThat(undo.getText()).isEqualTo("Undo");
      assertThat(Math.abs(site.top(note) - cardTop)).isLessThanOrEqualTo(2);
      assertThat(site.js("return window.__samePage")).isEqualTo(true);
      assertThat(site.axe(axe)).isEmpty();
      site.screenshot("removed-undo-390.png");

      undo.click();
      site.await(d -> site.order().contains(fifth));
      assertThat(site.order()).isEqualTo(before);
      assertThat(site.browser.findElement(By.cssSelector("#flash p")).getText())
          .startsWith("Restored “");
      assertThat(Math.abs(site.top(site.card(fifth)) - cardTop)).isLessThanOrEqualTo(2);
      assertThat(site.js("return window.__samePage")).isEqualTo(true);
    } finally {
      site.resize(BrowserSite.DESKTOP);
    }
  }

  @Test
  void without_script_remove_leads_to_a_page_that_asks_and_the_flash_undoes_it()
      throws IOException {
    site.signIn("plain@example.org", Role.CURATOR);
    site.open(Routes.day(JULY_15));
    String third = site.order().get(2);
    // the form as a browser without JavaScript sends it
    site.js(
        "document.querySelectorAll('form[data-inplace]').forEach(function (f) {"
            + " f.removeAttribute('data-inplace'); });");
    site.clickAndWait(site.curateButton(third, "remove"), By.id("confirm-heading"));
    assertThat(site.browser.findElement(By.cssSelector("main")).getText())
        .contains("Remove", "from the list of July 15, 2025?");
    assertThat(site.axe(axe)).isEmpty();
    site.clickAndWait(
        site.browser.findElement(By.cssSelector("main button[value=remove]")),
        By.cssSelector("#flash button[value=restore]"));
    assertThat(site.order()).doesNotContain(third);
    site.js(
        "document.querySelectorAll('form[data-inplace]').forEach(function (f) {"
            + " f.removeAttribute('data-inplace'); });");
    site.clickAndWait(
        site.browser.findElement(By.cssSelector("#flash button[value=restore]")),
        By.cssSelector(".card[data-paper='" + third + "']"));
    assertThat(site.browser.findElement(By.cssSelector("#flash p")).getText())
        .startsWith("Restored “");
  }

  @Test
  void pinned_entries_move_among_themselves_in_place_and_the_last_says_why_not()
      throws IOException {
    site.signIn("pinner@example.org", Role.CURATOR);
    LocalDate day = BrowserSite.JUNE_30;
    site.open(Routes.day(day));
    List<String> before = site.order();
    String a = before.get(3);
    String b = before.get(5);
    site.js("window.__samePage = true");
    site.curateButton(a, "pin").click();
    site.await(d -> site.order().indexOf(a) == 0);
    site.curateButton(b, "pin").click();
    site.await(d -> site.order().indexOf(b) == 0 || site.order().indexOf(b) == 1);
    List<String> pinned = site.order().subList(0, 2);
    String upper = pinned.get(0);
    String lower = pinned.get(1);
    // the lower pinned entry cannot go below the unpinned ones: no button, a note instead
    assertThat(site.card(lower).findElements(By.cssSelector("button[value=down]"))).isEmpty();
    assertThat(site.card(lower).findElement(By.cssSelector(".curate-note")).getText())
        .isEqualTo("Last pinned: unpin to move it lower");
    site.curateButton(upper, "down").click();
    site.await(d -> site.order().indexOf(upper) == 1);
    assertThat(site.order().indexOf(lower)).isZero();
    assertThat(site.browser.findElement(By.cssSelector("#flash p")).getText())
        .startsWith("Moved “");
    assertThat(site.js("return window.__samePage")).isEqualTo(true);
  }

  @Test
  void removed_entries_are_restored_from_the_moderation_page_in_place() throws IOException {
    User curator = site.signIn("restorer@example.org", Role.CURATOR);
    Curation curation = site.paperboy.community().curation();
    String gone = curation.list(JULY_15, curator).get(0).entry().paper().id();
    curation.remove(curator, JULY_15, gone);
    site.open(Routes.ADMIN);
    WebElement row =
        site.browser.findElement(By.xpath("//ul[contains(@class,'removed-entries')]/li"));
    assertThat(row.getText()).contains("2025-07-15").contains("removed by");
    assertThat(site.axe(axe)).isEmpty();
    site.js("arguments[0].scrollIntoView({block: 'center'}); window.__samePage = true;", row);
    long scrolled = site.scrollY();
    row.findElement(By.cssSelector("button[value=restore]")).click();
    site.await(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Restored"));
    assertThat(site.browser.findElements(By.cssSelector(".removed-entries li"))).isEmpty();
    assertThat(site.js("return window.__samePage")).isEqualTo(true);
    assertThat(site.scrollY()).isLessThanOrEqualTo(scrolled);
    assertThat(curation.list(JULY_15, curator).get(0).entry().paper().id()).isEqualTo(gone);
  }
}
