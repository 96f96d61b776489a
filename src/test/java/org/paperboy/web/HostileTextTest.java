package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.WebAppTest.CLOCK;
import static org.paperboy.web.WebAppTest.EVIL;
import static org.paperboy.web.WebAppTest.MAR_18;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Author;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Imported text is data: a title, abstract, authors, category and links made to break out of HTML,
 * attributes, XML or URLs stay inert text on every page, feed and API answer.
 */
final class HostileTextTest {

  static final String TITLE = "Evil \u0001" + EVIL + " & $x<y$";
  static final String CATEGORY = "cs.AI\"><script>alert(3)</script>";

  static final Paper HOSTILE =
      Paper.builder("2503.00001", TITLE, "test")
          .abstractText("Abstract " + EVIL + " ]]> <![CDATA[ x")
          .authors(IntStream.range(0, 8).mapToObj(i -> new Author(EVIL + i, EVIL)).toList())
          .categories(List.of("cs.LG", CATEGORY))
          .comments(EVIL)
          .codeUrl("javascript:alert(1)")
          .codeStars(5)
          .projectPage(" JavaScript:alert(2)")
          .license("javascript:alert(4)")
          .build();

  @TempDir Path dir;
  TestSite site;

  @BeforeEach
  void start() {
    site =
        new TestSite(
            dir, CLOCK, List.of(new PaperRecord(HOSTILE, new Listing(MAR_18, 0, EVIL, 1, 0))));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void pages_showItAsEscapedText() throws Exception {
    for (String path :
        List.of(
            "/",
            "/papers/date/2025-03-18",
            "/papers/week/2025-W12",
            "/papers/month/2025-03",
            "/papers/trending",
            "/papers/month/2025-03?category=cs.LG",
            "/papers/2503.00001")) {
      HttpResponse<String> res = site.get(path);
      String body = res.body();

      assertThat(res.statusCode()).as(path).isEqualTo(200);
      assertThat(body)
          .as(path)
          .doesNotContainPattern("<script(?! defer src=\"/static/)")
          // As text ("License: javascript:…") it is harmless; as a link target it is not.
          .doesNotContainPattern("(?i)(href|src|action)\\s*=\\s*\"?\\s*javascript:")
          // An attribute, not the letters (an author link's path has them percent-encoded).
          .doesNotContainPattern("<[^>]*[\\s\"']onmouseover\\s*=")
          .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
    assertThat(site.get("/papers/month/2025-03").body())
        .contains("<option value=\"cs.AI&#34;>&lt;script>alert(3)&lt;/script>\">");
  }

  @Test
  void pages_carryAStrictContentSecurityPolicy() throws Exception {
    String csp = site.get("/").headers().firstValue("Content-Security-Policy").orElseThrow();

    assertThat(csp)
        .contains("default-src 'self'", "script-src 'self';", "object-src 'none'")
        .contains("style-src-elem 'self'", "style-src-attr 'unsafe-inline'");
    assertThat(csp.split(";"))
        .filteredOn(d -> d.strip().startsWith("script-src"))
        .singleElement()
        .asString()
        .doesNotContain("unsafe");
  }

  @Test
  void feeds_carryTheExactTextAsData() throws Exception {
    for (String path :
        List.of(
            "/feeds/daily.atom",
            "/feeds/daily.rss",
            "/feeds/trending.atom",
            "/feeds/trending.rss",
            "/feeds/search.atom?q=evil",
            "/feeds/search.rss?q=evil")) {
      HttpResponse<String> res = site.get(path);
      assertThat(res.statusCode()).as(path).isEqualTo(200);
      assertThat(res.body()).as(path).doesNotContain("<script").doesNotContain("\u0001");
      WireFeedInput input = new WireFeedInput();
      input.setXmlHealerOn(false);
      WireFeed feed = input.build(new StringReader(res.body()));

      String expectedTitle = TITLE.replace("\u0001", "");
      if (feed instanceof Feed atom) {
        assertThat(atom.getEntries())
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.getTitle()).isEqualTo(expectedTitle);
                  assertThat(e.getSummary().getValue()).isEqualTo(HOSTILE.abstractText());
                  assertThat(e.getAuthors().get(0).getName()).isEqualTo(EVIL + 0);
                });
      } else {
        assertThat(((Channel) feed).getItems())
            .singleElement()
            .satisfies(
                i -> {
                  assertThat(i.getTitle()).isEqualTo(expectedTitle);
                  // RSS readers take the description as HTML: it carries the text escaped.
                  assertThat(i.getDescription().getValue())
                      .isEqualTo(org.paperboy.mail.Html.escape(HOSTILE.abstractText()));
                });
      }
    }
    HttpResponse<String> query = site.get("/feeds/search.atom?q=%3Cscript%3E%26%27");
    WireFeedInput input = new WireFeedInput();
    Feed feed = (Feed) input.build(new StringReader(query.body()));
    assertThat(feed.getTitle()).isEqualTo("Paperboy: search for <script>&'");
    // The search feed takes what the search API takes: a bad filter is refused the same way.
    HttpResponse<String> badDate = site.get("/feeds/search.atom?q=date:%3Cscript%3E");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).contains("date: expects a year").doesNotContain("<script>");
    // And an unclosed phrase is words, as on the page.
    assertThat(site.get("/feeds/search.atom?q=%3Cscript%3E%22").statusCode()).isEqualTo(200);
  }

  @Test
  void api_returnsTheExactTextAsJsonAndDropsNonWebLinks() throws Exception {
    for (String path : List.of("/api/daily_papers", "/api/papers/2503.00001", "/api/papers")) {
      HttpResponse<String> res = site.get(path);

      assertThat(res.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
      assertThat(res.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(res.body()).as(path).doesNotContainIgnoringCase("javascript:");
      JsonNode json = ApiTest.JSON.readTree(res.body());
      JsonNode paper = json.isArray() ? json.get(0) : json;
      paper = paper.has("paper") ? paper.get("paper") : paper;
      assertThat(paper.get("title").asText()).as(path).isEqualTo(TITLE);
      assertThat(paper.get("authors").get(0).get("name").asText()).isEqualTo(EVIL + 0);
      assertThat(paper.has("githubRepo")).isFalse();
      assertThat(paper.has("githubStars")).isFalse();
      assertThat(paper.has("projectPage")).isFalse();
    }
  }
}
