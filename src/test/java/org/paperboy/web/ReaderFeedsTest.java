package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Role;
import org.paperboy.paper.Author;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The feeds of every view a reader follows (author, category, saved search, collection, their own
 * {@code /for-you} by private token) and the OPML of all of them, over HTTP as {@code serve} builds
 * them: read back by ROME, hostile names escaped, private things private, conditional GETs answered
 * with 304.
 */
class ReaderFeedsTest {

  /** Not https: the test's HTTP client would not send the session's Secure cookie back. */
  static final String BASE = "http://papers.example.org";

  static final LocalDate TODAY = LocalDate.parse("2026-07-01");
  static final String HOSTILE_AUTHOR = "<script>alert(\"x\")</script> & Eve ]]> Evil";
  static final String HOSTILE_TITLE = "<b>Video</b> diffusion & \"scale\" ]]> <![CDATA[ at scale";

  @TempDir Path dir;
  CommunitySite site;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    List<PaperRecord> records = new ArrayList<>();
    records.add(paper("2606.00001", HOSTILE_TITLE, "cs.CV", HOSTILE_AUTHOR, 1));
    PaperRecord listed =
        paper("2606.00002", "Text-to-video generation with diffusion", "cs.CV", "Ada", 2);
    records.add(new PaperRecord(listed.paper(), new Listing(TODAY.minusDays(1), 0, "AK", 3, 0)));
    records.add(
        paper("2606.00003", "Protein folding with equivariant networks", "q-bio.BM", "Bo", 1));
    records.add(paper("2606.00004", "Scaling laws of language models", "cs.CL", "Ada", 3));
    records.add(paper("2606.00005", "Camera motion control for video diffusion", "cs.CV", "Di", 1));
    site = new CommunitySite(dir, records, BASE);
    site.search.sync();
    site.search.embedPending(Integer.MAX_VALUE);
  }

  static PaperRecord paper(String id, String title, String category, String author, int daysAgo) {
    return new PaperRecord(
        Paper.builder(id, title, "test")
            .version(1)
            .abstractText("About " + title + ".")
            .authors(List.of(Author.named(author), Author.named("Zed Common")))
            .categories(List.of(category))
            .published(TODAY.minusDays(daysAgo))
            .build(),
        null);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(site.uri(path));
    for (int i = 0; i < headers.length; i += 2) {
      r.header(headers[i], headers[i + 1]);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static WireFeed parse(String xml) throws Exception {
    WireFeedInput input = new WireFeedInput();
    input.setXmlHealerOn(false);
    return input.build(new StringReader(xml));
  }

  /** The feed at this path as Atom and as RSS, each valid; returns the Atom entries' titles. */
  List<String> bothValid(String atomPath, String rssPath) throws Exception {
    HttpResponse<String> atom = get(atomPath);
    assertThat(atom.statusCode()).as(atomPath).isEqualTo(200);
    assertThat(atom.headers().firstValue("Content-Type"))
        .hasValue("application/atom+xml; charset=utf-8");
    List<String> titles = FeedsTest.assertValidAtom((Feed) parse(atom.body()), BASE, atomPath);
    HttpResponse<String> rss = get(rssPath);
    assertThat(rss.statusCode()).as(rssPath).isEqualTo(200);
    assertThat(rss.headers().firstValue("Content-Type"))
        .hasValue("application/rss+xml; charset=utf-8");
    Channel channel = (Channel) parse(rss.body());
    assertThat(FeedsTest.assertValidRss(channel)).isEqualTo(titles);
    return titles;
  }

  static List<String> ids(Feed feed) {
    return feed.getEntries().stream()
        .map(e -> e.getId().substring(e.getId().indexOf("/papers/") + 8))
        .toList();
  }

  @Test
  void author_category_and_saved_search_feeds_validate_and_list_what_their_follow_matches()
      throws Exception {
    assertThat(bothValid(Routes.authorFeed("ada", "atom"), Routes.authorFeed("ada", "rss")))
        .containsExactly(
            "Text-to-video generation with diffusion", "Scaling laws of language models");
    assertThat(bothValid(Routes.categoryFeed("cs.CV", "atom"), Routes.categoryFeed("cs.CV", "rss")))
        .containsExactlyInAnyOrder(
            HOSTILE_TITLE,
            "Camera motion control for video diffusion",
            "Text-to-video generation with diffusion");
    // An archive takes in its categories.
    assertThat(bothValid(Routes.categoryFeed("cs", "atom"), Routes.categoryFeed("cs", "rss")))
        .hasSize(4);
    assertThat(
            bothValid(
                Routes.savedSearchFeed("video diffusion", "keyword", null, "atom"),
                Routes.savedSearchFeed("video diffusion", "keyword", null, "rss")))
        .containsExactlyInAnyOrder(
            HOSTILE_TITLE,
            "Camera motion control for video diffusion",
            "Text-to-video generation with diffusion");
    // By meaning: a floor nothing reaches lists nothing, a low one lists the close papers.
    assertThat(
            bothValid(
                Routes.savedSearchFeed("folding proteins", "semantic", 0.99, "atom"),
                Routes.savedSearchFeed("folding proteins", "semantic", 0.99, "rss")))
        .isEmpty();
    List<String> close =
        bothValid(
            Routes.savedSearchFeed("how proteins fold", "semantic", 0.3, "atom"),
            Routes.savedSearchFeed("how proteins fold", "semantic", 0.3, "rss"));
    assertThat(close).contains("Protein folding with equivariant networks");

    assertThat(get(Routes.authorFeed("Nobody Here", "atom")).statusCode()).isEqualTo(404);
    assertThat(get(Routes.feed("author", "atom")).statusCode()).isEqualTo(400);
    assertThat(get(Routes.categoryFeed("<b>", "atom")).statusCode()).isEqualTo(400);
    assertThat(get(Routes.feed("saved-search", "atom") + "?q=x&mode=psychic").statusCode())
        .isEqualTo(400);
    assertThat(get(Routes.feed("saved-search", "atom") + "?q=x&floor=high").statusCode())
        .isEqualTo(400);
    assertThat(get(Routes.feed("saved-search", "atom") + "?q=x&floor=2").statusCode())
        .isEqualTo(400);
    assertThat(get(Routes.feed("saved-search", "rss")).statusCode()).isEqualTo(400);
    assertThat(get(Routes.feed("author", "json") + "?name=Ada").statusCode()).isEqualTo(404);
  }

  @Test
  void hostile_titles_and_author_names_are_escaped_and_read_back_as_written() throws Exception {
    String atomPath = Routes.authorFeed(HOSTILE_AUTHOR, "atom");
    HttpResponse<String> atom = get(atomPath);
    assertThat(atom.statusCode()).isEqualTo(200);
    assertThat(atom.body()).doesNotContain("<script>", "<b>Video", "<![CDATA[ at");
    Feed feed = (Feed) parse(atom.body());
    FeedsTest.assertValidAtom(feed, BASE, atomPath);
    assertThat(feed.getTitle()).isEqualTo("Paperboy: papers by " + HOSTILE_AUTHOR);
    assertThat(feed.getEntries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getTitle()).isEqualTo(HOSTILE_TITLE);
              assertThat(e.getAuthors().get(0).getName()).isEqualTo(HOSTILE_AUTHOR);
            });
    HttpResponse<String> rss = get(Routes.authorFeed(HOSTILE_AUTHOR, "rss"));
    assertThat(rss.body()).doesNotContain("<script>", "<b>Video");
    Channel channel = (Channel) parse(rss.body());
    assertThat(channel.getItems().get(0).getTitle()).isEqualTo(HOSTILE_TITLE);

    // The author's page links its feeds, the name escaped in the page and in the URL.
    String page = get(Routes.author(HOSTILE_AUTHOR)).body();
    assertThat(page).doesNotContain("<script>alert");
    assertThat(page)
        .contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\"",
            "href=\"" + Routes.authorFeed(HOSTILE_AUTHOR, "atom").replace("&", "&amp;") + "\"");
  }

  @Test
  void feeds_answer_conditional_gets_with_304_by_etag_and_by_last_modified() throws Exception {
    for (String path :
        List.of(
            Routes.authorFeed("Ada", "atom"),
            Routes.savedSearchFeed("video diffusion", "hybrid", 0.4, "rss"),
            Routes.categoryFeed("cs.CV", "atom"),
            Routes.feed("daily", "atom"))) {
      HttpResponse<String> first = get(path);
      assertThat(first.statusCode()).as(path).isEqualTo(200);
      String etag = first.headers().firstValue("ETag").orElseThrow();
      String modified = first.headers().firstValue("Last-Modified").orElseThrow();
      assertThat(modified)
          .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
      assertThat(get(path, "If-None-Match", etag).statusCode()).as(path).isEqualTo(304);
      assertThat(get(path, "If-Modified-Since", modified).statusCode()).as(path).isEqualTo(304);
      assertThat(get(path, "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode())
          .isEqualTo(200);
      // An If-None-Match that does not match decides: the client's copy is another one.
      assertThat(
              get(path, "If-None-Match", "\"other\"", "If-Modified-Since", modified).statusCode())
          .isEqualTo(200);
      // The same bytes the second time: from the cache.
      assertThat(get(path).body()).isEqualTo(first.body());
    }
  }

  @Test
  void a_collection_has_a_feed_only_while_anyone_may_see_it() throws Exception {
    var owner = site.signedIn("owner@example.org", Role.READER);
    String csrf = owner.csrf(Routes.COLLECTIONS);
    HttpResponse<String> made =
        owner.post(Routes.COLLECTIONS, "csrf", csrf, "name", "Reading <i>list</i>");
    String id = made.headers().firstValue("Location").orElseThrow().replace("/collections/", "");
    owner.post(Routes.collectionChange(id), "csrf", csrf, "action", "add", "paper", "2606.00002");
    String atom = Routes.collectionFeed(id, "atom");
    String rss = Routes.collectionFeed(id, "rss");

    // Private: no feed, for anyone (the owner's feed reader has no session either).
    assertThat(get(atom).statusCode()).isEqualTo(404);
    assertThat(get(rss).statusCode()).isEqualTo(404);
    assertThat(get(atom).body()).doesNotContain("Text-to-video", "Reading");
    assertThat(owner.get(Routes.collection(id)).body()).doesNotContain(atom.replace("&", "&amp;"));

    owner.post(
        Routes.collectionChange(id),
        "csrf",
        csrf,
        "action",
        "update",
        "name",
        "Reading <i>list</i>",
        "public",
        "1");
    assertThat(bothValid(atom, rss)).containsExactly("Text-to-video generation with diffusion");
    assertThat(((Feed) parse(get(atom).body())).getTitle()).contains("Reading <i>list</i>");
    assertThat(site.browser().get(Routes.collection(id)).body())
        .contains("type=\"application/atom+xml\" title=\"Reading &lt;i>list&lt;/i> (Atom)\"");

    // A save changes no counter, yet the feed shows it at once, newest save first.
    site.clock.set(java.time.Instant.parse("2026-07-01T09:00:00Z"));
    owner.post(Routes.collectionChange(id), "csrf", csrf, "action", "add", "paper", "2606.00004");
    assertThat(bothValid(atom, rss))
        .containsExactly(
            "Scaling laws of language models", "Text-to-video generation with diffusion");

    // Private again: the cached feed is not handed out.
    owner.post(Routes.collectionChange(id), "csrf", csrf, "action", "update", "name", "Reading");
    assertThat(get(atom).statusCode()).isEqualTo(404);
    assertThat(get(rss).statusCode()).isEqualTo(404);
    assertThat(get(Routes.collectionFeed("no-such-collection", "atom")).statusCode())
        .isEqualTo(404);
  }

  static String feedUrl(String html, String format) {
    Matcher m =
        Pattern.compile(
                "value=\"(http://papers\\.example\\.org/feeds/for-you/[A-Za-z0-9_-]{43}\\."
                    + format
                    + ")\"")
            .matcher(html);
    return m.find() ? m.group(1) : null;
  }

  static String path(String url) {
    return url.substring(BASE.length());
  }

  @Test
  void the_private_for_you_feed_works_by_its_token_rotates_and_is_revoked() throws Exception {
    var b = site.signedIn("reader@example.org", Role.READER);
    String csrf = b.csrf(Routes.FOLLOWS);
    b.post(Routes.FOR_YOU_INTERESTS, "csrf", csrf, "topics", "video diffusion");
    assertThat(feedUrl(b.get(Routes.FOLLOWS).body(), "atom")).isNull();
    assertThat(b.post(Routes.FOR_YOU_FEED_TOKEN, "action", "rotate").statusCode()).isEqualTo(403);
    assertThat(b.post(Routes.FOR_YOU_FEED_TOKEN, "csrf", csrf, "action", "x").statusCode())
        .isEqualTo(400);
    assertThat(
            site.browser()
                .post(Routes.FOR_YOU_FEED_TOKEN, "csrf", csrf, "action", "rotate")
                .statusCode())
        .isIn(303, 401, 403);

    assertThat(b.post(Routes.FOR_YOU_FEED_TOKEN, "csrf", csrf, "action", "rotate").statusCode())
        .isEqualTo(303);
    String follows = b.get(Routes.FOLLOWS).body();
    String first = path(feedUrl(follows, "atom"));
    String firstRss = path(feedUrl(follows, "rss"));
    // Only the hash is kept.
    String token = first.substring(first.lastIndexOf('/') + 1, first.lastIndexOf('.'));
    String stored =
        site.db
            .jdbi()
            .withHandle(
                h -> h.createQuery("SELECT token_hash FROM feed_tokens").mapTo(String.class).one());
    assertThat(stored).isEqualTo(org.paperboy.community.Secrets.hash(token)).isNotEqualTo(token);

    HttpResponse<String> atom = get(first);
    assertThat(atom.statusCode()).isEqualTo(200);
    assertThat(atom.headers().firstValue("Cache-Control")).hasValue("private, max-age=60");
    Feed feed = (Feed) parse(atom.body());
    FeedsTest.assertValidAtom(feed, BASE, first);
    assertThat(ids(feed)).contains("2606.00002", "2606.00005");
    assertThat(feed.getEntries().get(0).getSummary().getValue()).startsWith("Why: ");
    FeedsTest.assertValidRss((Channel) parse(get(firstRss).body()));
    // The page links it.
    assertThat(b.get(Routes.FOR_YOU).body())
        .contains("<link rel=\"alternate\" type=\"application/atom+xml\"", first);

    b.post(Routes.FOR_YOU_FEED_TOKEN, "csrf", csrf, "action", "rotate");
    String second = path(feedUrl(b.get(Routes.FOLLOWS).body(), "atom"));
    assertThat(second).isNotEqualTo(first);
    assertThat(get(first).statusCode()).isEqualTo(404);
    assertThat(get(first).body()).doesNotContain("Video", "2606.");
    assertThat(get(firstRss).statusCode()).isEqualTo(404);
    assertThat(get(second).statusCode()).isEqualTo(200);

    b.post(Routes.FOR_YOU_FEED_TOKEN, "csrf", csrf, "action", "revoke");
    assertThat(get(second).statusCode()).isEqualTo(404);
    assertThat(feedUrl(b.get(Routes.FOLLOWS).body(), "atom")).isNull();
    assertThat(get(Routes.forYouFeed("A".repeat(43), "atom")).statusCode()).isEqualTo(404);
    assertThat(get(Routes.forYouFeed("x", "atom")).statusCode()).isEqualTo(404);
    assertThat(get("/feeds/for-you/").statusCode()).isEqualTo(404);
  }

  @Test
  void the_opml_lists_every_feed_of_the_reader_with_absolute_urls_and_each_answers()
      throws Exception {
    var b = site.signedIn("opml@example.org", Role.READER);
    String csrf = b.csrf(Routes.FOLLOWS);
    b.post(Routes.FOLLOWS, "csrf", csrf, "kind", "author", "value", HOSTILE_AUTHOR);
    b.post(Routes.FOLLOWS, "csrf", csrf, "kind", "category", "value", "cs.CV");
    b.post(
        Routes.FOLLOWS,
        "csrf",
        csrf,
        "kind",
        "search",
        "value",
        "how proteins fold",
        "mode",
        "semantic",
        "floor",
        "0.35");
    b.post(Routes.FOLLOWS, "csrf", csrf, "kind", "organization", "value", "google");
    String shared =
        b.post(Routes.COLLECTIONS, "csrf", csrf, "name", "Shared", "public", "1")
            .headers()
            .firstValue("Location")
            .orElseThrow()
            .replace("/collections/", "");
    String secret =
        b.post(Routes.COLLECTIONS, "csrf", csrf, "name", "Secret")
            .headers()
            .firstValue("Location")
            .orElseThrow()
            .replace("/collections/", "");
    b.post(Routes.FOR_YOU_FEED_TOKEN, "csrf", csrf, "action", "rotate");

    String followsPage = b.get(Routes.FOLLOWS).body();
    assertThat(followsPage).contains("href=\"" + Routes.FOLLOWS_OPML + "\"");
    assertThat(b.get(Routes.ACCOUNT).body()).contains("href=\"" + Routes.FOLLOWS_OPML + "\"");
    HttpResponse<String> res = b.get(Routes.FOLLOWS_OPML);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/x-opml");
    assertThat(res.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    assertThat(res.body()).doesNotContain("<script>");

    var doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(res.body())));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("opml");
    assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
    NodeList outlines = doc.getElementsByTagName("outline");
    List<String> urls = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < outlines.getLength(); i++) {
      Element o = (Element) outlines.item(i);
      urls.add(o.getAttribute("xmlUrl"));
      titles.add(o.getAttribute("text"));
      FeedsTest.assertAbsolute(o.getAttribute("htmlUrl"));
    }
    String token = path(feedUrl(followsPage, "atom"));
    assertThat(urls)
        .containsExactlyInAnyOrder(
            BASE + token,
            BASE + Routes.authorFeed(HOSTILE_AUTHOR, "atom"),
            BASE + Routes.categoryFeed("cs.CV", "atom"),
            BASE + Routes.savedSearchFeed("how proteins fold", "semantic", 0.35, "atom"),
            BASE + Routes.collectionFeed(shared, "atom"));
    assertThat(String.join(" ", urls)).doesNotContain(secret);
    assertThat(titles).contains("Papers by " + HOSTILE_AUTHOR);
    // Every URL in it is a feed that answers, without a session.
    for (String url : urls) {
      HttpResponse<String> feed = get(path(url));
      assertThat(feed.statusCode()).as(url).isEqualTo(200);
      FeedsTest.assertValidAtom((Feed) parse(feed.body()), BASE, path(url));
    }
    // The follows page links each follow's feeds.
    assertThat(followsPage)
        .contains(Routes.categoryFeed("cs.CV", "rss"))
        .contains(
            Routes.savedSearchFeed("how proteins fold", "semantic", 0.35, "atom")
                .replace("&", "&amp;"));

    assertThat(site.browser().get(Routes.FOLLOWS_OPML).statusCode()).isEqualTo(303);
  }

  @Test
  void a_category_list_links_the_category_feed() throws Exception {
    String html = site.browser().get(ListPages.listHref(Routes.HOME, "cs.CV", 1)).body();
    assertThat(html)
        .contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"New in cs.CV (Atom)\" href=\""
                + Routes.categoryFeed("cs.CV", "atom")
                + "\">");
  }
}
