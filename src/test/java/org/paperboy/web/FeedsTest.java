package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.WebAppTest.CLOCK;
import static org.paperboy.web.WebAppTest.LOCAL;
import static org.paperboy.web.WebAppTest.MAR_13;
import static org.paperboy.web.WebAppTest.MAR_17;
import static org.paperboy.web.WebAppTest.MAR_18;
import static org.paperboy.web.WebAppTest.MONKEYS;
import static org.paperboy.web.WebAppTest.OLD_STYLE;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Listing;
import org.paperboy.paper.PaperRecord;

/**
 * The Atom and RSS feeds, read back by a real feed parser (ROME) and checked against the rules feed
 * readers rely on: ids that are absolute and unique, updated dates, absolute links.
 */
final class FeedsTest {

  @TempDir Path dir;
  TestSite site;

  @BeforeEach
  void start() {
    site =
        new TestSite(
            dir,
            CLOCK,
            List.of(
                new PaperRecord(OLD_STYLE, new Listing(MAR_13, 0, "AK", 3, 0)),
                new PaperRecord(MONKEYS, new Listing(MAR_17, 0, "AK", 42, 7)),
                new PaperRecord(LOCAL, new Listing(MAR_17, 1, "AK", 5, 1)),
                new PaperRecord(MONKEYS, new Listing(MAR_18, 1, "AK", 50, 9))));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  /** Fetches a feed, checks its media type and parses it with ROME. */
  WireFeed parse(String path, String type) throws Exception {
    HttpResponse<String> res = site.get(path);
    assertThat(res.statusCode()).as(path).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue(type + "; charset=utf-8");
    WireFeedInput input = new WireFeedInput();
    input.setXmlHealerOn(false);
    return input.build(new StringReader(res.body()));
  }

  static void assertAbsolute(String url) {
    assertThat(url).isNotBlank();
    URI uri = URI.create(url);
    assertThat(uri.isAbsolute()).as(url).isTrue();
    assertThat(uri.getScheme()).as(url).isIn("http", "https");
  }

  /** The rules of RFC 4287 that readers depend on; returns the entries' titles in order. */
  static List<String> assertValidAtom(Feed feed, String selfPath) {
    return assertValidAtom(feed, TestSite.BASE_URL, selfPath);
  }

  /** The same, for a site at another base URL. */
  static List<String> assertValidAtom(Feed feed, String base, String selfPath) {
    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    assertAbsolute(feed.getId());
    assertThat(feed.getTitle()).isNotBlank();
    assertThat(feed.getUpdated()).isNotNull();
    assertThat(feed.getAuthors()).isNotEmpty();
    assertThat(feed.getOtherLinks())
        .filteredOn(l -> "self".equals(l.getRel()))
        .singleElement()
        .extracting(Link::getHref)
        .isEqualTo(base + selfPath);
    feed.getAlternateLinks().forEach(l -> assertAbsolute(l.getHref()));
    Set<String> ids = new HashSet<>();
    for (Entry e : feed.getEntries()) {
      assertAbsolute(e.getId());
      assertThat(ids.add(e.getId())).as("unique id " + e.getId()).isTrue();
      assertThat(e.getTitle()).isNotBlank();
      assertThat(e.getUpdated()).isNotNull();
      assertThat(e.getAlternateLinks()).isNotEmpty();
      e.getAlternateLinks().forEach(l -> assertAbsolute(l.getHref()));
      e.getOtherLinks().forEach(l -> assertAbsolute(l.getHref()));
      if (e.getPublished() != null) {
        assertThat(e.getPublished()).isBeforeOrEqualTo(e.getUpdated());
      }
    }
    return feed.getEntries().stream().map(Entry::getTitle).toList();
  }

  /** The RSS 2.0 rules; returns the items' titles in order. */
  static List<String> assertValidRss(Channel channel) {
    assertThat(channel.getFeedType()).isEqualTo("rss_2.0");
    assertThat(channel.getTitle()).isNotBlank();
    assertThat(channel.getDescription()).isNotBlank();
    assertAbsolute(channel.getLink());
    assertThat(channel.getLastBuildDate()).isNotNull();
    Set<String> guids = new HashSet<>();
    for (Item item : channel.getItems()) {
      assertThat(item.getTitle()).isNotBlank();
      assertAbsolute(item.getLink());
      assertThat(item.getGuid().isPermaLink()).isTrue();
      assertAbsolute(item.getGuid().getValue());
      assertThat(guids.add(item.getGuid().getValue())).isTrue();
      assertThat(item.getPubDate()).isNotNull();
    }
    return channel.getItems().stream().map(Item::getTitle).toList();
  }

  @Test
  void dailyAtom_listsTheLastWeekNewestDayFirst() throws Exception {
    Feed feed = (Feed) parse("/feeds/daily.atom", "application/atom+xml");

    assertThat(assertValidAtom(feed, "/feeds/daily.atom"))
        .containsExactly(MONKEYS.title(), LOCAL.title(), OLD_STYLE.title());
    Entry monkeys = feed.getEntries().get(0);
    assertThat(monkeys.getId()).isEqualTo(TestSite.BASE_URL + "/papers/2503.11731");
    assertThat(monkeys.getSummary().getValue()).startsWith("Scaling the amount of compute");
    assertThat(monkeys.getAuthors()).hasSize(8);
    assertThat(monkeys.getCategories()).extracting(c -> c.getTerm()).contains("cs.LG", "cs.AI");
    assertThat(monkeys.getOtherLinks())
        .extracting(Link::getHref)
        .contains("https://arxiv.org/abs/2503.11731", "https://arxiv.org/pdf/2503.11731");
    // An entry is dated by its first day on a list in the feed's week, so re-listing is no update.
    assertThat(feed.getUpdated().toInstant()).hasToString("2025-03-17T00:00:00Z");
  }

  @Test
  void dailyRss_hasTheSameItems() throws Exception {
    Channel channel = (Channel) parse("/feeds/daily.rss", "application/rss+xml");

    assertThat(assertValidRss(channel))
        .containsExactly(MONKEYS.title(), LOCAL.title(), OLD_STYLE.title());
    assertThat(channel.getItems().get(0).getDescription().getValue())
        .startsWith("Scaling the amount of compute");
  }

  @Test
  void categoryFeeds_keepOnlyThatCategory() throws Exception {
    Feed atom = (Feed) parse("/feeds/daily.atom?category=hep-th", "application/atom+xml");
    Channel rss = (Channel) parse("/feeds/trending.rss?category=cs.LG", "application/rss+xml");

    assertThat(assertValidAtom(atom, "/feeds/daily.atom?category=hep-th"))
        .containsExactly(OLD_STYLE.title());
    assertThat(atom.getTitle()).contains("hep-th");
    assertThat(assertValidRss(rss)).containsExactly(MONKEYS.title());
  }

  @Test
  void trendingFeeds_followTheTrendingOrder() throws Exception {
    Feed atom = (Feed) parse("/feeds/trending.atom", "application/atom+xml");
    Channel rss = (Channel) parse("/feeds/trending.rss", "application/rss+xml");

    assertThat(assertValidAtom(atom, "/feeds/trending.atom"))
        .containsExactly(MONKEYS.title(), LOCAL.title(), OLD_STYLE.title());
    assertThat(assertValidRss(rss))
        .containsExactly(MONKEYS.title(), LOCAL.title(), OLD_STYLE.title());
  }

  @Test
  void searchFeeds_matchTheQuery() throws Exception {
    Feed atom = (Feed) parse("/feeds/search.atom?q=monkeys", "application/atom+xml");
    Channel rss = (Channel) parse("/feeds/search.rss?q=old+paper", "application/rss+xml");

    assertThat(assertValidAtom(atom, "/feeds/search.atom?q=monkeys"))
        .containsExactly(MONKEYS.title());
    assertThat(assertValidRss(rss)).containsExactly(OLD_STYLE.title());
    assertThat(assertValidRss((Channel) parse("/feeds/search.rss?q=zebra", "application/rss+xml")))
        .isEmpty();
  }

  @Test
  void badFeedRequests_areRefused() throws Exception {
    assertThat(site.get("/feeds/search.atom").statusCode()).isEqualTo(400);
    assertThat(site.get("/feeds/search.atom?q=" + "x".repeat(201)).statusCode()).isEqualTo(400);
    assertThat(site.get("/feeds/daily.atom?category=%3Cb%3E").statusCode()).isEqualTo(400);
    assertThat(site.get("/feeds/daily.json").statusCode()).isEqualTo(404);
    assertThat(site.get("/feeds/weekly.atom").statusCode()).isEqualTo(404);
  }

  @Test
  void feeds_haveEtagsAndCors() throws Exception {
    HttpResponse<String> first = site.get("/feeds/daily.atom");
    String etag = first.headers().firstValue("ETag").orElseThrow();

    assertThat(site.get("/feeds/daily.atom", "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(first.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }
}
