package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.MovableClock;
import org.paperboy.community.RateLimiter;
import org.paperboy.community.Secrets;
import org.paperboy.mail.MailMessage;
import org.paperboy.store.Database;

class ManageTokensTest {

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");

  @Test
  void the_key_is_made_once_private_to_its_owner_and_tokens_are_derived_from_it() throws Exception {
    Path file = dir.resolve("data").resolve("secret.key");
    ManageTokens made = ManageTokens.load(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    ManageTokens again = ManageTokens.load(file);
    assertThat(again.token("sub-1")).isEqualTo(made.token("sub-1")).matches("[A-Za-z0-9_-]{43}");
    assertThat(made.token("sub-2")).isNotEqualTo(made.token("sub-1"));
    assertThat(ManageTokens.load(dir.resolve("other.key")).token("sub-1"))
        .isNotEqualTo(made.token("sub-1"));
  }

  @Test
  void tokens_are_stored_hashed_and_links_mailed_before_the_migration_keep_working()
      throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("paperboy.db");
    // a database as it was before V16, with a subscription whose clear token went out in mails
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .target("15")
        .load()
        .migrate();
    String old = Secrets.token();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO subscriptions (id, email, frequency, topics, categories, state,"
              + " manage_token, created_at, state_changed_at) VALUES ('sub-1', 'old@example.org',"
              + " 'DAILY', '', '', 'CONFIRMED', '"
              + old
              + "', 0, 0)");
    }

    try (Database db = Database.open(url, null, null)) {
      List<MailMessage> mails = new ArrayList<>();
      Subscriptions subs =
          new Subscriptions(
              db.jdbi(),
              new RateLimiter(db, clock),
              mails::add,
              URI.create("https://papers.example"),
              ManageTokens.load(dir.resolve("secret.key")),
              clock);
      Subscription before = subs.byManageToken(old).orElseThrow();
      assertThat(before.id()).isEqualTo("sub-1");
      String now = before.manageToken();
      assertThat(now).isNotEqualTo(old);
      assertThat(subs.byManageToken(now)).map(Subscription::id).hasValue("sub-1");
      assertThat(subs.manageLink(before)).endsWith(Subscriptions.MANAGE_PATH + now);

      // a new subscription: its token is derived, only its hash is stored
      subs.subscribe("new@example.org", Preferences.parse("daily", "", ""), null, "c");
      Subscription fresh = subs.byEmail("new@example.org").orElseThrow();
      assertThat(subs.byManageToken(fresh.manageToken()))
          .map(Subscription::id)
          .hasValue(fresh.id());
      assertThat(mails.get(0).text()).contains(fresh.manageToken());

      List<Map<String, Object>> rows =
          db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM subscriptions").mapToMap().list());
      String stored = rows.toString();
      for (String token : List.of(old, now, fresh.manageToken())) {
        assertThat(stored).doesNotContain(token);
      }
      assertThat(stored).contains(Secrets.hash(old), Secrets.hash(now));
      assertThat(subs.byManageToken(Secrets.hash(old).substring(0, 43))).isEmpty();

      assertThat(subs.unsubscribe(old, "old link").state())
          .isEqualTo(SubscriptionState.UNSUBSCRIBED);
    }
  }
}
