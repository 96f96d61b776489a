package org.paperboy.foryou;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

/**
 * A reader's mutes as a rule over papers, and the setting that applies it to the lists, on SQLite
 * and PostgreSQL.
 */
class MutingTest {

  @TempDir Path dir;
  Database db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  static Paper paper(String title, String author, String... categories) {
    return Paper.builder("2606.00001", title, "test")
        .abstractText("About it.")
        .authors(List.of(Author.named(author)))
        .categories(List.of(categories))
        .published(LocalDate.parse("2026-06-30"))
        .build();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void lists_hide_the_muted_papers_only_once_the_reader_asks(Kind kind) {
    db = TestDatabases.open(kind, dir);
    MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");
    User ada =
        new Accounts(db, new Writes(db, 10, clock), clock).add("ada@x.org", "Ada", Role.READER);
    User bob =
        new Accounts(db, new Writes(db, 10, clock), clock).add("bob@x.org", "Bob", Role.READER);
    Follows follows = new Follows(db, () -> null, clock);
    follows.mute(ada, Follows.MuteKind.AUTHOR, "José Müller");
    follows.mute(ada, Follows.MuteKind.CATEGORY, "math");
    follows.mute(ada, Follows.MuteKind.KEYWORD, "Crypto");

    assertThat(follows.hidesMuted(ada.id())).isFalse();
    assertThat(follows.listMuting(ada.id())).isEmpty();
    follows.hideMuted(ada, true);
    follows.hideMuted(bob, true);
    assertThat(follows.hidesMuted(ada.id())).isTrue();
    // Bob muted nothing: his lists show everything.
    assertThat(follows.listMuting(bob.id())).isEmpty();

    Muting muting = follows.listMuting(ada.id()).orElseThrow();
    assertThat(muting.hides(paper("Grasping", "MULLER, Jose", "cs.RO"))).isTrue();
    assertThat(muting.hides(paper("Knots", "Cy", "cs.LG", "math.GT"))).isTrue();
    assertThat(muting.hides(paper("Post-quantum crypto schemes", "Cy", "cs.CR"))).isTrue();
    // Whole words and whole categories only.
    assertThat(muting.hides(paper("Cryptography in practice", "Cy", "cs.CR"))).isFalse();
    assertThat(muting.hides(paper("Mathematical reasoning", "Jose Mullerova", "cs.CL"))).isFalse();

    follows.hideMuted(ada, false);
    assertThat(follows.hidesMuted(ada.id())).isFalse();
    assertThat(follows.listMuting(ada.id())).isEmpty();
  }
}
