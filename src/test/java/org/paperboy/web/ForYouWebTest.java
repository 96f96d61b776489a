package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Role;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * {@code /for-you} and {@code /api/for-you} over HTTP, as {@code serve} builds them: the first
 * visit's interests form, the ranked cards with their reasons, the same items as JSON, steering
 * that takes effect at once, and the refusals (no session, no CSRF token, bad page, bad category).
 */
class ForYouWebTest {

  static final LocalDate TODAY = LocalDate.parse("2026-07-01");
  static final String HOSTILE = "2606.00001";

  @TempDir Path dir;
  CommunitySite site;

  @BeforeEach
  void start() throws Exception {
    List<PaperRecord> records = new ArrayList<>();
    records.add(
        paper(HOSTILE, "<script>alert(1)</script> Video diffusion at scale", "cs.CV", "Eve Evil"));
    records.add(paper("2606.00002", "Text-to-video generation with diffusion", "cs.CV", "Ada"));
    records.add(paper("2606.00003", "Protein folding with equivariant networks", "q-bio.BM", "Bo"));
    records.add(paper("2606.00004", "Scaling laws of language models", "cs.CL", "Cy"));
    records.add(paper("2606.00005", "Camera motion control for video synthesis", "cs.CV", "Di"));
    records.add(paper("2606.00006", "Grasping with tactile sensors", "cs.RO", "José Müller"));
    records.add(paper("2606.00007", "Legged locomotion on ice", "cs.RO", "MULLER, Jose"));
    site = new CommunitySite(dir, records);
    site.search.sync();
    site.search.embedPending(Integer.MAX_VALUE);
  }

