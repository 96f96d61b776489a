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
 * "N new from your follows" over HTTP: the count in the header of a signed-in reader's pages, the
 * list at {@code /follows/new} with the follow that brought each paper, which opening does not
 * clear, and "Mark these as seen" (a POST with the session's CSRF token) which does.
 */
class FollowNewsWebTest {

  @TempDir Path dir;
  CommunitySite site;

  @BeforeEach
  void start() throws Exception {
    site =
        new CommunitySite(
            dir,
            List.of(
                ForYouWebTest.paper("2606.00001", "Grasping with tactile sensors", "cs.RO", "Bo")));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void the_header_counts_the_news_until_the_reader_marks_it_seen() throws Exception {
    var anonymous = site.browser();
    HttpResponse<String> page = anonymous.get(Routes.FOLLOWS_NEW);
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location").orElse("")).contains(Routes.SIGN_IN);
    assertThat(anonymous.post(Routes.FOLLOWS_NEW, "upto", "1").statusCode()).isEqualTo(303);

    var b = site.signedIn("follower@example.org", Role.READER);
    String csrf = b.csrf(Routes.FOLLOWS);
    b.post(Routes.FOLLOWS, "csrf", csrf, "kind", "author", "value", "José Müller");
    b.post(Routes.FOLLOWS, "csrf", csrf, "kind", "category", "value", "cs.LG");
    assertThat(b.get(Routes.FOR_YOU).body()).doesNotContain("id=\"follow-news\"");
    assertThat(b.get(Routes.FOLLOWS_NEW).body()).contains("id=\"follow-news-none\"");

    site.clock.advance(Duration.ofMinutes(10));
    site.catalog.apply(
        List.of(
            ForYouWebTest.paper("2606.00002", "Legged locomotion on ice", "cs.RO", "MULLER, Jose"),
            ForYouWebTest.paper("2606.00003", "Sparse attention", "cs.LG", "Cy")));

    for (String path : List.of(Routes.FOR_YOU, Routes.FOLLOWS, Routes.ACCOUNT)) {
      assertThat(b.get(path).body())
          .as(path)
          .contains(
              "<a id=\"follow-news\" href=\"" + Routes.FOLLOWS_NEW + "\">2 new from your follows");
    }
    // The shared pages carry nobody's count.
    assertThat(anonymous.get(Routes.HOME).body()).doesNotContain("from your follows");

    String news = b.get(Routes.FOLLOWS_NEW).body();
    assertThat(ForYouWebTest.ids(news)).containsExactlyInAnyOrder("2606.00002", "2606.00003");
    assertThat(news)
        .contains("by José Müller, whom you follow")
        .contains("in cs.LG, which you follow")
        .doesNotContain("Grasping with tactile sensors");
    // Opening the list is not marking it.
    assertThat(b.get(Routes.FOLLOWS_NEW).body()).contains("Legged locomotion on ice");
    assertThat(b.get(Routes.FOR_YOU).body()).contains("2 new from your follows");

    String upTo = upTo(news);
    assertThat(b.post(Routes.FOLLOWS_NEW, "upto", upTo).statusCode()).isEqualTo(403);
    assertThat(b.post(Routes.FOLLOWS_NEW, "csrf", csrf, "upto", "soon").statusCode())
        .isEqualTo(400);
    assertThat(b.post(Routes.FOLLOWS_NEW, "csrf", csrf).statusCode()).isEqualTo(400);

    // A paper that arrives after the list was shown stays new after the mark.
    site.clock.advance(Duration.ofMinutes(10));
    site.catalog.apply(
        List.of(ForYouWebTest.paper("2606.00004", "Robot hands", "cs.RO", "Jose Muller")));
    HttpResponse<String> marked = b.post(Routes.FOLLOWS_NEW, "csrf", csrf, "upto", upTo);
    assertThat(marked.statusCode()).isEqualTo(303);
    assertThat(marked.headers().firstValue("Location")).contains(Routes.FOLLOWS_NEW);
    String after = b.get(Routes.FOLLOWS_NEW).body();
    assertThat(ForYouWebTest.ids(after)).containsExactly("2606.00004");
    assertThat(after).contains("1 new from your follows");

    b.post(Routes.FOLLOWS_NEW, "csrf", csrf, "upto", upTo(after));
    assertThat(b.get(Routes.FOLLOWS_NEW).body())
        .contains("id=\"follow-news-none\"")
        .doesNotContain("id=\"follow-news\"");
  }

  static String upTo(String html) {
    Matcher m = Pattern.compile("name=\"upto\" value=\"(\\d+)\"").matcher(html);
    assertThat(m.find()).as("the page has a \"Mark these as seen\" form").isTrue();
    return m.group(1);
  }
}
