package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Role;
import org.paperboy.lists.Period;
import org.paperboy.paper.Listing;
import org.paperboy.paper.PaperRecord;

/**
 * The account page's "hide papers by muted authors, categories and keywords on the lists": off, a
 * reader's lists are everybody's; on, their day, week, month, trending and search lists leave their
 * muted papers out and say how many, while everybody else (and the shared cache) still gets every
 * paper.
 */
class HideMutedWebTest {

  static final String BY_MUTED = "2606.00001";
  static final String CRYPTO = "2606.00002";
  static final String KNOTS = "2606.00003";
  static final String KEPT = "2606.00004";
  static final List<String> ALL = List.of(BY_MUTED, CRYPTO, KNOTS, KEPT);

  @TempDir Path dir;
  CommunitySite site;

  @BeforeEach
  void start() throws Exception {
    List<PaperRecord> records = new ArrayList<>();
    String[][] papers = {
      {BY_MUTED, "Tactile grasping for robot hands", "cs.RO", "José Müller"},
      {CRYPTO, "Lattice crypto for robot fleets", "cs.CR", "Bo"},
      {KNOTS, "Knot invariants of robot arm paths", "math.GT", "Cy"},
      {KEPT, "Robot arms that fold laundry", "cs.RO", "Di"},
    };
    for (int i = 0; i < papers.length; i++) {
      String[] p = papers[i];
      records.add(
          new PaperRecord(
              ForYouWebTest.paper(p[0], p[1], p[2], p[3]).paper(),
              new Listing(ForYouWebTest.TODAY, i, null, 10 - i, 0)));
    }
    site = new CommunitySite(dir, records);
    site.search.sync();
  }

  @AfterEach
  void stop() {
    site.close();
  }

  static List<String> lists() {
    return List.of(
        Routes.day(ForYouWebTest.TODAY),
        Routes.list(Period.weekOf(ForYouWebTest.TODAY)),
        Routes.list(Period.monthOf(ForYouWebTest.TODAY)),
        Routes.TRENDING,
        Routes.SEARCH + "?q=robot&mode=keyword");
  }

  @Test
  void the_setting_hides_a_readers_muted_papers_on_their_lists_only() throws Exception {
    var anonymous = site.browser();
    for (String path : lists()) {
      // Fills the shared cache for the lists that have one.
      assertThat(ids(anonymous.get(path).body())).as(path).containsExactlyInAnyOrderElementsOf(ALL);
    }
    var reader = site.signedIn("reader@example.org", Role.READER);
    var other = site.signedIn("other@example.org", Role.READER);
    String csrf = reader.csrf(Routes.ACCOUNT);
    reader.post(Routes.MUTES, "csrf", csrf, "kind", "author", "value", "MULLER, Jose");
    reader.post(Routes.MUTES, "csrf", csrf, "kind", "keyword", "value", "crypto");
    reader.post(Routes.MUTES, "csrf", csrf, "kind", "category", "value", "math");
    String otherCsrf = other.csrf(Routes.ACCOUNT);
    other.post(Routes.MUTES, "csrf", otherCsrf, "kind", "category", "value", "cs.RO");

    // Muting alone changes /for-you, not the lists.
    for (String path : lists()) {
      assertThat(ids(reader.get(path).body())).as(path).containsExactlyInAnyOrderElementsOf(ALL);
    }
    assertThat(reader.get(Routes.ACCOUNT).body())
        .contains("Hide papers by muted authors, categories and keywords on the lists")
        .doesNotContain("checked");

    assertThat(reader.post(Routes.LIST_SETTINGS, "hide_muted", "on").statusCode()).isEqualTo(403);
    assertThat(reader.post(Routes.LIST_SETTINGS, "csrf", csrf, "hide_muted", "<b>").statusCode())
        .isEqualTo(400);
    HttpResponse<String> on = reader.post(Routes.LIST_SETTINGS, "csrf", csrf, "hide_muted", "on");
    assertThat(on.statusCode()).isEqualTo(303);
    assertThat(on.headers().firstValue("Location")).contains(Routes.ACCOUNT + "#lists");
    assertThat(reader.get(Routes.ACCOUNT).body()).contains("value=\"on\" checked");

    for (String path : lists()) {
      HttpResponse<String> page = reader.get(path);
      assertThat(ids(page.body())).as(path).containsExactly(KEPT);
      assertThat(page.headers().firstValue("Cache-Control").orElse(""))
          .as(path)
          .contains("no-store");
      if (!path.startsWith(Routes.SEARCH)) {
        assertThat(page.body()).as(path).contains("3 papers are hidden by your mutes");
      }
      // Everybody else still gets every paper: the reader's filtering reached no shared page.
      assertThat(ids(anonymous.get(path).body())).as(path).containsExactlyInAnyOrderElementsOf(ALL);
      assertThat(ids(other.get(path).body())).as(path).containsExactlyInAnyOrderElementsOf(ALL);
    }
    // The category filter counts what it hides within the category.
    assertThat(reader.get(Routes.day(ForYouWebTest.TODAY) + "?category=cs.RO").body())
        .contains("1 paper is hidden by your mutes");
    // The search API, with the session, leaves them out too.
    JsonNode api =
        new ObjectMapper().readTree(reader.get("/api/papers/search?q=robot&mode=keyword").body());
    List<String> apiIds = new ArrayList<>();
    api.forEach(i -> apiIds.add(i.path("paper").path("id").asText()));
    assertThat(apiIds).containsExactly(KEPT);

    reader.post(Routes.LIST_SETTINGS, "csrf", csrf);
    for (String path : lists()) {
      assertThat(ids(reader.get(path).body())).as(path).containsExactlyInAnyOrderElementsOf(ALL);
    }
  }

