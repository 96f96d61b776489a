package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.digest.Frequency;
import org.paperboy.digest.Preferences;
import org.paperboy.foryou.Follows;

/**
 * {@code /account/export.json}: a signed-in reader downloads everything they own as one JSON file
 * (and nobody else's rows, and no secret); without a session, the sign-in page.
 */
class AccountExportWebTest {

  static final String PAPER = "2606.00001";

  @TempDir Path dir;
  CommunitySite site;

  @BeforeEach
  void start() throws Exception {
    site =
        new CommunitySite(
            dir,
            List.of(ForYouWebTest.paper(PAPER, "Grasping with tactile sensors", "cs.RO", "Bo")));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  /** Makes one of everything a reader can own. */
  void own(User u, String word) {
    var c = site.community;
    c.votes().upvote(u, PAPER);
    var col = c.collections().create(u, "Reading " + word, "", false);
    c.collections().add(u, col.id(), PAPER);
    c.collections().markNotForMe(u, PAPER);
    c.comments().post(u, PAPER, "A comment about " + word);
    Follows f = c.forYou().follows();
    f.followAuthor(u, "Author " + word);
    f.followSearch(u, "robots " + word, "keyword", null);
    f.mute(u, Follows.MuteKind.KEYWORD, word);
    f.setInterests(u, "tactile " + word);
    f.hideMuted(u, true);
    c.feedTokens().rotate(u.id());
    c.digests()
        .subscriptions()
        .subscribe(u.email(), new Preferences(Frequency.WEEKLY, word, List.of("cs.RO")), u, word);
  }

  @Test
  void a_reader_downloads_all_they_own_and_nothing_of_anybody_else() throws Exception {
    HttpResponse<String> anonymous = site.browser().get(Routes.ACCOUNT_EXPORT);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location").orElse("")).contains(Routes.SIGN_IN);

    var b = site.signedIn("ada@example.org", Role.READER);
    site.signedIn("bob@example.org", Role.READER);
    User ada = site.community.accounts().findByEmail("ada@example.org").orElseThrow();
    User bob = site.community.accounts().findByEmail("bob@example.org").orElseThrow();
    own(ada, "ada");
    own(bob, "bob");

    assertThat(b.get(Routes.ACCOUNT).body()).contains("href=\"" + Routes.ACCOUNT_EXPORT + "\"");
    HttpResponse<String> res = b.get(Routes.ACCOUNT_EXPORT);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Cache-Control").orElse("")).isEqualTo("private, no-store");
    assertThat(res.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment")
        .contains(".json");
    assertThat(res.body()).doesNotContain("bob");
    JsonNode doc = new ObjectMapper().readTree(res.body());
    assertThat(doc.path("format").asText()).isEqualTo("paperboy-account-export");
    for (String kind :
        List.of(
            "users",
            "votes",
            "collections",
            "collection_papers",
            "comments",
            "unwanted_papers",
            "follows",
            "mutes",
            "reader_interests",
            "reader_settings",
            "subscriptions",
            "feed_tokens")) {
      assertThat(doc.path(kind).size()).as(kind).isGreaterThanOrEqualTo(1);
      for (JsonNode row : doc.path(kind)) {
        List<String> columns = new ArrayList<>();
        row.fieldNames().forEachRemaining(columns::add);
        assertThat(columns)
            .as(kind)
            .doesNotContain("token_hash", "nonce", "manage_token", "confirm_hash");
        if (row.has("user_id")) {
          assertThat(row.path("user_id").asText()).as(kind).isEqualTo(ada.id());
        }
      }
    }
    assertThat(doc.path("users").get(0).path("email").asText()).isEqualTo("ada@example.org");
    assertThat(doc.path("follows")).hasSize(2);
    assertThat(doc.path("collection_papers").get(0).path("paper_id").asText()).isEqualTo(PAPER);
    assertThat(doc.path("comments").get(0).path("body").asText("")).isNotEmpty();
  }
}
