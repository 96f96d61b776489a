package org.paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Catalog;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

class SubmissionsTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-03-17");

  @TempDir Path dir;
  private Database db;
  private Writes writes;
  private final MovableClock clock = new MovableClock("2026-03-17T08:00:00Z");
  private final List<ArxivId> lookedUp = new ArrayList<>();
  private Catalog catalog;
  private Submissions submissions;
  private Curation curation;
  private User ada;
  private User curator;

  private void open(Kind kind) {
    db = TestDatabases.open(kind, dir);
    writes = new Writes(db, 10, clock);
    catalog = new Catalog(db, clock);
    PaperLookup arxiv =
        id -> {
          lookedUp.add(id);
          return switch (id.id()) {
            case "2503.00010" ->
                Optional.of(Papers.paper("2503.00010", "Fresh", TODAY.minusDays(3)));
            case "2603.55555" -> throw new UncheckedIOException(new java.io.IOException("down"));
            default -> Optional.empty();
          };
        };
    submissions = new Submissions(db, catalog, arxiv, 14, writes, clock);
    curation = new Curation(db, catalog, clock);
    Accounts accounts = new Accounts(db, writes, clock);
    ada = accounts.add("ada@example.org", "Ada", Role.READER);
    curator = accounts.add("cur@example.org", "Cur", Role.CURATOR);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static CommunityException.Reason reason(Throwable t) {
    return ((CommunityException) t).reason();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_paper_from_the_catalog_or_from_arxiv_goes_to_the_end_of_todays_list(Kind kind) {
    open(kind);
    Papers.listed(catalog, "2503.00001", TODAY, 0, 5);
    Papers.store(catalog, "2503.00002", "Known", TODAY.minusDays(14));

    Submissions.Submitted known = submissions.submit(ada, "https://arxiv.org/abs/2503.00002v2");
    assertThat(known.fetched()).isFalse();
    assertThat(known.date()).isEqualTo(TODAY);
    Submissions.Submitted fetched = submissions.submit(ada, "arXiv:2503.00010");
    assertThat(fetched.fetched()).isTrue();
    assertThat(catalog.find("2503.00010")).isPresent();
    assertThat(lookedUp).extracting(ArxivId::id).containsExactly("2503.00010");

    assertThat(catalog.dailyList(TODAY))
        .extracting(
            lp -> lp.paper().id() + "@" + lp.listing().position() + ":" + lp.listing().submitter())
        .containsExactly("2503.00001@0:ak", "2503.00002@1:Ada", "2503.00010@2:Ada");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void submission_errors_say_what_is_wrong(Kind kind) {
    open(kind);
    Papers.listed(catalog, "2503.00001", TODAY.minusDays(1), 0, 5);
    Papers.store(catalog, "2503.00003", "Old", TODAY.minusDays(15));

    assertThatThrownBy(() -> submissions.submit(ada, "not an id"))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.BAD_INPUT))
        .hasMessageContaining("'not an id' is not an arXiv id or URL");
    assertThatThrownBy(() -> submissions.submit(ada, " "))
        .hasMessageContaining("Enter an arXiv id");
    assertThatThrownBy(() -> submissions.submit(ada, "2503.00001"))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.CONFLICT))
        .hasMessageContaining("already on the list of 2026-03-16");
    assertThatThrownBy(() -> submissions.submit(ada, "2503.00003"))
        .hasMessageContaining("within 14 days")
        .hasMessageContaining("2026-03-02");
    assertThatThrownBy(() -> submissions.submit(ada, "2503.09999"))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.NOT_FOUND))
        .hasMessageContaining("arXiv has no paper 2503.09999");
    assertThatThrownBy(() -> submissions.submit(ada, "2603.55555"))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.UNAVAILABLE));
    assertThatThrownBy(() -> submissions.submit(null, "2503.00010"))
        .hasMessageContaining("Sign in");
    submissions.submit(ada, "2503.00010");
    assertThatThrownBy(() -> submissions.submit(curator, "2503.00010v1"))
        .hasMessageContaining("already on the list of 2026-03-17");
    assertThat(catalog.dailyList(TODAY)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void curators_pin_reorder_hide_and_remove_and_reimports_keep_it(Kind kind) {
    open(kind);
    for (int i = 0; i < 4; i++) {
      Papers.listed(catalog, "2503.0000" + i, TODAY, i, 10 - i);
    }
    assertThatThrownBy(() -> curation.pin(ada, TODAY, "2503.00003", true))
        .hasMessageContaining("Only curators");

    curation.pin(curator, TODAY, "2503.00003", true);
    curation.reorder(curator, TODAY, List.of("2503.00002", "2503.00001"));
    curation.hide(curator, TODAY, "2503.00001", true);
    assertThat(ids(curation.list(TODAY, ada)))
        .containsExactly("2503.00003", "2503.00002", "2503.00000");
    assertThat(ids(curation.list(TODAY, curator)))
        .containsExactly("2503.00003", "2503.00002", "2503.00001", "2503.00000");
    assertThat(new Moderation(db, new Accounts(db, writes, clock)).hiddenEntries(curator))
        .extracting(Moderation.HiddenEntry::paperId)
        .containsExactly("2503.00001");

    // re-importing the day rewrites the imported columns only
    for (int i = 0; i < 4; i++) {
      Papers.listed(catalog, "2503.0000" + i, TODAY, i, 20 - i);
    }
    assertThat(ids(curation.list(TODAY, ada)))
        .containsExactly("2503.00003", "2503.00002", "2503.00000");

    curation.remove(curator, TODAY, "2503.00002");
    assertThat(ids(curation.list(TODAY, ada))).containsExactly("2503.00003", "2503.00000");
    assertThatThrownBy(() -> curation.remove(curator, TODAY, "2503.00002"))
        .hasMessageContaining("not on the list");
    assertThatThrownBy(() -> curation.reorder(curator, TODAY, List.of("2503.09999")))
        .hasMessageContaining("not on the list");
  }

  private static List<String> ids(List<Curation.CuratedEntry> entries) {
    return entries.stream().map(e -> e.entry().paper().id()).toList();
  }
}
