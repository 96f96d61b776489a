package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.community.Comment;
import org.paperboy.community.MovableClock;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.digest.Preferences;
import org.paperboy.foryou.Follows;
import org.paperboy.mail.MailMessage;
import org.paperboy.store.ChangeCounters;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;
import org.paperboy.web.Community;

/**
 * Issue 16: only changes that affect what lists show advance the change counters that every node's
 * cached pages and API answers are keyed on. A sign-in, a subscription, a follow or a setting
 * leaves them as they are (clearing every node's cache for them would be waste); a vote, a comment,
 * a curator's hide, show, removal or restore, and a ban each advance the community counter by one.
 * The counters are read from the database itself, as another node would find them.
 */
class CommunityChangesTest {

  static final LocalDate DAY = LocalDate.parse("2026-06-30");

  @org.junit.jupiter.api.io.TempDir Path dir;
  private final MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");
  private final List<MailMessage> mails = new CopyOnWriteArrayList<>();
  private Paperboy site;

  private Community open(Kind kind) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("PAPERBOY_DATA", dir.toString());
    env.put("PAPERBOY_DEMO_DATA", "false");
    env.put("PAPERBOY_HF_FOLLOW", "false");
    env.put("PAPERBOY_HARVEST", "false");
    if (kind == Kind.POSTGRESQL) {
      env.put("PAPERBOY_DB_URL", TestDatabases.newPostgresUrl());
      env.put("PAPERBOY_DB_USER", "postgres");
    }
    site = Paperboy.builder(Settings.from(env)).clock(clock).mailer(mails::add).jobs(false).build();
    try (InputStream in =
        Paperboy.class.getClassLoader().getResourceAsStream("demo/hf-2026-06-30.json.gz")) {
      site.importer().importStream(in, "hf-2026-06-30.json.gz");
    }
    return site.community();
  }

  @AfterEach
  void close() {
    if (site != null) {
      site.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_sign_in_a_subscription_a_follow_or_a_setting_changes_no_counter(Kind kind)
      throws Exception {
    Community community = open(kind);
    User ada = community.accounts().add("ada@example.org", "Ada", Role.READER);
    Counters before = counters();

    community.signIn().request("bo@example.org", "203.0.113.7", "browser-1");
    community.signIn().verify(token("bo@example.org"), "browser-1", false);
    assertThat(counters()).as("after a sign-in").isEqualTo(before);

    community
        .digests()
        .subscriptions()
        .subscribe("cy@example.org", Preferences.parse("daily", "", ""), null, "203.0.113.8");
    community.digests().subscriptions().confirm(token("cy@example.org"));
    assertThat(counters()).as("after a subscription").isEqualTo(before);

    Follows follows = community.forYou().follows();
    follows.followCategory(ada, "cs.CL");
    follows.followAuthor(ada, "Ada Lovelace");
    follows.unfollow(ada, Follows.Kind.CATEGORY, "cs.CL");
    assertThat(counters()).as("after follows").isEqualTo(before);

    community.accounts().rename(ada, "Ada L.");
    follows.hideMuted(ada, true);
    follows.mute(ada, Follows.MuteKind.KEYWORD, "diffusion");
    follows.setInterests(ada, "");
    assertThat(counters()).as("after setting changes").isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_vote_a_comment_a_hide_a_restore_and_a_ban_each_advance_the_community_counter(Kind kind)
      throws Exception {
    Community community = open(kind);
    User admin = community.accounts().add("admin@example.org", "Admin", Role.ADMIN);
    User ada = community.accounts().add("ada@example.org", "Ada", Role.READER);
    List<String> day = site.catalog().dailyList(DAY).stream().map(e -> e.paper().id()).toList();
    String paper = day.get(0);
    String other = day.get(1);
    Counters before = counters();

    community.votes().toggle(ada, paper);
    before = advanced(before, "a vote");
    community.votes().toggle(ada, paper);
    before = advanced(before, "a vote taken back");
    Comment comment = community.comments().post(ada, paper, "Read it twice.");
    before = advanced(before, "a comment");
    community.comments().delete(ada, comment.id());
    before = advanced(before, "a deleted comment");
    community.curation().hide(admin, DAY, other, true);
    before = advanced(before, "a hide");
    community.curation().hide(admin, DAY, other, false);
    before = advanced(before, "a hidden entry shown again");
    community.curation().remove(admin, DAY, other);
    before = advanced(before, "a removal");
    assertThat(community.curation().restore(admin, DAY, other)).isTrue();
    before = advanced(before, "a restore");
    community.moderation().ban(admin, ada.id());
    before = advanced(before, "a ban");
    community.moderation().unban(admin, ada.id());
    advanced(before, "an unban");
  }

  /** Both counters, read from the database (not through a node's short-lived copy). */
  private record Counters(long papers, long community) {}

  private Counters counters() {
    return site.database()
        .jdbi()
        .withHandle(
            h -> new Counters(value(h, ChangeCounters.PAPERS), value(h, ChangeCounters.COMMUNITY)));
  }

  private static long value(org.jdbi.v3.core.Handle h, String name) {
    return h.createQuery("SELECT value FROM change_counter WHERE name = :n")
        .bind("n", name)
        .mapTo(Long.class)
        .one();
  }

  /** Asserts the community counter advanced by one, the catalog's not at all; the new values. */
  private Counters advanced(Counters before, String what) {
    Counters now = counters();
    assertThat(now)
        .as("after " + what)
        .isEqualTo(new Counters(before.papers(), before.community() + 1));
    return now;
  }

  /** The token of the latest link mailed to an address. */
  private String token(String email) {
    for (int i = mails.size() - 1; i >= 0; i--) {
      if (mails.get(i).to().contains(email)) {
        Matcher m = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(mails.get(i).text());
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    throw new AssertionError("no link mailed to " + email);
  }
}
