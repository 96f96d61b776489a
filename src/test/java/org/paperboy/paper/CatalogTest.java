package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.paper.Catalog.Outcome;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

class CatalogTest {

  @TempDir Path dir;

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-17T08:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate DAY = LocalDate.parse("2026-03-17");

  private static Paper.Builder paper(String id, String title) {
    return Paper.builder(id, title, "test")
        .abstractText("An abstract about " + title)
        .authors(List.of(new Author("Ada Lovelace", "Analytical Engines Ltd"), Author.named("Bo")))
        .categories(List.of("cs.CL", "cs.AI"))
        .published(LocalDate.parse("2026-03-01"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void stores_and_reads_back_every_field(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      Catalog catalog = new Catalog(db, CLOCK);
      Paper p =
          paper("2603.01234", "Adapt-$\\infty$: lifelong tuning")
              .version(2)
              .updated(LocalDate.parse("2026-03-05"))
              .doi("10.1000/xyz")
              .journalRef("J. Things 1 (2026)")
              .comments("12 pages")
              .license("http://creativecommons.org/licenses/by/4.0/")
              .codeUrl("https://github.com/a/b")
              .codeStars(42)
              .projectPage("https://a.github.io/b")
              .aiSummary("It adapts.")
              .aiKeywords(List.of("lifelong learning", "data selection"))
              .build();

      assertThat(catalog.apply(List.of(PaperRecord.of(p)))).containsExactly(Outcome.NEW);

      assertThat(catalog.find("2603.01234")).contains(p);
      assertThat(catalog.find("https://arxiv.org/abs/2603.01234v2")).contains(p);
      assertThat(catalog.find("2603.99999")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void reapplying_the_same_records_changes_nothing(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      Catalog catalog = new Catalog(db, CLOCK);
      List<PaperRecord> records =
          List.of(
              new PaperRecord(paper("2603.00001", "One").build(), new Listing(DAY, 0, "ak", 5, 1)),
              new PaperRecord(paper("2603.00002", "Two").build(), new Listing(DAY, 1, null, 3, 0)));

      assertThat(catalog.apply(records)).containsExactly(Outcome.NEW, Outcome.NEW);
      assertThat(catalog.apply(records)).containsExactly(Outcome.UNCHANGED, Outcome.UNCHANGED);
      assertThat(catalog.dailyList(DAY))
          .extracting(l -> l.paper().id(), l -> l.listing().upvotes())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("2603.00001", 5),
              org.assertj.core.groups.Tuple.tuple("2603.00002", 3));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_newer_version_wins_and_an_older_one_only_fills_gaps(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      Catalog catalog = new Catalog(db, CLOCK);
      catalog.apply(List.of(PaperRecord.of(paper("2603.00003", "Old title").version(1).build())));

      Paper v2 = paper("2603.00003", "New title").version(2).doi(null).build();
      assertThat(catalog.apply(List.of(PaperRecord.of(v2)))).containsExactly(Outcome.UPDATED);
      assertThat(catalog.find("2603.00003").orElseThrow().title()).isEqualTo("New title");

      Paper v1again = paper("2603.00003", "Old title").version(1).doi("10.1/filled").build();
      assertThat(catalog.apply(List.of(PaperRecord.of(v1again)))).containsExactly(Outcome.UPDATED);
      Paper stored = catalog.find("2603.00003").orElseThrow();
      assertThat(stored.title()).isEqualTo("New title");
      assertThat(stored.version()).isEqualTo(2);
      assertThat(stored.doi()).isEqualTo("10.1/filled");
      assertThat(catalog.apply(List.of(PaperRecord.of(v1again))))
          .containsExactly(Outcome.UNCHANGED);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_local_paper_is_merged_into_the_arxiv_paper_of_the_same_title(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      Catalog catalog = new Catalog(db, CLOCK);
      String title = "Distilling Instruction-following Abilities";
      Paper local = Paper.builder(Paper.localId(title), title, "seed").abstractText("A.").build();
      catalog.apply(List.of(new PaperRecord(local, new Listing(DAY, 0, null, 0, 0))));
      assertThat(catalog.dailyList(DAY))
          .extracting(l -> l.paper().id())
          .containsExactly(local.id());

      Paper arxiv = paper("2405.13448", "Distilling  instruction-following abilities").build();
      assertThat(catalog.apply(List.of(PaperRecord.of(arxiv)))).containsExactly(Outcome.NEW);

      assertThat(catalog.find(local.id())).isEmpty();
      assertThat(catalog.dailyList(DAY))
          .extracting(l -> l.paper().id())
          .containsExactly("2405.13448");

      // The seed imported again now lands on the arXiv paper instead of making a local one.
      assertThat(catalog.apply(List.of(new PaperRecord(local, new Listing(DAY, 0, null, 0, 0)))))
          .containsExactly(Outcome.UNCHANGED);
      assertThat(catalog.stats().localPapers()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void navigates_between_days_that_have_lists(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      Catalog catalog = new Catalog(db, CLOCK);
      List<PaperRecord> records = new ArrayList<>();
      for (String day : List.of("2026-03-13", "2026-03-16", "2026-03-17")) {
        records.add(
            new PaperRecord(
                paper("2603.1" + day.substring(8), "Paper of " + day).build(),
                new Listing(LocalDate.parse(day), 0, null, 1, 0)));
      }
      catalog.apply(records);

      assertThat(catalog.latestListDate()).contains(DAY);
      assertThat(catalog.previousListDate(DAY)).contains(LocalDate.parse("2026-03-16"));
      assertThat(catalog.previousListDate(LocalDate.parse("2026-03-16")))
          .contains(LocalDate.parse("2026-03-13"));
      assertThat(catalog.previousListDate(LocalDate.parse("2026-03-13"))).isEmpty();
      assertThat(catalog.nextListDate(LocalDate.parse("2026-03-13")))
          .contains(LocalDate.parse("2026-03-16"));
      assertThat(catalog.stats().listDays()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void the_same_paper_twice_in_one_batch_is_new_then_unchanged(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      Catalog catalog = new Catalog(db, CLOCK);
      Paper p = paper("2603.00009", "Twice").build();
      assertThat(catalog.apply(List.of(PaperRecord.of(p), PaperRecord.of(p))))
          .containsExactly(Outcome.NEW, Outcome.UNCHANGED);
      assertThat(catalog.stats().papers()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void numbers_every_change_so_a_follower_can_resume(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      Catalog catalog = new Catalog(db, CLOCK);
      assertThat(catalog.lastChange()).isZero();
      Paper a = paper("2603.00001", "First").build();
      Paper b = paper("2603.00002", "Second").build();
      catalog.apply(List.of(PaperRecord.of(a), PaperRecord.of(b)));
      assertThat(catalog.changesSince(0, 10))
          .extracting(Catalog.Change::seq, Catalog.Change::id)
          .containsExactly(tuple(1L, a.id()), tuple(2L, b.id()));
      assertThat(catalog.changesSince(0, 1)).extracting(Catalog.Change::id).containsExactly(a.id());

      // Re-applying changes nothing; a new list entry changes the paper and its upvotes.
      catalog.apply(List.of(PaperRecord.of(a), PaperRecord.of(b)));
      assertThat(catalog.lastChange()).isEqualTo(2);
      catalog.apply(List.of(new PaperRecord(a, new Listing(DAY, 0, null, 17, 0))));
      assertThat(catalog.changesSince(2, 10)).containsExactly(new Catalog.Change(3, a.id(), a, 17));

      // A local paper merged into its arXiv twin is reported as removed (its row, and so its
      // own change 4, are gone).
      String title = "Distilling Instruction-following Abilities";
      Paper local = Paper.builder(Paper.localId(title), title, "seed").build();
      catalog.apply(List.of(PaperRecord.of(local)));
      catalog.apply(List.of(PaperRecord.of(paper("2405.13448", title).build())));
      assertThat(catalog.changesSince(3, 10))
          .extracting(Catalog.Change::id, Catalog.Change::removed)
          .containsExactly(tuple("2405.13448", false), tuple(local.id(), true));
      assertThat(catalog.lastChange()).isEqualTo(6);
    }
  }
}
