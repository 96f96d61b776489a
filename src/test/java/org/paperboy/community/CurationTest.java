package org.paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.ListedPaper;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

/**
 * Curators' removals, restores and moves on SQLite and PostgreSQL (issue 14, item 5); how they meet
 * the Hugging Face follower is in {@code HfFollowerTest}.
 */
class CurationTest {

  private static final LocalDate DAY = LocalDate.parse("2026-03-17");

  @TempDir Path dir;
  private Database db;
  private final MovableClock clock = new MovableClock("2026-03-17T08:00:00Z");
  private Catalog catalog;
  private Curation curation;
  private User curator;
  private User reader;

  private void open(Kind kind) {
    db = TestDatabases.open(kind, dir);
    Writes writes = new Writes(db, 10, clock);
    catalog = new Catalog(db, clock);
    for (int i = 1; i <= 5; i++) {
      Papers.listed(catalog, "2503.0000" + i, DAY, i, 10 * i);
    }
    Accounts accounts = new Accounts(db, writes, clock);
    curator = accounts.add("cur@example.org", "Cur", Role.CURATOR);
    reader = accounts.add("ada@example.org", "Ada", Role.READER);
    curation = new Curation(db, catalog, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private List<String> order() {
    return curation.list(DAY, curator).stream().map(e -> e.entry().paper().id()).toList();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_removed_entry_is_restored_as_it_was(Kind kind) {
    open(kind);
    curation.pin(curator, DAY, "2503.00004", true);
    curation.hide(curator, DAY, "2503.00004", true);
    curation.move(curator, DAY, "2503.00003", -1);
    List<String> before = order();
    clock.advance(Duration.ofMinutes(5));
    curation.remove(curator, DAY, "2503.00004");
    assertThat(order()).doesNotContain("2503.00004");
    Curation.RemovedEntry removed = curation.removed(curator).get(0);
    assertThat(removed.paperId()).isEqualTo("2503.00004");
    assertThat(removed.removedAt()).isEqualTo(clock.instant());
    assertThat(removed.removedBy()).isEqualTo("Cur");
    assertThat(removed.restorable()).isTrue();
    // a later import of the day leaves it off
    Papers.listed(catalog, "2503.00004", DAY, 4, 99);
    assertThat(order()).doesNotContain("2503.00004");

    assertThat(curation.restore(curator, DAY, "2503.00004")).isTrue();
    assertThat(order()).isEqualTo(before);
    Curation.CuratedEntry back = curation.list(DAY, curator).get(0);
    assertThat(back.pinned()).isTrue();
    assertThat(back.hidden()).isTrue();
    ListedPaper listed = back.entry();
    assertThat(listed.listing().upvotes()).isEqualTo(40);
    assertThat(curation.removed(curator)).isEmpty();
    assertThatThrownBy(() -> curation.restore(curator, DAY, "2503.00004"))
        .isInstanceOf(CommunityException.class)
        .hasMessageContaining("was not removed");
    assertThatThrownBy(() -> curation.restore(reader, DAY, "2503.00001"))
        .isInstanceOf(CommunityException.class)
        .hasMessageContaining("Only curators");
    assertThatThrownBy(() -> curation.removed(reader)).isInstanceOf(CommunityException.class);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void an_entry_moves_among_the_entries_of_its_kind(Kind kind) {
    open(kind);
    curation.pin(curator, DAY, "2503.00003", true);
    curation.pin(curator, DAY, "2503.00005", true);
    List<String> pinnedFirst = order();
    assertThat(pinnedFirst.subList(0, 2)).containsExactlyInAnyOrder("2503.00003", "2503.00005");
    String upper = pinnedFirst.get(0);
    String lower = pinnedFirst.get(1);
    String firstUnpinned = pinnedFirst.get(2);

    assertThat(curation.move(curator, DAY, upper, 1)).isEqualTo(Curation.Move.MOVED);
    assertThat(order().subList(0, 2)).containsExactly(lower, upper);
    assertThat(curation.move(curator, DAY, upper, 1)).isEqualTo(Curation.Move.PINNED_EDGE);
    assertThat(curation.move(curator, DAY, firstUnpinned, -1)).isEqualTo(Curation.Move.PINNED_EDGE);
    assertThat(curation.move(curator, DAY, lower, -1)).isEqualTo(Curation.Move.LIST_EDGE);
    String last = order().get(4);
    assertThat(curation.move(curator, DAY, last, 1)).isEqualTo(Curation.Move.LIST_EDGE);
    assertThat(curation.move(curator, DAY, last, -1)).isEqualTo(Curation.Move.MOVED);
    assertThat(order().get(3)).isEqualTo(last);
    assertThatThrownBy(() -> curation.move(curator, DAY, "2503.09999", 1))
        .isInstanceOf(CommunityException.class);
  }
}
