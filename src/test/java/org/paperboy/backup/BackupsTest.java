package org.paperboy.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Paperboy;
import org.paperboy.community.MovableClock;
import org.paperboy.community.PaperCollection;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.digest.Preferences;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;

/**
 * Backups made while the instance writes, restores into an empty instance, the migration to
 * PostgreSQL, and the export of what people made: on the bundled demo set with a community on it.
 */
class BackupsTest {

  static final LocalDate DAY = LocalDate.parse("2026-06-30");

  @TempDir Path dir;
  final MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");

  Settings settings(Path data) {
    return Settings.from(Map.of("PAPERBOY_DATA", data.toString(), "PAPERBOY_DEMO_DATA", "false"));
  }

  /** The demo set plus accounts, votes, a comment, a collection, a hide and a subscription. */
  Paperboy populated(Path data) throws Exception {
    Paperboy p = Paperboy.builder(settings(data)).clock(clock).mailer(m -> {}).jobs(false).build();
    p.loadDemoData();
    var community = p.community();
    User ada = community.accounts().add("ada@example.org", "Ada", Role.READER);
    User cur = community.accounts().add("cur@example.org", "Cur", Role.CURATOR);
    community.votes().upvote(ada, "2606.26740");
    community.comments().post(ada, "2606.26740", "A *fine* paper, with $x^2$.");
    PaperCollection c = community.collections().create(ada, "Reading", "To read", true);
    community.collections().add(ada, c.id(), "2606.26740");
    community.forYou().follows().followAuthor(ada, "Lovelace, Ada");
    community.forYou().follows().mute(ada, org.paperboy.foryou.Follows.MuteKind.KEYWORD, "crypto");
    community.forYou().follows().hideMuted(ada, true);
    community.curation().hide(cur, DAY, "2606.30616", true);
    community
        .digests()
        .subscriptions()
        .subscribe("ada@example.org", Preferences.parse("daily", "video", ""), ada, "test");
    return p;
  }

  @Test
  void a_backup_made_while_papers_are_written_restores_into_an_empty_instance() throws Exception {
    Path file = dir.resolve("backup.db");
    Map<String, Long> atBackup;
    try (Paperboy source = populated(dir.resolve("a"))) {
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger written = new AtomicInteger();
      AtomicInteger stored = new AtomicInteger();
      Thread writer =
          new Thread(
              () -> {
                while (writing.get()) {
                  int n = written.incrementAndGet();
                  source
                      .catalog()
                      .apply(
                          List.of(
                              PaperRecord.of(
                                  Paper.builder(
                                          String.format("2612.%05d", n), "Written " + n, "test")
                                      .build())));
                  stored.incrementAndGet();
                }
              });
      writer.start();
      while (stored.get() < 20) {
        Thread.onSpinWait();
      }
      source.backups().backup(file);
      writing.set(false);
      writer.join();
      assertThat(written.get()).isGreaterThan(20);
      assertThatThrownBy(() -> source.backups().backup(file)).hasMessageContaining("exists");
      try (Database copy = Database.open("jdbc:sqlite:" + file, null, null);
          Connection c = copy.dataSource().getConnection()) {
        atBackup = Tables.counts(c, Tables.ordered(c));
        try (var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("ok");
        }
      }
      assertThat(atBackup.get("papers")).isBetween(183L + 20, 183L + written.get());
    }

    assertThat(Backups.keyBeside(file)).hasSameBinaryContentAs(dir.resolve("a/secret.key"));
    Path empty = dir.resolve("b");
    Backups.Copied restored = Backups.restore(file, settings(empty), (t, n) -> {});
    assertThat(empty.resolve("secret.key")).hasSameBinaryContentAs(dir.resolve("a/secret.key"));
    assertThat(restored.source()).isEqualTo(atBackup);
    try (Paperboy copy = Paperboy.builder(settings(empty)).clock(clock).jobs(false).build()) {
      assertThat(copy.catalog().stats().papers()).isEqualTo(atBackup.get("papers"));
      assertThat(copy.search().orElseThrow().status().papers()).isEqualTo(atBackup.get("papers"));
      assertThat(copy.community().accounts().findByEmail("ada@example.org")).isPresent();
      assertThat(copy.lists().hidden(org.paperboy.lists.Period.day(DAY))).contains("2606.30616");
    }
    // Never over an instance that has data.
    assertThatThrownBy(() -> Backups.restore(file, settings(empty), (t, n) -> {}))
        .hasMessageContaining("exists");
  }