  @Test
  void the_daily_papers_api_leaves_out_a_readers_muted_papers_in_an_answer_of_their_own()
      throws Exception {
    List<String> urls =
        List.of(
            "/api/daily_papers?date=" + ForYouWebTest.TODAY,
            "/api/daily_papers?date=" + ForYouWebTest.TODAY + "&sort=trending",
            "/api/daily_papers?week=" + Period.weekOf(ForYouWebTest.TODAY).key());
    var anonymous = site.browser();
    var reader = site.signedIn("reader@example.org", Role.READER);
    var other = site.signedIn("other@example.org", Role.READER);
    String csrf = reader.csrf(Routes.ACCOUNT);
    reader.post(Routes.MUTES, "csrf", csrf, "kind", "author", "value", "MULLER, Jose");
    reader.post(Routes.MUTES, "csrf", csrf, "kind", "keyword", "value", "crypto");
    for (String url : urls) {
      // Muted, but the setting is off: the shared answer.
      HttpResponse<String> shared = reader.get(url);
      assertThat(apiIds(shared.body())).as(url).containsExactlyInAnyOrderElementsOf(ALL);
      assertThat(shared.headers().firstValue("Vary").orElse("")).as(url).contains("Cookie");
      assertThat(shared.headers().firstValue("Cache-Control").orElse(""))
          .as(url)
          .doesNotContain("private");
    }
    reader.post(Routes.LIST_SETTINGS, "csrf", csrf, "hide_muted", "on");
    for (String url : urls) {
      HttpResponse<String> own = reader.get(url);
      assertThat(apiIds(own.body())).as(url).containsExactlyInAnyOrder(KNOTS, KEPT);
      assertThat(own.headers().firstValue("Cache-Control").orElse(""))
          .as(url)
          .isEqualTo("private, no-store");
      assertThat(own.headers().firstValue("Vary").orElse("")).as(url).contains("Cookie");
      // Twice anonymous: the second answer comes from the cache in front of the app.
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> everybody = anonymous.get(url);
        assertThat(apiIds(everybody.body())).as(url).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(everybody.headers().firstValue("Vary").orElse("")).as(url).contains("Cookie");
      }
      assertThat(apiIds(other.get(url).body())).as(url).containsExactlyInAnyOrderElementsOf(ALL);
    }
  }

  static List<String> apiIds(String json) throws Exception {
    List<String> out = new ArrayList<>();
    new ObjectMapper().readTree(json).forEach(i -> out.add(i.path("paper").path("id").asText()));
    return out;
  }

  /** The paper ids on a list or search page, in order. */
  static List<String> ids(String html) {
    List<String> out = new ArrayList<>();
    Matcher m =
        Pattern.compile(
                "data-paper=\"([^\"]+)\"|result-title\"><a class=\"math\" href=\"/papers/([^\"]+)\"")
            .matcher(html);
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return out;
  }
}
