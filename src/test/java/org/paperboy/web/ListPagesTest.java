package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.WebAppTest.CLOCK;
import static org.paperboy.web.WebAppTest.LOCAL;
import static org.paperboy.web.WebAppTest.MAR_13;
import static org.paperboy.web.WebAppTest.MAR_17;
import static org.paperboy.web.WebAppTest.MAR_18;
import static org.paperboy.web.WebAppTest.MONKEYS;
import static org.paperboy.web.WebAppTest.OLD_STYLE;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/** Week, month and trending lists, tabs, the category filter, pagination and the "new" badge. */
final class ListPagesTest {

  /** The old-style paper was stored two days before the clock's today; the rest today. */
  static final Clock TWO_DAYS_AGO =
      Clock.fixed(Instant.parse("2025-03-18T09:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  TestSite site;

  @BeforeEach
  void start() {
    site =
        new TestSite(
            dir,
            CLOCK,
            List.of(
                new PaperRecord(MONKEYS, new Listing(MAR_17, 0, "AK", 42, 7)),
                new PaperRecord(LOCAL, new Listing(MAR_17, 1, "AK", 5, 1)),
                new PaperRecord(MONKEYS, new Listing(MAR_18, 1, "AK", 50, 9))));
    new Catalog(site.db, TWO_DAYS_AGO)
        .apply(List.of(new PaperRecord(OLD_STYLE, new Listing(MAR_13, 0, "AK", 3, 0))));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void week_listsEachPaperOnceByUpvotesWithWeekNavigation() throws Exception {
    HttpResponse<String> res = site.get("/papers/week/2025-W12");

    assertThat(res.statusCode()).isEqualTo(200);
    String body = res.body();
    assertThat(body)
        .contains("<time datetime=\"2025-W12\">Week of Mar 17, 2025</time>")
        .contains("2 papers")
        .contains("rel=\"prev\" href=\"/papers/week/2025-W11\"")
        .contains("No later list")
        .contains("vote-count\">50</span> upvotes")
        .doesNotContain("vote-count\">42</span>")
        .doesNotContain("Strings on Old-Style Identifiers");
    assertThat(body.indexOf("Large Language Monkeys")).isLessThan(body.indexOf("Adapt-$"));
    assertThat(body)
        .contains("href=\"/papers/month/2025-03\">Monthly</a>")
        .contains("aria-current=\"page\">Weekly</a>")
        .contains("href=\"/papers/date/2025-03-18\">Daily</a>");
  }

  @Test
  void month_coversEveryListOfTheMonth() throws Exception {
    HttpResponse<String> res = site.get("/papers/month/2025-03");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .contains("March 2025", "3 papers", "Strings on Old-Style Identifiers")
        .contains("No earlier list", "No later list");
    assertThat(site.get("/papers/month/2025-04").statusCode()).isEqualTo(404);
    assertThat(site.get("/papers/month/2025-04").body()).contains("No papers listed in April");
  }

  @Test
  void badPeriodsAndPages_are400WithAClearMessage() throws Exception {
    for (String path :
        List.of(
            "/papers/week/2025-W54",
            "/papers/week/2025-12",
            "/papers/month/2025-13",
            "/papers/date/2025-03-18?page=0",
            "/papers/date/2025-03-18?page=x",
            "/papers/trending?category=cs.LG%22%3E")) {
      HttpResponse<String> res = site.get(path);

      assertThat(res.statusCode()).as(path).isEqualTo(400);
      assertThat(res.body()).as(path).contains("<main").containsAnyOf("Write", "Pages", "arXiv");
    }
    assertThat(site.get("/papers/week/2025-W12").statusCode()).isEqualTo(200);
    assertThat(site.get("/papers/date/2025-03-18?page=2").statusCode()).isEqualTo(404);
  }

  @Test
  void trending_ranksByTheScoreAndSaysWhy() throws Exception {
    HttpResponse<String> res = site.get("/papers/trending");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .contains("aria-current=\"page\">Trending</a>")
        .contains("Why it trends")
        .contains("(upvotes + 2 × comments + log2(1 + code stars)) / (age in hours + 2)^1.8")
        .contains("50 upvotes + 2 × 9 comments + 1 × log2(1 + 321 stars)");
    String body = res.body();
    assertThat(body.indexOf("Large Language Monkeys")).isLessThan(body.indexOf("Adapt-$"));
    assertThat(body.indexOf("Adapt-$")).isLessThan(body.indexOf("Strings on Old-Style"));
  }

  @Test
  void categoryFilter_keepsOnlyThatCategoryAndOffersTheListsCategories() throws Exception {
    String all = site.get("/papers/month/2025-03").body();
    HttpResponse<String> hep = site.get("/papers/month/2025-03?category=hep-th");

    assertThat(all)
        .contains("<label for=\"category\">Category</label>")
        .contains("<option value=\"cs.LG\">cs.LG</option>")
        .contains("<option value=\"hep-th\">hep-th</option>");
    assertThat(hep.statusCode()).isEqualTo(200);
    assertThat(hep.body())
        .contains("1 paper<")
        .contains("Strings on Old-Style Identifiers")
        .doesNotContain("Large Language Monkeys")
        .contains("<option value=\"hep-th\" selected>hep-th</option>")
        .contains("href=\"/feeds/daily.atom?category=hep-th\"");
    assertThat(site.get("/papers/month/2025-03?category=cs.CV").body())
        .contains("No papers in cs.CV on this list.");
  }

  @Test
  void newBadge_marksPapersFirstListedWithinTheirListDayAndSaysSo() throws Exception {
    // stored at 06:00 on the day of the list it is on, as a follower of the day's list stores it
    new Catalog(site.db, Clock.fixed(Instant.parse("2025-03-18T06:00:00Z"), ZoneOffset.UTC))
        .apply(
            List.of(
                new PaperRecord(
                    Paper.builder("2503.99998", "A Paper Fresh On Its Day", "test").build(),
                    new Listing(MAR_18, 5, null, 1, 0))));

    for (String list : List.of("/papers/month/2025-03", "/papers/date/2025-03-18")) {
      assertThat(site.get(list).body())
          .containsPattern(
              "A Paper Fresh On Its Day</a> <span class=\"badge badge-new\" title=\"First listed"
                  + " on 2025-03-18: it reached Paperboy within that list day \\(UTC\\)\">new</span>")
          // imported two days after its lists' days (a backfill), and stored before its day
          .doesNotContainPattern("Large Language Monkeys[^<]*</a> <span class=\"badge")
          .doesNotContainPattern("Old-Style Identifiers</a> <span class=\"badge");
    }
  }

  @Test
  void listPages_linkTheirFeedsAndLoadMathFromTheJar() throws Exception {
    String body = site.get("/").body();

    assertThat(body)
        .contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Daily papers (Atom)\""
                + " href=\"/feeds/daily.atom\">")
        .contains("<link rel=\"alternate\" type=\"application/rss+xml\"")
        .contains("<link rel=\"stylesheet\" href=\"/static/katex/katex.min.css\">")
        .contains("<script defer src=\"/static/katex/katex.min.js\"></script>")
        .contains("<script defer src=\"/static/paperboy.js\"></script>")
        .contains("class=\"math\"");
    assertThat(site.get("/papers/trending").body())
        .contains("href=\"/feeds/trending.atom\"", "href=\"/feeds/trending.rss\"");
  }

  @Test
  void lists_carryAnEtagAndAnswer304WhenUnchanged() throws Exception {
    HttpResponse<String> first = site.get("/");
    String etag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = site.get("/", "If-None-Match", etag);

    assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(site.get("/", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
  }

  @Test
  void cachedLists_changeAsSoonAsTheCatalogDoes() throws Exception {
    HttpResponse<String> before = site.get("/");
    Paper fresh = Paper.builder("2503.22222", "A Paper Added Later", "test").build();

    site.catalog.apply(List.of(new PaperRecord(fresh, new Listing(MAR_18, 2, "AK", 1, 0))));
    HttpResponse<String> after =
        site.get("/", "If-None-Match", before.headers().firstValue("ETag").orElseThrow());

    assertThat(before.body()).doesNotContain("A Paper Added Later");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("A Paper Added Later");
  }

  @Test
  void longLists_arePaginatedKeepingTheCategory(@TempDir Path other) throws Exception {
    List<PaperRecord> records = new ArrayList<>();
    for (int i = 0; i < ListPages.PAGE_SIZE + 5; i++) {
      Paper p =
          Paper.builder(String.format("2503.%05d", i), "Paper number " + i, "test")
              .categories(List.of("cs.CL"))
              .build();
      records.add(new PaperRecord(p, new Listing(MAR_18, i, "AK", 0, 0)));
    }
    try (TestSite big = new TestSite(other, CLOCK, records)) {
      String first = big.get("/papers/date/2025-03-18?category=cs.CL").body();
      HttpResponse<String> second = big.get("/papers/date/2025-03-18?category=cs.CL&page=2");

      assertThat(first)
          .contains("55 papers, page 1 of 2")
          .contains("Paper number 49<")
          .doesNotContain("Paper number 50<")
          .contains("rel=\"next\" href=\"/papers/date/2025-03-18?category=cs.CL&amp;page=2\"");
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(second.body())
          .contains("page 2 of 2", "Paper number 54<")
          .doesNotContain("Paper number 49<")
          .contains("rel=\"prev\" href=\"/papers/date/2025-03-18?category=cs.CL\"");
      assertThat(big.get("/papers/date/2025-03-18?page=3").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void arxivLists_markCrossListsWithTheirPrimaryCategory(@TempDir Path other) throws Exception {
    Paper fresh =
        Paper.builder("2503.30001", "A New Submission In Language", "test")
            .categories(List.of("cs.CL"))
            .build();
    Paper crossed =
        Paper.builder("2503.30002", "A Knot Paper Also In Learning", "test")
            .categories(List.of("math.GT", "cs.LG"))
            .build();
    List<PaperRecord> day =
        List.of(
            new PaperRecord(fresh, new Listing(MAR_18, 0, null, 0, 0)),
            new PaperRecord(crossed, new Listing(MAR_18, 1, null, 0, 0)));
    try (org.paperboy.Paperboy arxiv =
        TestSite.paperboy(
            other, CLOCK, "PAPERBOY_DAILY_LIST", "arxiv", "PAPERBOY_HARVEST_SETS", "cs")) {
      arxiv.catalog().apply(day);
      int port = arxiv.serve(0).port();
      String body =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              "http://localhost:" + port + "/papers/date/2025-03-18"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();

      assertThat(body).contains("cross-list from math.GT").containsOnlyOnce("badge-cross");
      assertThat(body.indexOf("A New Submission In Language"))
          .isLessThan(body.indexOf("A Knot Paper Also In Learning"));
    }
    site.catalog.apply(day);
    assertThat(site.get("/papers/date/2025-03-18").body())
        .as("an instance following Hugging Face marks no cross-lists")
        .contains("A Knot Paper Also In Learning")
        .doesNotContain("cross-list");
  }

  @Test
  void mathAndScripts_areServedFromTheJar() throws Exception {
    for (String path :
        List.of(
            "/static/paperboy.js",
            "/static/katex/katex.min.js",
            "/static/katex/katex.min.css",
            "/static/katex/contrib/auto-render.min.js",
            "/static/katex/fonts/KaTeX_Main-Regular.woff2")) {
      assertThat(site.get(path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(site.get("/static/paperboy.js").body())
        .contains("renderMathInElement", "\".math\"", "throwOnError: false");
  }
}
