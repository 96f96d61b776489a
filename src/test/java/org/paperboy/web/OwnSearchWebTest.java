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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.community.PaperCollection;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

/**
 * Search within what a reader owns ({@code in:saved}, {@code in:upvoted}, {@code
 * in:collection:NAME}) over HTTP, as {@code serve} builds it, on SQLite and PostgreSQL: keyword,
 * semantic and hybrid search answer with the reader's papers only, on the page and in the API;
 * signed out, or with a collection the reader does not have, the answer says why.
 */
class OwnSearchWebTest {

  static final String SAVED_VIDEO = "2606.00001";
  static final String OTHER_VIDEO = "2606.00002";
  static final String PROTEIN = "2606.00003";
  static final String GRAPHS = "2606.00004";

  @TempDir Path dir;
  CommunitySite site;

  void start(Kind kind) throws Exception {
    List<PaperRecord> records =
        List.of(
            ForYouWebTest.paper(
                SAVED_VIDEO, "Video diffusion models for character animation", "cs.CV", "Ada"),
            ForYouWebTest.paper(
                OTHER_VIDEO, "Video generation with diffusion transformers", "cs.CV", "Bo"),
            ForYouWebTest.paper(
                PROTEIN, "Protein folding with equivariant networks", "q-bio", "Cy"),
            ForYouWebTest.paper(GRAPHS, "Graph neural networks for molecules", "cs.LG", "Di"));
    site =
        kind == Kind.SQLITE
            ? new CommunitySite(dir, records)
            : new CommunitySite(
                dir,
                records,
                "http://localhost",
                "PAPERBOY_DB_URL",
                TestDatabases.newPostgresUrl(),
                "PAPERBOY_DB_USER",
                "postgres");
    site.search.sync();
    site.search.embedPending(Integer.MAX_VALUE);
  }

  @AfterEach
  void stop() {
    if (site != null) {
      site.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void scopes_search_the_readers_own_papers_in_every_mode(Kind kind) throws Exception {
    start(kind);
    var reader = site.signedIn("reader@example.org", Role.READER);
    var other = site.signedIn("other@example.org", Role.READER);
    User r = site.community.accounts().findByEmail("reader@example.org").orElseThrow();
    User o = site.community.accounts().findByEmail("other@example.org").orElseThrow();
    PaperCollection group = site.community.collections().create(r, "reading group", "", false);
    PaperCollection later = site.community.collections().create(r, "later", "", false);
    site.community.collections().add(r, group.id(), SAVED_VIDEO);
    site.community.collections().add(r, later.id(), PROTEIN);
    site.community.votes().upvote(r, SAVED_VIDEO);
    site.community.votes().upvote(r, GRAPHS);
    PaperCollection theirs = site.community.collections().create(o, "reading group", "", true);
    site.community.collections().add(o, theirs.id(), OTHER_VIDEO);

    // Everybody's search finds both video papers; the reader's scope only theirs.
    assertThat(ids(reader.get(search("video diffusion", "keyword")).body()))
        .contains(SAVED_VIDEO, OTHER_VIDEO);
    for (String mode : List.of("keyword", "semantic", "hybrid")) {
      HttpResponse<String> page = reader.get(search("video diffusion in:saved", mode));
      assertThat(page.statusCode()).as(mode).isEqualTo(200);
      assertThat(ids(page.body())).as(mode).containsExactly(SAVED_VIDEO);
      assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
      assertThat(
              ids(
                  reader
                      .get(search("in:collection:\"reading group\" video diffusion", mode))
                      .body()))
          .as(mode)
          .containsExactly(SAVED_VIDEO);
      assertThat(
              ids(
                  other
                      .get(search("in:collection:\"reading group\" video diffusion", mode))
                      .body()))
          .as(mode)
          .containsExactly(OTHER_VIDEO);
    }
    // A scope alone lists its papers, newest first; scopes meet.
    assertThat(ids(reader.get(search("in:saved", null)).body()))
        .containsExactlyInAnyOrder(SAVED_VIDEO, PROTEIN);
    assertThat(ids(reader.get(search("in:upvoted", null)).body()))
        .containsExactlyInAnyOrder(SAVED_VIDEO, GRAPHS);
    assertThat(ids(reader.get(search("IN:Collection:LATER", null)).body()))
        .containsExactly(PROTEIN);
    assertThat(ids(reader.get(search("in:saved in:upvoted", null)).body()))
        .containsExactly(SAVED_VIDEO);
    assertThat(reader.get(search("in:upvoted protein", "keyword")).body())
        .contains("No papers found");

    // The API, with the session: the same papers, for this reader only.
    HttpResponse<String> api =
        reader.get("/api/papers/search?q=" + SearchWebTest.q("video in:saved") + "&mode=hybrid");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    assertThat(apiIds(api.body())).containsExactly(SAVED_VIDEO);
    assertThat(apiIds(other.get("/api/papers/search?q=" + SearchWebTest.q("in:saved")).body()))
        .containsExactly(OTHER_VIDEO);
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "SQLITE")
  void signed_out_or_an_unknown_collection_is_told_why_and_finds_nothing(Kind kind)
      throws Exception {
    start(kind);
    var anonymous = site.browser();
    HttpResponse<String> page = anonymous.get(search("video in:saved", "hybrid"));
    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.body())
        .contains("search your own papers; sign in to use them")
        .contains("href=\"/signin?next=")
        .contains("value=\"video in:saved\"");
    assertThat(ids(page.body())).isEmpty();
    HttpResponse<String> api =
        anonymous.get("/api/papers/search?q=" + SearchWebTest.q("in:upvoted"));
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(api.body()).doesNotContain(SAVED_VIDEO);
    // The search feed has no reader: refused, never everybody's papers.
    HttpResponse<String> feed =
        anonymous.get("/feeds/search.atom?q=" + SearchWebTest.q("in:saved video"));
    assertThat(feed.statusCode()).isEqualTo(400);
    assertThat(feed.body()).doesNotContain(SAVED_VIDEO);

    var reader = site.signedIn("reader@example.org", Role.READER);
    HttpResponse<String> unknown =
        reader.get(search("in:collection:\"<script>alert(1)</script>\" video", null));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body())
        .contains("You have no collection named")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)</script>")
        .contains("You have no collections yet.");
    HttpResponse<String> bad =
        reader.get("/api/papers/search?q=" + SearchWebTest.q("in:everything"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new ObjectMapper().readTree(bad.body()).path("detail").asText())
        .contains("in:saved, in:upvoted or in:collection:NAME");
    // Nothing saved yet: nothing found, no error.
    HttpResponse<String> none = reader.get(search("in:saved", null));
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.body()).contains("No papers found");
  }

  static String search(String q, String mode) {
    return Routes.SEARCH + "?q=" + SearchWebTest.q(q) + (mode == null ? "" : "&mode=" + mode);
  }

  /** The paper ids of a search page's results, in order. */
  static List<String> ids(String html) {
    List<String> out = new ArrayList<>();
    Matcher m =
        Pattern.compile("<h2 class=\"result-title\"><a class=\"math\" href=\"/papers/([^\"]+)\"")
            .matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static List<String> apiIds(String json) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode item : new ObjectMapper().readTree(json)) {
      out.add(item.path("paper").path("id").asText());
    }
    return out;
  }
}
