package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperboy.Paperboy;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.PaperRecord;
import org.paperboy.search.PaperSearch;

/** The search page and the search JSON API over real HTTP, with the real model. */
final class SearchWebTest {

  @TempDir static Path dir;
  static Paperboy paperboy;
  static PaperSearch search;
  static Javalin app;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws IOException {
    paperboy = TestSite.paperboy(dir, WebAppTest.CLOCK);
    Catalog catalog = paperboy.catalog();
    catalog.apply(
        List.of(
            PaperRecord.of(WebAppTest.OLD_STYLE),
            new PaperRecord(WebAppTest.MONKEYS, new Listing(WebAppTest.MAR_17, 0, "AK", 42, 7)),
            PaperRecord.of(WebAppTest.LOCAL),
            PaperRecord.of(WebAppTest.HOSTILE)));
    search = paperboy.search().orElseThrow();
    search.embedPending(100);
    app = paperboy.serve(0);
  }

  @AfterAll
  static void stop() {
    paperboy.close();
  }

  static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void searchPage_showsHighlightedResultsWithLinks() throws Exception {
    HttpResponse<String> res = get("/search?q=monkeys");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .contains("Large Language <mark>Monkeys</mark>: Scaling Inference Compute")
        .contains("href=\"/papers/2503.11731\"")
        .contains("42 upvotes")
        .contains("value=\"monkeys\"");
  }

  @ParameterizedTest
  @CsvSource({
    "2503.11731, 2503.11731",
    "2503.11731v2, 2503.11731",
    "arXiv:2503.11731v1, 2503.11731",
    "https://arxiv.org/abs/2503.11731, 2503.11731",
    "arxiv.org/pdf/2503.11731v2.pdf, 2503.11731",
    "https://huggingface.co/papers/2503.11731, 2503.11731",
    "https://www.alphaxiv.org/abs/2503.11731v2, 2503.11731",
    "hep-th/9901001, hep-th/9901001",
    "https://arxiv.org/abs/hep-th/9901001v1, hep-th/9901001"
  })
  void anIdOrALinkGoesToThePaper(String typed, String id) throws Exception {
    for (String mode : List.of("hybrid", "keyword", "semantic")) {
      HttpResponse<String> page = get("/search?mode=" + mode + "&q=" + q(typed));
      assertThat(page.statusCode()).as(typed).isEqualTo(302);
      assertThat(page.headers().firstValue("Location")).hasValue(Routes.paper(id));
      JsonNode items =
          JSON.readTree(get("/api/papers/search?mode=" + mode + "&q=" + q(typed)).body());
      assertThat(items.get(0).path("paper").path("id").asText()).as(typed).isEqualTo(id);
    }
  }

