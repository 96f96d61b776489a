package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

/** Lists over periods, keyset paging, text match and the change marker, on both engines. */
class DailyListsTest {

  @TempDir Path dir;

  private static final Instant NOW = Instant.parse("2026-03-17T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final LocalDate MON = LocalDate.parse("2026-03-16");
  private static final LocalDate TUE = LocalDate.parse("2026-03-17");
  private static final LocalDate NEXT_MON = LocalDate.parse("2026-03-23");

  private static Paper paper(String id, String title, String... categories) {
    return Paper.builder(id, title, "test")
        .abstractText("About " + title + ", with 100% certainty.")
        .categories(List.of(categories))
        .build();
  }

  private static final Paper A = paper("2603.00001", "Alpha Tuning", "cs.CL", "cs.AI");
  private static final Paper B = paper("2603.00002", "Beta Vision", "cs.CV");
  private static final Paper C = paper("2603.00003", "Gamma Later", "cs.AI");

  private Catalog filled(Database db) {
    Catalog catalog = new Catalog(db, CLOCK);
    catalog.apply(
        List.of(
            new PaperRecord(A, new Listing(MON, 0, "ak", 5, 0)),
            new PaperRecord(A, new Listing(TUE, 1, "bo", 9, 3)),
            new PaperRecord(B, new Listing(TUE, 0, "ak", 2, 1)),
            new PaperRecord(C, new Listing(NEXT_MON, 0, "ak", 4, 0))));
    return catalog;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void between_givesEachPaperOnceWithItsFirstDayAndHighestCounts(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      DailyLists lists = new DailyLists(filled(db));

      assertThat(lists.between(MON, MON.plusDays(6), null))
          .extracting(
              e -> e.paper().id(),
              e -> e.listing().date(),
              e -> e.listing().submitter(),
              e -> e.listing().upvotes(),
              e -> e.listing().comments(),
              ListEntry::firstSeen)
          .containsExactly(
              tuple("2603.00001", MON, "ak", 9, 3, NOW), tuple("2603.00002", TUE, "ak", 2, 1, NOW));
      assertThat(lists.between(TUE, TUE, null))
          .extracting(e -> e.paper().id(), e -> e.listing().upvotes())
          .containsExactly(tuple("2603.00002", 2), tuple("2603.00001", 9));
      assertThat(lists.between(MON.minusDays(7), MON.minusDays(1), null)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void between_filtersByWholeCategoryNames(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      DailyLists lists = new DailyLists(filled(db));

      assertThat(lists.between(MON, NEXT_MON, "cs.AI"))
          .extracting(e -> e.paper().id())
          .containsExactly("2603.00001", "2603.00003");
      assertThat(lists.between(MON, NEXT_MON, "cs.CV"))
          .extracting(e -> e.paper().id())
          .containsExactly("2603.00002");
      assertThat(lists.between(MON, NEXT_MON, "cs")).isEmpty();
      assertThat(lists.between(MON, NEXT_MON, "cs.C_")).isEmpty();
      assertThat(lists.between(MON, NEXT_MON, "%")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void latestBetween_isTheLastDayWithAListInTheRange(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      DailyLists lists = new DailyLists(filled(db));

      assertThat(lists.latestBetween(MON, MON.plusDays(6))).isEqualTo(TUE);
      assertThat(lists.latestBetween(MON.plusDays(2), MON.plusDays(6))).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void papersAfter_pagesThroughEveryPaperByKeyset(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      Catalog catalog = filled(db);

      assertThat(catalog.papersAfter(null, 2))
          .extracting(Paper::id)
          .containsExactly("2603.00001", "2603.00002");
      assertThat(catalog.papersAfter("2603.00002", 2))
          .extracting(Paper::id)
          .containsExactly("2603.00003");
      assertThat(catalog.papersAfter("2603.00003", 2)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void changeMarker_movesOnEveryRealChangeAndIsSharedThroughTheDatabase(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      Catalog catalog = new Catalog(db, CLOCK);
      long empty = catalog.changeMarker();

      List<PaperRecord> records = List.of(new PaperRecord(A, new Listing(MON, 0, "ak", 5, 0)));
      catalog.apply(records);
      long afterWrite = catalog.changeMarker();
      catalog.apply(records);
      long afterNoChange = catalog.changeMarker();
      catalog.apply(List.of(new PaperRecord(A, new Listing(MON, 0, "ak", 6, 0))));
      long afterUpvote = catalog.changeMarker();

      assertThat(afterWrite).isGreaterThan(empty);
      assertThat(afterNoChange).isEqualTo(afterWrite);
      assertThat(afterUpvote).isGreaterThan(afterNoChange);
      // Another process (here: another catalog on the same database) sees the same marker.
      assertThat(new Catalog(db, CLOCK).changeMarker()).isEqualTo(afterUpvote);
    }
  }
}
