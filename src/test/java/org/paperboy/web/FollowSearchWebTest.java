package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Role;

/**
 * "Follow this search" on the search page over HTTP: offered to a signed-in reader for a search of
 * everyone's papers (never for {@code in:} scopes), it saves the query with its mode, similarity
 * floor and filters, so the alert, its feed and "new from your follows" match what the reader saw;
 * the page links the search's Atom and RSS feeds.
 */
class FollowSearchWebTest {

  @TempDir Path dir;
  CommunitySite site;

  @BeforeEach
  void start() throws Exception {
    site =
        new CommunitySite(
            dir,
            List.of(
                ForYouWebTest.paper(
                    "2606.00001", "Robot grasping with tactile sensors", "cs.RO", "Bo"),
                ForYouWebTest.paper("2606.00002", "Robot grasping in simulation", "cs.LG", "Cy")));
    site.search.sync();
  }

  @AfterEach
  void stop() {
    site.close();
  }

  static final String SEARCH = Routes.SEARCH + "?q=robot+grasping&mode=keyword&cat=cs.RO";

  @Test
  void a_search_is_followed_with_its_mode_floor_and_filters() throws Exception {
    HttpResponse<String> anonymous = site.browser().get(SEARCH);
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body())
        .doesNotContain("Follow this search")
        .contains("href=\"/feeds/search.atom?cat=cs.RO&amp;mode=keyword&amp;q=robot+grasping\"")
        .contains("href=\"/feeds/search.rss?cat=cs.RO&amp;mode=keyword&amp;q=robot+grasping\"");
    HttpResponse<String> feed =
        site.browser().get("/feeds/search.atom?cat=cs.RO&mode=keyword&q=robot+grasping");
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.body()).contains("2606.00001").doesNotContain("2606.00002");

    var b = site.signedIn("reader@example.org", Role.READER);
    String csrf = b.csrf(Routes.FOLLOWS);
    String page = b.get(SEARCH).body();
    String action = action(page);
    assertThat(action).isEqualTo("/follows?q=robot+grasping&mode=keyword&cat=cs.RO");
    // A search of one's own papers is private: no follow, no feed.
    String own = b.get(Routes.SEARCH + "?q=in%3Asaved+robot").body();
    assertThat(own).doesNotContain("Follow this search").doesNotContain("/feeds/search.atom");
    assertThat(b.post("/follows?q=in%3Aupvoted+robot", "csrf", csrf, "kind", "search").statusCode())
        .isEqualTo(400);
    assertThat(b.post(action, "kind", "search").statusCode()).isEqualTo(403);
    assertThat(b.post(action + "&from=someday", "csrf", csrf, "kind", "search").statusCode())
        .isEqualTo(400);

    assertThat(b.post(action, "csrf", csrf, "kind", "search").statusCode()).isEqualTo(303);
    String follows = b.get(Routes.FOLLOWS).body();
    assertThat(follows).contains("&#39;robot grasping&#39; (keyword, in cs.RO)");
    // Its feed filters as the search did.
    String savedFeed =
        Routes.savedSearchFeed(
            "robot grasping",
            "keyword",
            null,
            new org.paperboy.foryou.SearchFilters("cs.RO", null, null),
            "atom");
    assertThat(follows).contains(savedFeed.replace("&", "&amp;"));
    String saved = b.get(savedFeed).body();
    assertThat(saved).contains("2606.00001").doesNotContain("2606.00002");

    // New papers: the alert brings the one its category admits.
    site.clock.advance(Duration.ofMinutes(10));
    site.catalog.apply(
        List.of(
            ForYouWebTest.paper("2606.00003", "Robot grasping of cloth", "cs.RO", "Di"),
            ForYouWebTest.paper("2606.00004", "Robot grasping for drones", "cs.LG", "Ed")));
    String news = b.get(Routes.FOLLOWS_NEW).body();
    assertThat(ForYouWebTest.ids(news)).containsExactly("2606.00003");
    assertThat(news).contains("matches your alert 'robot grasping'");

    // By meaning: the floor the reader set is kept, with the dates.
    String semantic =
        action(
            b.get(Routes.SEARCH + "?q=grasping+objects&mode=semantic&from=2026-06-01&to=2026-12-31")
                .body());
    assertThat(semantic)
        .isEqualTo("/follows?q=grasping+objects&mode=semantic&from=2026-06-01&to=2026-12-31");
    assertThat(b.post(semantic, "csrf", csrf, "kind", "search", "floor", "0.3").statusCode())
        .isEqualTo(303);
    assertThat(b.get(Routes.FOLLOWS).body())
        .contains(
            "&#39;grasping objects&#39; (semantic, similarity at least 0.3, from 2026-06-01, to"
                + " 2026-12-31)");
  }

  static String action(String html) {
    Matcher m =
        Pattern.compile("class=\"follow-search inline\" method=\"post\" action=\"([^\"]+)\"")
            .matcher(html);
    assertThat(m.find()).as("the page offers \"Follow this search\"").isTrue();
    return m.group(1).replace("&amp;", "&");
  }
}