  @Test
  void migrate_copies_every_table_into_an_empty_postgresql_and_verifies_the_counts()
      throws Exception {
    String url = TestDatabases.newPostgresUrl();
    try (Paperboy source = populated(dir.resolve("a"))) {
      Backups.Copied copied = source.backups().migrate(url, null, null, (t, n) -> {});
      assertThat(copied.verified()).isTrue();
      assertThat(copied.target().get("papers")).isEqualTo(183L);
      assertThat(copied.target().get("votes")).isEqualTo(1L);
      assertThat(copied.target()).containsKeys("digest_outbox", "subscription_events");
      // A second run finds the target full and refuses to merge.
      assertThatThrownBy(() -> source.backups().migrate(url, null, null, (t, n) -> {}))
          .hasMessageContaining("not empty");
    }
    Settings pg =
        Settings.from(
            Map.of(
                "PAPERBOY_DATA",
                dir.resolve("pg").toString(),
                "PAPERBOY_DB_URL",
                url,
                "PAPERBOY_DEMO_DATA",
                "false"));
    try (Paperboy copy = Paperboy.builder(pg).clock(clock).jobs(false).build()) {
      assertThat(copy.database().engine()).isEqualTo(Database.Engine.POSTGRESQL);
      assertThat(copy.catalog().stats().papers()).isEqualTo(183);
      assertThat(copy.lists().entries(org.paperboy.lists.Period.day(DAY), null))
          .extracting(e -> e.paper().id())
          .doesNotContain("2606.30616")
          .isNotEmpty();
      assertThat(copy.community().votes().count("2606.26740").community()).isEqualTo(1);
      // A reader's own export reads the same on PostgreSQL: their rows, no secret, nobody else's.
      User ada = copy.community().accounts().findByEmail("ada@example.org").orElseThrow();
      var own = copy.communityExport().readerRows(ada.id());
      assertThat(own.path("users")).hasSize(1);
      assertThat(own.path("votes")).hasSize(1);
      assertThat(own.path("collection_papers")).hasSize(1);
      assertThat(own.path("follows")).hasSize(1);
      assertThat(own.path("subscriptions")).hasSize(1);
      assertThat(own.path("subscription_events")).isNotEmpty();
      assertThat(own.toString()).doesNotContain("manage_token").doesNotContain("cur@example.org");
      assertThat(copy.communityExport().readerRows("nobody")).isNull();
      // The catalog goes on from where it was: a change after the copy is seen by the index.
      assertThat(copy.search().orElseThrow().status().papers()).isEqualTo(183);
    }
  }

  @Test
  void the_export_of_what_people_made_joins_another_instance() throws Exception {
    Path export = dir.resolve("export");
    try (Paperboy source = populated(dir.resolve("a"))) {
      Map<String, Long> rows = source.communityExport().export(export);
      assertThat(rows)
          .containsEntry("users", 2L)
          .containsEntry("votes", 1L)
          .containsEntry("comments", 1L)
          .containsEntry("collection_papers", 1L)
          .containsEntry("subscriptions", 1L)
          .containsEntry("follows", 1L)
          .containsEntry("mutes", 1L)
          .containsEntry("reader_settings", 1L)
          .containsEntry("curation", 1L);
      assertThat(Files.readString(export.resolve("comments.jsonl"))).contains("A *fine* paper");
      assertThatThrownBy(() -> source.communityExport().export(export))
          .hasMessageContaining("not empty");
    }
    try (Paperboy target =
        Paperboy.builder(settings(dir.resolve("c"))).clock(clock).jobs(false).build()) {
      target.loadDemoData();
      // Ada has an account there already, under another id: her votes join it.
      User there = target.community().accounts().add("ada@example.org", "Ada B", Role.READER);
      CommunityExport.Imported r = target.communityExport().importFrom(export);
      assertThat(r.kept()).containsEntry("users", 1);
      assertThat(r.added()).containsEntry("users", 1).containsEntry("votes", 1);
      assertThat(target.community().votes().votedBy(there, List.of("2606.26740"))).hasSize(1);
      assertThat(target.community().comments().page("2606.26740", null, 1).total()).isEqualTo(1);
      var steering = target.community().forYou().follows().of(there.id());
      assertThat(steering.follows()).extracting(f -> f.target()).containsExactly("ada lovelace");
      assertThat(steering.mutes()).extracting(m -> m.target()).containsExactly("crypto");
      assertThat(target.community().forYou().follows().hidesMuted(there.id())).isTrue();
      assertThat(target.lists().hidden(org.paperboy.lists.Period.day(DAY))).contains("2606.30616");
      // Importing again changes nothing.
      CommunityExport.Imported again = target.communityExport().importFrom(export);
      assertThat(again.added().values()).allMatch(n -> n == 0 || n == 1);
      assertThat(again.added()).containsEntry("votes", 0).containsEntry("comments", 0);
    }
  }
}
