package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Accounts;
import org.paperboy.community.PaperCollections;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.community.Votes;
import org.paperboy.mail.MailMessage;
import org.paperboy.paper.PaperVectors;
import org.paperboy.search.PaperSearch;
import org.paperboy.store.TestDatabases;

/** What each subscriber's digest brings: trending first, then picks for their topics and taste. */
class DigestComposerTest {

  @TempDir Path dir;
  DigestWorld world;
  List<MailMessage> mails = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    world = new DigestWorld(TestDatabases.Kind.SQLITE, dir);
  }

  @AfterEach
  void close() {
    world.close();
  }

  Digests digests(PaperSearch search) {
    return world.digests(world.settings(25), mails::add, search);
  }

  Subscription subscribe(Digests d, String email, Preferences prefs, User user) {
    d.subscriptions().subscribe(email, prefs, user, email);
    if (user != null && user.email().equals(email)) {
      return d.subscriptions().byEmail(email).orElseThrow();
    }
    Matcher m =
        Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(mails.get(mails.size() - 1).text());
    assertThat(m.find()).isTrue();
    return d.subscriptions().confirm(m.group(1));
  }

  static Map<String, Digests.Preview> byEmail(List<Digests.Preview> previews) {
    return previews.stream()
        .collect(java.util.stream.Collectors.toMap(Digests.Preview::email, p -> p));
  }

  @Test
  void trending_comes_first_and_picks_follow_topics_categories_and_not_for_me() {
    Digests d = digests(null);
    subscribe(d, "plain@example.org", Preferences.parse("daily", "", ""), null);
    subscribe(d, "video@example.org", Preferences.parse("daily", "video diffusion", ""), null);
    subscribe(d, "cl@example.org", Preferences.parse("daily", "", "cs.CL"), null);
    User reader =
        new Accounts(world.db, world.writes, world.clock).add("me@example.org", null, Role.READER);
    new PaperCollections(world.db, world.catalog, world.writes, world.clock)
        .markNotForMe(reader, "2606.10001");
    subscribe(d, "me@example.org", Preferences.parse("daily", "video diffusion", ""), reader);

    Map<String, Digests.Preview> p = byEmail(d.dryRun(d.period("daily:2026-06-29")));

    List<String> top5 =
        List.of("2606.10001", "2606.10002", "2606.10003", "2606.10004", "2606.10005");
    assertThat(p.get("plain@example.org").trending()).containsExactlyElementsOf(top5);
    assertThat(p.get("plain@example.org").picks()).isEmpty();
    assertThat(p.get("video@example.org").trending()).containsExactlyElementsOf(top5);
    assertThat(p.get("video@example.org").picks()).first().isEqualTo("2606.10007");
    assertThat(p.get("cl@example.org").picks()).containsExactly("2606.10008");
    // "Not for me" leaves the paper out of trending too; the next one moves up.
    assertThat(p.get("me@example.org").trending())
        .doesNotContain("2606.10001")
        .contains("2606.10006");
    assertThat(p.get("me@example.org").picks()).doesNotContain("2606.10001");
    // A dry run writes nothing.
    assertThat(d.outboxCounts(null)).isEmpty();
  }

  @Test
  void picks_match_meaning_and_an_accounts_upvotes_without_shared_words() throws Exception {
    try (PaperSearch search =
        PaperSearch.open(
            dir.resolve("index"), world.catalog, new PaperVectors(world.db, world.clock))) {
      search.embedPending(Integer.MAX_VALUE);
      Digests d = digests(search);
      // No word in common with "Protein folding with graph networks" or the quantum paper.
      subscribe(d, "bio@example.org", Preferences.parse("daily", "molecular biology", ""), null);
      User voter =
          new Accounts(world.db, world.writes, world.clock).add("v@example.org", null, Role.READER);
      new Votes(world.db, world.writes, world.clock).upvote(voter, "2606.10006");
      subscribe(d, "v@example.org", Preferences.parse("daily", "", ""), voter);

      Map<String, Digests.Preview> p = byEmail(d.dryRun(d.period("daily:2026-06-29")));

      // Protein folding is trending already; among the rest, none is about biology. The voter
      // is ranked as /for-you ranks them: the quantum paper they upvoted is not picked again.
      assertThat(p.get("v@example.org").picks()).isNotEmpty().doesNotContain("2606.10006");
      assertThat(p.get("bio@example.org").picks()).hasSize(3);
      // Topic vectors are stored with their model, so the next run does not embed again.
      Integer stored =
          world
              .db
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT COUNT(*) FROM subscriptions WHERE topic_vector IS NOT NULL"
                                  + " AND topic_model = :m")
                          .bind("m", search.model())
                          .mapTo(Integer.class)
                          .one());
      assertThat(stored).isEqualTo(1);
    }
  }
}
