package org.paperboy.foryou;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.community.Accounts;
import org.paperboy.community.MovableClock;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.community.Writes;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Organization;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

/**
 * "New from your follows" on SQLite and PostgreSQL: papers that arrive after a follow (or after the
 * reader marked the news as seen) count, with the follows that brought them; reading changes
 * nothing, marking does, up to the newest the reader was shown.
 */
class FollowNewsTest {

  @TempDir Path dir;
  Database db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  static PaperRecord paper(
      String id, String title, String author, String category, String published) {
    return new PaperRecord(
        Paper.builder(id, title, "test")
            .version(1)
            .abstractText("About " + title.toLowerCase(java.util.Locale.ROOT) + ".")
            .authors(List.of(new Author(author, null), new Author("Co Author", null)))
            .categories(List.of(category))
            .organization(
                author.startsWith("Acme") ? new Organization("acme-ai", "Acme AI Lab") : null)
            .published(LocalDate.parse(published))
            .build(),
        null);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void papers_arriving_after_a_follow_are_news_until_marked_seen(Kind kind) {
    db = TestDatabases.open(kind, dir);
    MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");
    Catalog catalog = new Catalog(db, clock);
    Accounts accounts = new Accounts(db, new Writes(db, 10, clock), clock);
    User ada = accounts.add("ada@x.org", "Ada", Role.READER);
    User bob = accounts.add("bob@x.org", "Bob", Role.READER);
    Follows follows = new Follows(db, () -> null, clock);
    ForYou forYou = new ForYou(db, catalog, follows, () -> null, clock);
    FollowNews news = new FollowNews(db, forYou, clock);

    catalog.apply(
        List.of(paper("2606.00001", "Older grasping", "José Müller", "cs.RO", "2026-06-30")));
    clock.advance(Duration.ofMinutes(1));
    follows.followAuthor(ada, "Jose Muller");
    follows.followCategory(ada, "cs.RO");
    follows.followSearch(ada, "robot grasping", "keyword", null);
    follows.followOrganization(ada, "acme-ai", "Acme AI Lab");
    // What was here before the follows is not news.
    assertThat(news.count(ada.id())).isZero();

    clock.advance(Duration.ofHours(1));
    catalog.apply(
        List.of(
            paper("2607.00001", "Tactile sensing", "MULLER, Jose", "cs.RO", "2026-07-01"),
            paper("2607.00002", "Knot theory", "Someone Else", "math.GT", "2026-07-01"),
            // Old work imported now: outside the window of new papers.
            paper("2501.00001", "Grasping in 2025", "José Müller", "cs.RO", "2025-01-10")));
    Instant firstArrival = clock.instant();
    clock.advance(Duration.ofHours(1));
    catalog.apply(
        List.of(
            paper(
                "2607.00003",
                "Robot grasping of cloth",
                "Acme Researcher",
                "cs.RO",
                "2026-07-01")));

    FollowNews.News n = news.of(ada.id());
    assertThat(n.total()).isEqualTo(2);
    assertThat(n.items())
        .extracting(i -> i.paper().id())
        .containsExactly("2607.00003", "2607.00001");
    assertThat(n.items().get(0).reasons())
        .containsExactly(
            "in cs.RO, which you follow",
            "from Acme AI Lab, which you follow",
            "matches your alert 'robot grasping'");
    assertThat(n.items().get(1).reasons())
        .containsExactly("by Jose Muller, whom you follow", "in cs.RO, which you follow");
    assertThat(n.newest()).isEqualTo(clock.instant());
    // Reading is not seeing, and another reader's news is their own.
    assertThat(news.count(ada.id())).isEqualTo(2);
    assertThat(news.count(bob.id())).isZero();

    // Marked up to what the reader was shown: the later arrival stays new.
    news.markSeen(ada, firstArrival);
    assertThat(news.of(ada.id()).items())
        .extracting(i -> i.paper().id())
        .containsExactly("2607.00003");
    // A mark in the future is taken as now; a mark in the past never moves the mark back.
    news.markSeen(ada, clock.instant().plus(Duration.ofDays(1)));
    assertThat(news.count(ada.id())).isZero();
    news.markSeen(ada, Instant.EPOCH);
    assertThat(news.count(ada.id())).isZero();

    // A follow made later counts from its own start.
    clock.advance(Duration.ofMinutes(5));
    follows.followCategory(bob, "cs.RO");
    clock.advance(Duration.ofMinutes(5));
    catalog.apply(List.of(paper("2607.00004", "Legged robots", "Cy", "cs.RO", "2026-07-01")));
    assertThat(news.count(bob.id())).isEqualTo(1);
    assertThat(news.of(ada.id()).items())
        .singleElement()
        .satisfies(i -> assertThat(i.reasons()).containsExactly("in cs.RO, which you follow"));
  }
}
