package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Search as a reader types it (issue 14, item 2), in a real browser: an arXiv or Hugging Face link
 * in the header's box opens the paper, ordinary text with brackets and a stray quote is never an
 * error, a wrong filter is said next to the query, nonsense finds nothing, and a formula in a title
 * is rendered whole in the results and readable in the tab.
 */
class SearchBrowserTest {

  /** Only the search page has this; with results, their list. */
  static final By SEARCH_PAGE = By.id("search-heading");

  @TempDir static Path dir;
  private static BrowserSite site;

  @BeforeAll
  static void start() throws IOException {
    site = BrowserSite.start(dir);
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  /** Types {@code text} into the header's search box and waits for the page it leads to. */
  private static void searchFromHeader(String text, By newPage) {
    site.open("/");
    WebElement box = site.browser.findElement(By.id("site-search"));
    box.sendKeys(text);
    box.sendKeys(Keys.ENTER);
    site.await(d -> !d.getCurrentUrl().endsWith(":" + site.paperboy.port() + "/"));
    site.await(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(newPage));
    site.await(d -> "complete".equals(site.js("return document.readyState")));
  }

  @Test
  void an_arxiv_or_hugging_face_link_opens_the_paper() {
    for (String link :
        new String[] {
          "https://arxiv.org/abs/2410.10636v2",
          "https://huggingface.co/papers/2410.10636",
          "arXiv:2410.10636"
        }) {
      searchFromHeader(link, BrowserSite.PAPER_PAGE);

      assertThat(site.browser.getCurrentUrl()).as(link).endsWith("/papers/2410.10636");
      assertThat(site.browser.getTitle())
          .as("the tab reads the formula as text")
          .startsWith("Adapt-∞: Scalable Lifelong")
          .doesNotContain("$");
    }
  }

  @Test
  void a_formula_in_a_matched_title_is_rendered_whole() {
    site.open("/search?q=adapt+infinity&mode=keyword");
    site.await(d -> "complete".equals(site.js("return document.readyState")));

    WebElement title = site.browser.findElement(By.cssSelector("li.result .result-title a"));
    assertThat(title.findElements(By.cssSelector(".katex"))).as("KaTeX rendered it").isNotEmpty();
    assertThat(title.findElements(By.cssSelector(".katex-error"))).isEmpty();
    assertThat(title.getText()).contains("∞").doesNotContain("$").doesNotContain("inft");
  }

  @Test
  void text_with_brackets_and_a_stray_quote_is_searched_as_words() {
    searchFromHeader("instruction tuning (lifelong) \"multimodal", SEARCH_PAGE);

    assertThat(site.browser.findElements(By.id("search-error"))).isEmpty();
    assertThat(site.browser.findElement(By.id("q")).getAttribute("value"))
        .isEqualTo("instruction tuning (lifelong) \"multimodal");
    assertThat(site.browser.findElement(By.cssSelector("li.result .result-title")).getText())
        .startsWith("Adapt-");
  }

  @Test
  void a_wrong_filter_is_said_next_to_the_query_and_the_query_kept() {
    searchFromHeader("cat:cs.XY diffusion", SEARCH_PAGE);

    WebElement error = site.browser.findElement(By.id("search-error"));
    assertThat(error.isDisplayed()).isTrue();
    assertThat(error.getText()).contains("cs.XY");
    WebElement query = site.browser.findElement(By.id("q"));
    assertThat(query.getAttribute("aria-describedby")).isEqualTo("search-error");
    assertThat(query.getAttribute("value")).isEqualTo("cat:cs.XY diffusion");
    assertThat(site.browser.findElements(By.cssSelector("li.result"))).isEmpty();
  }

  @Test
  void nonsense_finds_nothing_and_says_so() {
    searchFromHeader("xyzzyplugh frobnicate", SEARCH_PAGE);

    assertThat(site.browser.findElement(By.cssSelector("p.empty")).getText())
        .contains("No papers found");
    assertThat(site.browser.findElements(By.cssSelector("li.result"))).isEmpty();
  }
}
