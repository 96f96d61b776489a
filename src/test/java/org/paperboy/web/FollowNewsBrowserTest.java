package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.paperboy.community.MovableClock;
import org.paperboy.community.Role;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * "New from your follows" in a real browser: a reader follows an author from the author's page, a
 * new paper by them arrives, the header says "1 new from your follows", the list shows the paper
 * with the follow that brought it, and "Mark these as seen" clears the count.
 */
class FollowNewsBrowserTest {

  static final String NEW_PAPER = "2607.00042";

  @TempDir static Path dir;
  private static BrowserSite site;
  private static final MovableClock CLOCK = new MovableClock("2026-07-01T08:00:00Z");

  @BeforeAll
  static void start() throws IOException {
    site = BrowserSite.start(dir, Map.of(), CLOCK);
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void a_followed_authors_new_paper_is_counted_listed_with_its_reason_and_marked_seen()
      throws IOException {
    site.signIn("follower@example.org", Role.READER);
    String top = site.order().get(0);
    String author = site.paperboy.catalog().find(top).orElseThrow().authors().get(0).name();
    site.open(Routes.author(author));
    site.clickAndWait(
        site.browser.findElement(By.cssSelector("main form button[value=follow]")),
        By.cssSelector("main form button[value=unfollow]"));
    assertThat(site.browser.findElements(By.id("follow-news"))).isEmpty();

    CLOCK.advance(Duration.ofMinutes(5));
    site.paperboy
        .catalog()
        .apply(
            List.of(
                new PaperRecord(
                    Paper.builder(NEW_PAPER, "A newly arrived paper of a followed author", "test")
                        .version(1)
                        .abstractText("It arrived after the follow.")
                        .authors(List.of(Author.named(author), Author.named("Someone Else")))
                        .categories(List.of("cs.CL"))
                        .published(LocalDate.parse("2026-06-30"))
                        .build(),
                    null)));

    site.open(Routes.HOME);
    var link = site.browser.findElement(By.id("follow-news"));
    assertThat(link.getText()).isEqualTo("1 new from your follows");
    site.clickAndWait(link, By.id("follow-news-page"));
    assertThat(site.browser.findElements(By.cssSelector("#follow-news-page article.card")))
        .extracting(e -> e.getAttribute("data-paper"))
        .containsExactly(NEW_PAPER);
    assertThat(site.card(NEW_PAPER).findElement(By.cssSelector(".why")).getText())
        .isEqualTo("by " + author + ", whom you follow");

    // Opening the list did not clear the count.
    site.open(Routes.FOLLOWS_NEW);
    assertThat(site.browser.findElement(By.id("follow-news")).getText())
        .isEqualTo("1 new from your follows");
    site.clickAndWait(site.browser.findElement(By.id("mark-seen")), By.id("follow-news-none"));
    assertThat(site.browser.findElements(By.id("follow-news"))).isEmpty();
    site.open(Routes.HOME);
    assertThat(site.browser.findElements(By.id("follow-news"))).isEmpty();
  }
}
