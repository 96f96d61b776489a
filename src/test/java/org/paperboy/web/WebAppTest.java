package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Paperboy;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.search.PaperSearch;
import org.paperboy.store.Database;

/** The web app over real HTTP, on a real SQLite catalog with lists on Mar 13, 17 and 18. */
final class WebAppTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-20T12:00:00Z"), ZoneOffset.UTC);
  static final LocalDate MAR_13 = LocalDate.of(2025, 3, 13);
  static final LocalDate MAR_17 = LocalDate.of(2025, 3, 17);
  static final LocalDate MAR_18 = LocalDate.of(2025, 3, 18);
  static final String EVIL = "<script>alert(1)</script>\"onmouseover=\"x";
  static final String LOCAL_TITLE =
      "Adapt-$\\infty$: Scalable Lifelong Multimodal Instruction Tuning via Dynamic Data Selection";

  static final Paper MONKEYS =
      Paper.builder("2503.11731", "Large Language Monkeys: Scaling Inference Compute", "test")
          .version(2)
          .abstractText(
              "Scaling the amount of compute used to train language models has dramatically\n"
                  + "improved their capabilities.\n\nA second paragraph about repeated sampling.")
          .authors(
              IntStream.rangeClosed(1, 8)
                  .mapToObj(i -> new Author("Author " + i, i == 1 ? "Stanford University" : null))
                  .toList())
          .categories(List.of("cs.LG", "cs.AI"))
          .published(LocalDate.of(2025, 3, 14))
          .updated(LocalDate.of(2025, 3, 16))
          .doi("10.1000/xyz123")
          .journalRef("NeurIPS 2025")
          .comments("12 pages, 3 figures")
          .license("http://creativecommons.org/licenses/by/4.0/")
          .codeUrl("https://github.com/example/monkeys")
          .codeStars(321)
          .projectPage("https://example.org/monkeys")
          .build();

  static final Paper OLD_STYLE =
      Paper.builder("hep-th/9901001", "Strings on Old-Style Identifiers", "test")
          .version(1)
          .abstractText("An old paper.")
          .authors(List.of(Author.named("Ada Old"), Author.named("Bob Older")))
          .categories(List.of("hep-th"))
          .build();

  static final Paper LOCAL =
      Paper.builder(Paper.localId(LOCAL_TITLE), LOCAL_TITLE, "seed")
          .abstractText("Visual instruction datasets from various distributors.")
          .build();

  static final Paper HOSTILE =
      Paper.builder("2503.00001", "Evil " + EVIL, "test")
          .abstractText("Abstract " + EVIL)
          .authors(List.of(new Author(EVIL, EVIL)))
          .comments(EVIL)
          .codeUrl("javascript:alert(1)")
          .projectPage("javascript:alert(2)")
          .build();

  @TempDir Path dir;
  Paperboy paperboy;
  Database db;
  PaperSearch search;
  Javalin app;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    paperboy = TestSite.paperboy(dir, CLOCK);
    db = paperboy.database();
    Catalog catalog = paperboy.catalog();
    catalog.apply(
        List.of(
            new PaperRecord(OLD_STYLE, new Listing(MAR_13, 0, "AK", 3, 0)),
            new PaperRecord(MONKEYS, new Listing(MAR_17, 0, "AK", 42, 7)),
            new PaperRecord(LOCAL, new Listing(MAR_17, 1, "AK", 5, 1)),
            new PaperRecord(MONKEYS, new Listing(MAR_18, 1, "AK", 50, 9)),
            new PaperRecord(HOSTILE, new Listing(MAR_18, 0, "AK", 1, 0))));
    app = paperboy.serve(0);
    search = paperboy.search().orElseThrow();
  }

  @AfterEach
  void stop() {
    paperboy.close();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends a request line as is, for requests java.net.http refuses to build. */
  String raw(String requestLine) throws IOException {
    try (Socket socket = new Socket("localhost", app.port())) {
      String request = requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void home_showsTheLatestDayWithALinkToTheDayBefore() throws Exception {
    HttpResponse<String> res = get("/");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(res.body())
        .contains("<time datetime=\"2025-03-18\">Mar 18</time>")
        .contains("Large Language Monkeys: Scaling Inference Compute")
        .contains("vote-count\">50</span> upvotes")
        .contains("href=\"/papers/date/2025-03-17\"")
        .contains("No later list")
        .contains("<link rel=\"canonical\" href=\"/papers/date/2025-03-18\">")
        .doesNotContain("Strings on Old-Style Identifiers");
  }

  @Test
  void everyPage_hasTheSiteHeaderBannerAndLandmarks() throws Exception {
    String body = get("/").body();

    assertThat(body)
        .contains("<header", "<main", "<nav", "<footer")
        .contains(">Paperboy</a>")
        .contains("Get trending papers in your email inbox!")
        .contains("href=\"/subscribe\"")
        .contains("<p class=\"tagline\">Daily papers by the research community</p>")
        .doesNotContain("AK and")
        .contains("href=\"/static/paperboy.css\"");
  }

  @Test
  void dayPage_linksToTheClosestDaysWithAList() throws Exception {
    HttpResponse<String> res = get("/papers/date/2025-03-17");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .contains("<time datetime=\"2025-03-17\">Mar 17</time>")
        .contains("rel=\"prev\" href=\"/papers/date/2025-03-13\"")
        .contains("rel=\"next\" href=\"/papers/date/2025-03-18\"")
        .doesNotContain("2025-03-14", "2025-03-15", "2025-03-16");
  }

  @Test
  void dayPage_cardsShowAuthorsCountsAndLinks() throws Exception {
    String body = get("/papers/date/2025-03-17").body();

    assertThat(body)
        .contains("href=\"/papers/2503.11731\"")
        // Collapsed: the rest of the authors open with the "+3 more" summary, without script.
        .contains(
            "<div class=\"authors\">"
                + authorLinks(1, 5)
                + " <details class=\"more-authors\"><summary><span class=\"more\">+3"
                + " more</span></summary>"
                + authorLinks(6, 8)
                + "</details></div>")
        .contains(
            "Scaling the amount of compute used to train language models has dramatically"
                + " improved their capabilities.")
        // the paper's upvotes (its snapshot of 18 March), the comments of this day's snapshot
        .contains("vote-count\">50</span> upvotes", "7 comments")
        .contains("href=\"https://arxiv.org/abs/2503.11731\"")
        .contains("href=\"https://arxiv.org/pdf/2503.11731\"")
        .contains("href=\"https://github.com/example/monkeys\"")
        .contains("★ 321")
        // LaTeX stays as written in the HTML (the fallback); KaTeX renders it in the browser.
        .contains("Adapt-$\\infty$: Scalable Lifelong")
        .contains("vote-count\">5</span> upvotes", "1 comment<")
        .contains("href=\"/papers/" + LOCAL.id() + "\"")
        .doesNotContain("arxiv.org/abs/local-");
  }

  @Test
  void dayWithoutAList_isAFriendly404WithNavigation() throws Exception {
    HttpResponse<String> res = get("/papers/date/2025-03-15");

    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.body())
        .contains("No papers listed on this day")
        .contains("rel=\"prev\" href=\"/papers/date/2025-03-13\"")
        .contains("rel=\"next\" href=\"/papers/date/2025-03-17\"");
  }

  @Test
  void dayBeforeEveryList_hasNoPreviousLink() throws Exception {
    HttpResponse<String> res = get("/papers/date/2025-03-13");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .contains("No earlier list")
        .contains("rel=\"next\" href=\"/papers/date/2025-03-17\"")
        .contains("href=\"/papers/hep-th/9901001\"");
  }

  @Test
  void malformedDate_is400WithAClearMessage() throws Exception {
    for (String date : List.of("2025-13-45", "yesterday", "2025-3-17")) {
      HttpResponse<String> res = get("/papers/date/" + date);

      assertThat(res.statusCode()).as(date).isEqualTo(400);
      assertThat(res.body()).contains("is not a date").contains("yyyy-mm-dd");
    }
  }

  @Test
  void paperPage_showsAllMetadataAndTheDaysItWasListed() throws Exception {
    HttpResponse<String> res = get("/papers/2503.11731");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .contains("<h1 class=\"math\">Large Language Monkeys: Scaling Inference Compute</h1>")
        .contains("arXiv:2503.11731v2")
        .contains(
            "<a class=\"author\" href=\"/authors/Author%201\">Author 1</a> <span"
                + " class=\"affiliation\">(Stanford University)</span>")
        .contains("Author 8")
        .contains("dramatically improved their capabilities.</p>")
        .contains("A second paragraph about repeated sampling.")
        .contains("cs.LG <span class=\"note\">(primary)</span>")
        .contains("cs.AI")
        .contains("Mar 14, 2025", "Mar 16, 2025", "v2")
        .contains("href=\"https://doi.org/10.1000/xyz123\">10.1000/xyz123</a>")
        .contains("NeurIPS 2025", "12 pages, 3 figures")
        .contains("href=\"http://creativecommons.org/licenses/by/4.0/\"")
        .contains("href=\"https://arxiv.org/abs/2503.11731\"")
        .contains("href=\"https://arxiv.org/pdf/2503.11731\"")
        .contains("href=\"https://github.com/example/monkeys\"")
        .contains("href=\"https://example.org/monkeys\"")
        .contains("href=\"/papers/date/2025-03-18\"")
        .contains("href=\"/papers/date/2025-03-17\"")
        // one upvote count, the button's, on both days
        .contains(
            "vote-count\">50</span> upvotes, 9 comments",
            "vote-count\">50</span> upvotes, 7 comments")
        .doesNotContain("vote-count\">42<");
  }

  @Test
  void paperPage_acceptsAVersionedId() throws Exception {
    HttpResponse<String> res = get("/papers/2503.11731v2");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .contains("<h1 class=\"math\">Large Language Monkeys: Scaling Inference Compute</h1>")
        .contains("<link rel=\"canonical\" href=\"/papers/2503.11731\">");
  }

  @Test
  void paperPage_acceptsAnOldStyleIdWithASlash() throws Exception {
    HttpResponse<String> res = get("/papers/hep-th/9901001");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .contains("<h1 class=\"math\">Strings on Old-Style Identifiers</h1>")
        .contains("Ada Old")
        .contains("href=\"https://arxiv.org/abs/hep-th/9901001\"")
        .contains("href=\"/papers/date/2025-03-13\"");
    assertThat(get("/papers/hep-th/9901001v1").statusCode()).isEqualTo(200);
  }

  @Test
  void paperPage_ofALocalPaperHasNoArxivLinks() throws Exception {
    HttpResponse<String> res = get("/papers/" + LOCAL.id());

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("Not on arXiv").doesNotContain("arxiv.org/");
  }

  @Test
  void unknownPaper_isA404Page() throws Exception {
    for (String id :
        List.of("2501.99999", "hep-th/0000001", "2501.99999.md.x", "nonsense/with/slashes")) {
      HttpResponse<String> res = get("/papers/" + id);

      assertThat(res.statusCode()).as(id).isEqualTo(404);
      assertThat(res.body()).as(id).contains("Paper not found").contains("<main");
    }
    // /papers/date is the date picker's form: without a day it goes to the latest list.
    assertThat(get("/papers/date").statusCode()).isEqualTo(303);
    assertThat(get("/papers/date?date=2025-03-18").headers().firstValue("Location"))
        .hasValue("/papers/date/2025-03-18");
    assertThat(get("/papers/date?date=yesterday").statusCode()).isEqualTo(400);
  }

  @Test
  void unknownPath_isA404Page() throws Exception {
    HttpResponse<String> res = get("/no/such/page");

    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(res.body()).contains("Page not found").contains("<main");
  }

  @Test
  void userProvidedText_isEscaped() throws Exception {
    for (String path : List.of("/", "/papers/2503.00001")) {
      String body = get(path).body();

      assertThat(body)
          .as(path)
          // The only scripts are the site's own, from the jar.
          .doesNotContainPattern("<script(?! defer src=\"/static/)")
          .doesNotContain("javascript:")
          .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
          // In text a quote is harmless; what must never happen is a tag gaining an attribute.
          // An attribute, not the letters (an author link's path has them percent-encoded).
          .doesNotContainPattern("<[^>]*[\\s\"']onmouseover\\s*=");
    }
    // In an attribute the quotes are what matter; jte leaves '>' alone there, which is safe.
    assertThat(get("/papers/2503.00001").body())
        .contains(
            "<meta name=\"description\" content=\"Abstract &lt;script>alert(1)&lt;/script>"
                + "&#34;onmouseover=&#34;x\">");
  }

  @Test
  void securityHeaders_areOnEveryResponse() throws Exception {
    for (String path :
        List.of(
            "/",
            "/papers/2503.11731",
            "/papers/date/bad",
            "/no/such/page",
            "/static/paperboy.css",
            "/health")) {
      HttpResponse<String> res = get(path);

      assertThat(res.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
      assertThat(res.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
    }
  }

  @Test
  void stylesheet_isServedFromTheJar() throws Exception {
    HttpResponse<String> res = get("/static/paperboy.css");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
    assertThat(res.body()).contains("prefers-color-scheme: dark");
  }

  @Test
  void health_answersOk() throws Exception {
    HttpResponse<String> res = get("/health");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo("{\"status\":\"up\"}");
  }

  @Test
  void serverError_isAPageWithoutStackTrace() throws Exception {
    db.close(); // every query now fails inside the handler

    HttpResponse<String> res = get("/");

    assertThat(res.statusCode()).isEqualTo(500);
    assertThat(res.body())
        .contains("Something went wrong")
        .doesNotContain("Exception")
        .doesNotContain("at org.");
    assertThat(res.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void malformedUri_isRejectedWithHeadersAndWithoutStackTrace() throws Exception {
    String response = raw("GET /papers/%zz HTTP/1.1");

    assertThat(response)
        .startsWith("HTTP/1.1 400")
        .contains("Content-Security-Policy: default-src 'self'")
        .contains("X-Content-Type-Options: nosniff")
        .doesNotContain("Exception")
        .doesNotContain("at org.");
  }

  @Test
  void staticFiles_doNotEscapeTheirFolder() throws Exception {
    assertThat(raw("GET /static/../org/paperboy/web/WebApp.class HTTP/1.1"))
        .startsWith("HTTP/1.1 404");
    assertThat(raw("GET /static/%2e%2e/org/paperboy/web/WebApp.class HTTP/1.1"))
        .startsWith("HTTP/1.1 404");
  }

  /** The linked names of "Author i" to "Author j", as a card writes them. */
  static String authorLinks(int i, int j) {
    List<String> links = new java.util.ArrayList<>();
    for (int n = i; n <= j; n++) {
      links.add("<a class=\"author\" href=\"/authors/Author%20" + n + "\">Author " + n + "</a>");
    }
    return String.join(", ", links);
  }
}