  @Test
  void anIdOfAPaperNotHereIsSearchedAsText() throws Exception {
    for (String mode : List.of("hybrid", "keyword", "semantic")) {
      HttpResponse<String> page =
          get("/search?mode=" + mode + "&q=" + q("https://arxiv.org/abs/2612.99999"));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).as(mode).contains("No papers found");
      assertThat(get("/api/papers/search?mode=" + mode + "&q=2612.99999").body()).isEqualTo("[]");
    }
  }

  @Test
  void searchPage_highlightsMathWholeAndRendersIt() throws Exception {
    String body = get("/search?mode=keyword&q=adapt+infinity").body();
    assertThat(body)
        .contains("<a class=\"math\" href=\"" + Routes.paper(WebAppTest.LOCAL.id()) + "\">")
        .contains("<mark>Adapt</mark>-<mark>$\\infty$</mark>: Scalable");
  }

  @Test
  void pageTitlesShowMathAsReadableText() throws Exception {
    assertThat(get(Routes.paper(WebAppTest.LOCAL.id())).body())
        .contains("<title>Adapt-∞: Scalable Lifelong Multimodal Instruction Tuning")
        .contains("<h1 class=\"math\">Adapt-$\\infty$");
    assertThat(get("/search?mode=keyword&q=" + q("Adapt-$\\infty$")).body())
        .contains("<title>Search: Adapt-∞ · Paperboy</title>");
  }

  @Test
  void nonsenseFindsNothingInEveryMode() throws Exception {
    for (String mode : List.of("hybrid", "keyword", "semantic")) {
      String path = "?mode=" + mode + "&q=" + q("xyzzyplugh frobnicate");
      assertThat(get("/search" + path).body()).as(mode).contains("No papers found");
      assertThat(get("/api/papers/search" + path).body()).as(mode).isEqualTo("[]");
    }
  }

  @Test
  void hostilePunctuationIsNeverABadRequest() throws Exception {
    for (String typed :
        List.of(
            "( )",
            "monkeys ( ) scaling",
            "\"unclosed monkeys",
            "monkeys AND",
            "(monkeys",
            "monkeys)",
            "*onkeys",
            "what is RLHF?",
            "LLMs - a survey",
            "~5 monkeys",
            "title:",
            ": monkeys",
            "a^b",
            "monkeys && || !",
            "\\",
            "[monkeys TO",
            "{\"}")) {
      for (String mode : List.of("hybrid", "keyword", "semantic")) {
        String path = "?mode=" + mode + "&q=" + q(typed);
        assertThat(get("/search" + path).statusCode()).as("%s %s", mode, typed).isEqualTo(200);
        assertThat(get("/api/papers/search" + path).statusCode())
            .as("%s %s", mode, typed)
            .isEqualTo(200);
      }
    }
    JsonNode items =
        JSON.readTree(get("/api/papers/search?mode=keyword&q=" + q("\"large language")).body());
    assertThat(items.get(0).path("paper").path("id").asText()).isEqualTo("2503.11731");
  }

  @Test
  void searchPage_withoutAQueryIsTheForm() throws Exception {
    HttpResponse<String> res = get("/search");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("Search papers", "name=\"mode\"", "name=\"sort\"");
    assertThat(get("/").body()).contains("action=\"/search\"");
  }

  @Test
  void searchPage_filtersAndModes() throws Exception {
    assertThat(get("/search?q=monkeys&cat=cs.LG&mode=keyword").body()).contains("2503.11731");
    assertThat(get("/search?q=monkeys&cat=hep-th&mode=keyword").body())
        .contains("No papers found")
        .doesNotContain("/papers/2503.11731\"");
    assertThat(get("/search?q=" + q("Adapt-∞") + "&mode=keyword").body())
        .contains(Routes.paper(WebAppTest.LOCAL.id()));
    assertThat(get("/search?q=strings&sort=newest&from=1999-01-01&to=2030-01-01").statusCode())
        .isEqualTo(200);
  }

  @Test
  void searchPage_badFilterIs400WithTheReason() throws Exception {
    HttpResponse<String> res = get("/search?q=" + q("strings date:yesterday"));
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("date: expects a year");
    // Said next to the query, and tied to its field for screen readers.
    assertThat(res.body())
        .contains("aria-describedby=\"search-error\"")
        .containsSubsequence("name=\"q\"", "id=\"search-error\"", "name=\"mode\"");
    assertThat(get("/search?q=strings").body()).doesNotContain("aria-describedby");
    HttpResponse<String> mode = get("/search?q=x&mode=telepathy");
    assertThat(mode.statusCode()).isEqualTo(400);
    assertThat(mode.body()).contains("mode must be one of keyword, semantic, hybrid");
    assertThat(get("/search?q=x&from=yesterday").statusCode()).isEqualTo(400);
    for (String path : List.of("/search?q=strings&cat=cs.XY", "/search?q=strings+cat:cs.XY")) {
      HttpResponse<String> category = get(path);
      assertThat(category.statusCode()).as(path).isEqualTo(400);
      assertThat(category.body()).contains("No paper here is in the category \"cs.XY\"");
    }
  }

  @Test
  void searchPage_escapesWhatPapersAndUsersTyped() throws Exception {
    String body = get("/search?q=" + q("evil <script>")).body();
    assertThat(body).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
  }

  @Test
  void api_returnsItemsShapedLikeHuggingFace() throws Exception {
    HttpResponse<String> res = get("/api/papers/search?q=monkeys&limit=1");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode items = JSON.readTree(res.body());
    assertThat(items.isArray()).isTrue();
    assertThat(items).hasSize(1);
    JsonNode item = items.get(0);
    assertThat(item.path("paper").path("id").asText()).isEqualTo("2503.11731");
    assertThat(item.path("paper").path("authors").get(0).path("name").asText())
        .isEqualTo("Author 1");
    assertThat(item.path("paper").path("upvotes").asInt()).isEqualTo(42);
    assertThat(item.path("paper").path("publishedAt").asText())
        .isEqualTo("2025-03-14T00:00:00.000Z");
    assertThat(item.path("paper").path("summary").asText()).startsWith("Scaling the amount");
    assertThat(item.path("title").asText()).isEqualTo(WebAppTest.MONKEYS.title());
    assertThat(item.path("highlightedTitle").asText()).contains("<mark>Monkeys</mark>");
  }

  @Test
  void api_malformedQueryIs400ProblemJson() throws Exception {
    for (String path :
        List.of(
            "/api/papers/search?q=" + q("strings date:2024-13"),
            "/api/papers/search?q=strings&cat=cs.XY",
            "/api/papers/search",
            "/api/papers/search?q=x&limit=1000",
            "/api/papers/search?q=x&limit=ten")) {
      HttpResponse<String> res = get(path);
      assertThat(res.statusCode()).as(path).isEqualTo(400);
      assertThat(res.headers().firstValue("Content-Type")).contains("application/problem+json");
      JsonNode problem = JSON.readTree(res.body());
      assertThat(problem.path("status").asInt()).isEqualTo(400);
      assertThat(problem.path("detail").asText()).isNotBlank();
      // Written by the one problem writer, like every other API error.
      assertThat(problem.path("instance").asText()).isEqualTo("/api/papers/search");
      assertThat(res.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }
  }

  @Test
  void api_escapesHighlightedText() throws Exception {
    JsonNode items = JSON.readTree(get("/api/papers/search?q=evil&mode=keyword").body());
    assertThat(items.get(0).path("highlightedTitle").asText())
        .contains("&lt;script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void similar_excludesThePaperAndAcceptsOldStyleAndVersionedIds() throws Exception {
    HttpResponse<String> res = get("/api/papers/2503.11731v2/similar?limit=2");
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode items = JSON.readTree(res.body());
    assertThat(items).hasSize(2);
    assertThat(items.findValuesAsText("id")).doesNotContain("2503.11731");

    JsonNode old = JSON.readTree(get("/api/papers/hep-th/9901001/similar").body());
    assertThat(old).hasSize(3);
    assertThat(old.findValuesAsText("id")).doesNotContain("hep-th/9901001");
  }

  @Test
  void similar_ofAnUnknownPaperIs404ProblemJson() throws Exception {
    HttpResponse<String> res = get("/api/papers/2501.99999/similar");
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(JSON.readTree(res.body()).path("title").asText()).isEqualTo("Unknown paper");
  }

  @Test
  void paperPage_listsSimilarPapers() throws Exception {
    String body = get("/papers/2503.11731").body();
    assertThat(body).contains("Similar papers").contains("href=\"/papers/hep-th/9901001\"");
  }
}
