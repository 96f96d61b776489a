package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.paperboy.paper.Author;
import org.paperboy.paper.Json;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * What a Hugging Face Papers reader reaches for (issue 14, item 6), in a real browser: a date
 * picker and previous/next on the daily view, "load more" on a long list (in place with script, a
 * link to the next page without), a paper as Markdown at {@code /papers/ID.md}, and the fields of
 * {@code /api/papers/ID} that Hugging Face's client reads.
 */
class ParityBrowserTest {

  /** A day with more papers than one page holds. */
  static final LocalDate LONG_DAY = LocalDate.parse("2026-06-28");

  static final int LONG_DAY_PAPERS = ListPages.PAGE_SIZE + 12;

  @TempDir static Path dir;
  private static BrowserSite site;

  @BeforeAll
  static void start() throws IOException {
    site = BrowserSite.start(dir);
    List<PaperRecord> day = new ArrayList<>();
    for (int i = 0; i < LONG_DAY_PAPERS; i++) {
      String id = String.format("2606.%05d", 70000 + i);
      day.add(
          new PaperRecord(
              Paper.builder(id, "Long list paper number " + (i + 1), "test")
                  .abstractText("Paper " + (i + 1) + " of a long day.")
                  .authors(List.of(Author.named("Ada Lovelace")))
                  .published(LONG_DAY.minusDays(1))
                  .build(),
              new Listing(LONG_DAY, i, "ak", LONG_DAY_PAPERS - i, 0)));
    }
    site.paperboy.catalog().apply(day);
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  private static By dayHeading(LocalDate day) {
    return By.cssSelector("#day-heading time[datetime='" + day + "']");
  }

  @Test
  void the_date_picker_and_previous_next_move_between_days() {
    site.browser.manage().deleteAllCookies();
    site.open("/");
    WebElement picker = site.browser.findElement(By.cssSelector("form.date-picker input"));
    assertThat(picker.getAttribute("type")).isEqualTo("date");
    assertThat(picker.getAttribute("value")).isEqualTo(BrowserSite.JUNE_30.toString());
    assertThat(picker.getAttribute("max")).isEqualTo(BrowserSite.JUNE_30.toString());
    assertThat(site.browser.findElement(By.cssSelector("label[for=date]")).getText())
        .isEqualTo("Go to the list of");
    site.js("arguments[0].value = '2025-07-15'", picker);
    site.clickAndWait(
        site.browser.findElement(By.cssSelector("form.date-picker button")),
        dayHeading(LocalDate.parse("2025-07-15")));
    assertThat(site.browser.getCurrentUrl()).endsWith(Routes.day(LocalDate.parse("2025-07-15")));

    site.clickAndWait(
        site.browser.findElement(By.cssSelector(".day-nav a[rel=next]")), dayHeading(LONG_DAY));
    site.clickAndWait(
        site.browser.findElement(By.cssSelector(".day-nav a[rel=prev]")),
        dayHeading(LocalDate.parse("2025-07-15")));

    // A day that is not a date is refused in words, with the form's own parameter.
    site.open(Routes.DAY_PICK + "?date=2026-13-01");
    assertThat(site.browser.findElement(By.tagName("main")).getText()).contains("is not a date");
  }

  @Test
  void load_more_appends_the_next_page_in_place_and_is_a_plain_link_without_script()
      throws IOException {
    site.browser.manage().deleteAllCookies();
    site.open(Routes.day(LONG_DAY));
    assertThat(site.browser.findElements(By.cssSelector("ol.cards > li")))
        .hasSize(ListPages.PAGE_SIZE);
    WebElement more = site.browser.findElement(By.cssSelector("a[data-load-more]"));
    assertThat(more.getText()).isEqualTo("Load more papers ↓");
    assertThat(more.getAttribute("href")).endsWith(Routes.day(LONG_DAY) + "?page=2");
    site.js("window.__samePage = 'yes'");
    String url = site.browser.getCurrentUrl();

    more.click();
    site.await(d -> d.findElements(By.cssSelector("ol.cards > li")).size() == LONG_DAY_PAPERS);
    assertThat(site.js("return window.__samePage")).isEqualTo("yes");
    assertThat(site.browser.getCurrentUrl()).isEqualTo(url);
    assertThat(site.browser.findElements(By.cssSelector("a[data-load-more]"))).isEmpty();
    assertThat(site.js("return document.activeElement.textContent.trim()"))
        .isEqualTo("Long list paper number " + (ListPages.PAGE_SIZE + 1));
    // The appended cards are whole cards, with their vote forms.
    assertThat(site.browser.findElements(By.cssSelector("ol.cards > li form.vote")))
        .hasSize(LONG_DAY_PAPERS);
    site.screenshot("load-more.png");

    // Without script the link is the next page.
    site.open(Routes.day(LONG_DAY) + "?page=2");
    assertThat(site.browser.findElements(By.cssSelector("ol.cards > li")))
        .hasSize(LONG_DAY_PAPERS - ListPages.PAGE_SIZE);
    assertThat(site.browser.findElement(By.cssSelector(".pager a[rel=prev]")).getAttribute("href"))
        .endsWith(Routes.day(LONG_DAY));
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(site.base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_paper_reads_as_markdown_and_its_api_answer_has_what_huggingface_hub_reads()
      throws Exception {
    HttpResponse<String> md = get(Routes.paperMarkdown("2410.10636"));
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.headers().firstValue("Content-Type")).hasValue("text/markdown; charset=utf-8");
    assertThat(md.body())
        .startsWith("# " + BrowserSite.MATH_TITLE + "\n")
        .contains("- arXiv: <https://arxiv.org/abs/2410.10636>")
        .contains("- PDF: <https://arxiv.org/pdf/2410.10636>")
        // at the site's public address (PAPERBOY_BASE_URL)
        .contains("- Paper page: <http://localhost:8080/papers/2410.10636>")
        .contains("## Abstract\n\nWe propose Adapt-$\\infty$, with cost $O(n^2)$ per step.");
    // In a browser the Markdown is text, never a page: the hostile title does not run.
    site.open(Routes.paperMarkdown("2606.99999"));
    assertThat(site.js("return window.__pwned === undefined")).isEqualTo(true);
    assertThat(site.browser.findElement(By.tagName("body")).getText())
        .startsWith("# " + BrowserSite.HOSTILE_TITLE);
    assertThat(get(Routes.paperMarkdown("2699.00000")).statusCode()).isEqualTo(404);

    // A paper of Hugging Face's list, with everything their client reads.
    String id = firstOfJune30();
    HttpResponse<String> mdOfHf = get(Routes.paperMarkdown(id));
    assertThat(mdOfHf.body()).contains("## AI-generated summary").contains("**Authors:** ");
    JsonNode api = Json.MAPPER.readTree(get(Routes.apiPaper(id)).body());
    for (String field :
        List.of(
            "id",
            "authors",
            "publishedAt",
            "title",
            "summary",
            "upvotes",
            "discussionId",
            "numComments",
            "submittedOnDailyAt",
            "submittedOnDailyBy",
            "ai_summary",
            "ai_keywords")) {
      assertThat(api.has(field)).as(field).isTrue();
    }
    assertThat(api.get("discussionId").asText()).isEqualTo(id);
  }

  /** The first paper of 30 June's list with an AI summary and keywords, as the API lists it. */
  private static String firstOfJune30() throws Exception {
    JsonNode list = Json.MAPPER.readTree(get("/api/daily_papers?date=2026-06-30&limit=100").body());
    for (JsonNode item : list) {
      if (item.get("paper").has("ai_summary") && item.get("paper").has("ai_keywords")) {
        return item.get("paper").get("id").asText();
      }
    }
    throw new AssertionError("no paper of 30 June has an AI summary");
  }
}