  static PaperRecord paper(String id, String title, String category, String author) {
    return new PaperRecord(
        Paper.builder(id, title, "test")
            .version(1)
            .abstractText("About " + title + ".")
            .authors(List.of(Author.named(author)))
            .categories(List.of(category))
            .published(TODAY.minusDays(1))
            .build(),
        null);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void without_a_session_the_page_asks_to_sign_in_and_the_api_answers_401() throws Exception {
    var b = site.browser();
    HttpResponse<String> page = b.get(Routes.FOR_YOU);
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location").orElse("")).contains(Routes.SIGN_IN);
    HttpResponse<String> api = b.get(Routes.API_FOR_YOU);
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void first_visit_asks_for_interests_then_ranks_with_reasons_and_the_api_has_the_same_items()
      throws Exception {
    var b = site.signedIn("reader@example.org", Role.READER);
    String first = b.get(Routes.FOR_YOU).body();
    assertThat(first).contains("Your interests, in your own words");
    String csrf = CommunitySite.field(first, "csrf");

    assertThat(b.post(Routes.FOR_YOU_INTERESTS, "topics", "video").statusCode()).isEqualTo(403);
    assertThat(
            b.post(Routes.FOR_YOU_INTERESTS, "csrf", csrf, "topics", "", "categories", "")
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> bad =
        b.post(Routes.FOR_YOU_INTERESTS, "csrf", csrf, "categories", "<b>bold</b>");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).doesNotContain("<b>bold</b>");

    HttpResponse<String> saved =
        b.post(
            Routes.FOR_YOU_INTERESTS,
            "csrf",
            csrf,
            "topics",
            "video generation with diffusion models",
            "categories",
            "cs.CV");
    assertThat(saved.statusCode()).isEqualTo(303);

    String html = b.get(Routes.FOR_YOU).body();
    assertThat(html).doesNotContain("<script>alert(1)</script>");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; Video diffusion at scale");
    assertThat(html).contains("matches your interests 'video generation with diffusion models'");
    assertThat(html).contains("new in cs.CV, which you follow");
    List<String> pageIds = ids(html);
    assertThat(pageIds.subList(0, 3))
        .allMatch(id -> List.of(HOSTILE, "2606.00002", "2606.00005").contains(id));

    JsonNode api = new ObjectMapper().readTree(b.get(Routes.API_FOR_YOU).body());
    List<String> apiIds = new ArrayList<>();
    api.path("items").forEach(i -> apiIds.add(i.path("paper").path("id").asText()));
    assertThat(apiIds).isEqualTo(pageIds);
    assertThat(api.path("items").get(0).path("why").get(0).asText()).isNotEmpty();
    assertThat(api.path("page").asInt()).isEqualTo(1);

    assertThat(b.get(Routes.FOR_YOU + "?page=0").statusCode()).isEqualTo(400);
    assertThat(b.get(Routes.API_FOR_YOU + "?page=abc").statusCode()).isEqualTo(400);
  }

  @Test
  void not_for_me_and_a_muted_category_leave_the_feed_at_once() throws Exception {
    var b = site.signedIn("steer@example.org", Role.READER);
    String csrf = b.csrf(Routes.FOR_YOU);
    b.post(Routes.FOR_YOU_INTERESTS, "csrf", csrf, "topics", "video diffusion");
    List<String> before = ids(b.get(Routes.FOR_YOU).body());
    String top = before.get(0);
    HttpResponse<String> refused =
        b.post(Routes.notForMe(top), "csrf", csrf, "next", Routes.FOR_YOU);
    assertThat(refused.statusCode()).isEqualTo(303);
    assertThat(refused.headers().firstValue("Location")).contains(Routes.FOR_YOU);
    assertThat(ids(b.get(Routes.FOR_YOU).body())).doesNotContain(top);

    assertThat(b.post(Routes.MUTES, "csrf", csrf, "kind", "planet", "value", "x").statusCode())
        .isEqualTo(400);
    b.post(Routes.MUTES, "csrf", csrf, "kind", "category", "value", "cs.CV");
    assertThat(ids(b.get(Routes.FOR_YOU).body()))
        .isNotEmpty()
        .doesNotContain(HOSTILE, "2606.00002", "2606.00005");
    b.post(Routes.MUTES, "csrf", csrf, "kind", "category", "value", "cs.CV", "action", "unmute");
    assertThat(ids(b.get(Routes.FOR_YOU).body())).contains("2606.00002");
  }

  @Test
  void an_author_page_folds_name_variants_and_a_follow_feeds_the_page_and_the_count()
      throws Exception {
    var anonymous = site.browser();
    HttpResponse<String> author = anonymous.get(Routes.author("Jose Muller"));
    assertThat(author.statusCode()).isEqualTo(200);
    assertThat(ids(author.body())).containsExactlyInAnyOrder("2606.00006", "2606.00007");
    assertThat(author.body()).contains("Also written as").doesNotContain("name=\"csrf\"");
    assertThat(anonymous.get(Routes.author("Nobody Here")).statusCode()).isEqualTo(404);
    HttpResponse<String> hostile = anonymous.get(Routes.author("<script>x</script>"));
    assertThat(hostile.statusCode()).isEqualTo(404);
    assertThat(hostile.body()).doesNotContain("<script>x</script>");

    // Followed before these papers came: they are new from the follows.
    site.clock.set(java.time.Instant.parse("2026-06-20T08:00:00Z"));
    var b = site.signedIn("follower@example.org", Role.READER);
    String csrf = b.csrf(Routes.FOLLOWS);
    assertThat(b.post(Routes.FOLLOWS, "csrf", csrf, "kind", "planet", "value", "x").statusCode())
        .isEqualTo(400);
    assertThat(
            b.post(Routes.FOLLOWS, "csrf", csrf, "kind", "search", "value", "x", "floor", "high")
                .statusCode())
        .isEqualTo(400);
    assertThat(b.post(Routes.FOLLOWS, "kind", "author", "value", "Jose Muller").statusCode())
        .isEqualTo(403);
    HttpResponse<String> followed =
        b.post(
            Routes.FOLLOWS,
            "csrf",
            csrf,
            "kind",
            "author",
            "value",
            "José Müller",
            "next",
            Routes.author("José Müller"));
    assertThat(followed.statusCode()).isEqualTo(303);
    assertThat(b.get(Routes.author("Jose Muller")).body()).contains(">Unfollow<");
    b.post(
        Routes.FOLLOWS,
        "csrf",
        csrf,
        "kind",
        "search",
        "value",
        "robots walking on slippery ground",
        "mode",
        "semantic",
        "floor",
        "0.2");
    site.clock.set(java.time.Instant.parse("2026-07-01T08:00:00Z"));

    String forYou = b.get(Routes.FOR_YOU).body();
    assertThat(forYou).contains("2 new papers from your follows");
    assertThat(forYou).contains("by José Müller, whom you follow");
    assertThat(forYou).contains("matches your alert 'robots walking on slippery ground'");
    assertThat(ids(forYou).subList(0, 2)).containsExactlyInAnyOrder("2606.00006", "2606.00007");

    String account = b.get(Routes.ACCOUNT).body();
    assertThat(account).contains("Your reading profile").contains("You have not upvoted or saved");
    assertThat(account).contains("author José Müller").contains("search 'robots walking");

    String follows = b.get(Routes.FOLLOWS).body();
    assertThat(follows).contains("José Müller").contains("robots walking on slippery ground");
    // Opening the follows page marks nothing as seen: only "Mark these as seen" on /follows/new.
    assertThat(b.get(Routes.FOR_YOU).body()).contains("2 new papers from your follows");

    b.post(
        Routes.FOLLOWS,
        "csrf",
        csrf,
        "kind",
        "author",
        "value",
        "jose muller",
        "action",
        "unfollow");
    assertThat(b.get(Routes.FOLLOWS).body()).doesNotContain("José Müller");
  }

  static List<String> ids(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<article class=\"card\" data-paper=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
