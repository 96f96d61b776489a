package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.paperboy.community.Role;
import org.paperboy.ingest.LocalArxiv;
import org.paperboy.ingest.LocalArxiv.Answer;

/**
 * Submitting in a real browser while arXiv is slow (issue 14, item 4): a local server plays arXiv
 * behind the lookup timeout of 1 s; the form answers at once with the submission pending, and the
 * page shows what became of it without being reloaded. A refusal keeps what was typed.
 */
class SubmissionBrowserTest {

  @TempDir static Path dir;
  private static LocalArxiv arxiv;
  private static BrowserSite site;

  @BeforeAll
  static void start() throws IOException {
    arxiv = new LocalArxiv(r -> Answer.status(500));
    site =
        BrowserSite.start(
            dir,
            Map.of(
                "PAPERBOY_ARXIV_API_URL", arxiv.uri("/api/query").toString(),
                "PAPERBOY_ARXIV_LOOKUP_TIMEOUT", "1s",
                "PAPERBOY_HARVEST_DELAY", "0s"));
    site.signIn("reader@example.org", Role.READER);
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
    if (arxiv != null) {
      arxiv.close();
    }
  }

  /** arXiv's answer to an id_list query for one paper published on 29 June 2026. */
  static byte[] entry(String id, String title) {
    return ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
            + "<id>http://arxiv.org/abs/"
            + id
            + "v1</id><published>2026-06-29T17:00:00Z</published>"
            + "<updated>2026-06-29T17:00:00Z</updated><title>"
            + title
            + "</title><summary>An abstract.</summary><author><name>Ada Lovelace</name></author>"
            + "</entry></feed>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Answers after {@code millis}, with {@code then}. */
  static Function<LocalArxiv.Request, Answer> slow(long millis, Answer then) {
    return r -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return then;
    };
  }

  /** Submits through the form; returns how long the browser waited for the page it led to. */
  private static long submit(String typed, By newPage) {
    site.open(Routes.SUBMIT);
    site.browser.findElement(By.id("paper")).sendKeys(typed);
    long t0 = System.nanoTime();
    site.clickAndWait(
        site.browser.findElement(By.cssSelector("main form button[type=submit]")), newPage);
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static final By SUBMISSIONS = By.id("submissions-heading");

  @Test
  void a_submission_answers_at_once_while_arxiv_is_slow_and_its_outcome_comes_in_place()
      throws IOException {
    arxiv.answer(slow(4_000, Answer.ok(entry("2606.50001", "Slowly found"))));
    long waited = submit("https://arxiv.org/abs/2606.50001", SUBMISSIONS);
    // arXiv takes 4 s to answer: the reader does not wait for it.
    assertThat(waited).isLessThan(3_000);
    WebElement current = site.browser.findElement(By.cssSelector("[aria-current=true]"));
    assertThat(current.getText()).contains("Looking it up on arXiv").contains("2606.50001");
    assertThat(site.browser.findElement(By.cssSelector("#submissions .notice")).getText())
        .contains("Submitted 2606.50001");
    site.js("window.__samePage = 'yes'");

    // The lookup gives up after the 1 s timeout; the page says so without being reloaded.
    site.await(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[aria-current=true] .submission-detail"), "trying again in 1 min"));
    assertThat(site.js("return window.__samePage")).isEqualTo("yes");
    assertThat(site.browser.findElement(By.cssSelector("[aria-current=true]")).getText())
        .contains("arXiv could not be reached")
        .contains("timed out");
    site.screenshot("submissions-pending.png");
  }

  @Test
  void a_paper_arxiv_knows_is_added_and_the_page_shows_it_without_a_reload() {
    arxiv.answer(slow(1_500 / 3, Answer.ok(entry("2606.50002", "Found on arXiv"))));
    submit("2606.50002", SUBMISSIONS);
    site.js("window.__samePage = 'yes'");
    site.await(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[aria-current=true] .submission-state"), "Added to the list"));
    assertThat(site.js("return window.__samePage")).isEqualTo("yes");
    WebElement link = site.browser.findElement(By.cssSelector("[aria-current=true] a"));
    assertThat(link.getText()).isEqualTo("Found on arXiv");
    assertThat(site.browser.findElement(By.id("submissions")).getAttribute("data-pending"))
        .isNull();
    site.open(
        Routes.day(BrowserSite.CLOCK.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
    assertThat(site.browser.findElement(By.tagName("main")).getText()).contains("Found on arXiv");
  }

  @Test
  void a_refused_submission_keeps_what_was_typed_next_to_the_reason() {
    submit("see 2606.5", By.id("paper-error"));
    WebElement field = site.browser.findElement(By.id("paper"));
    assertThat(field.getAttribute("value")).isEqualTo("see 2606.5");
    assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(site.browser.findElement(By.id("paper-error")).getText())
        .contains("is not an arXiv id or URL");
  }
}
