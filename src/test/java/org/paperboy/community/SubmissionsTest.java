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
  void a_paper_from_the_catalog_goes_on_at_once_and_one_from_arxiv_after_its_lookup(Kind kind) {
    open(kind);
    Papers.listed(catalog, "2503.00001", TODAY, 0, 5);
    Papers.store(catalog, "2503.00002", "Known", TODAY.minusDays(14));

    Submissions.Submission known = submissions.submit(ada, "https://arxiv.org/abs/2503.00002v2");
    assertThat(known.state()).isEqualTo(SubmissionState.ADDED);
    assertThat(known.date()).isEqualTo(TODAY);
    assertThat(known.title()).isEqualTo("Known");
    Submissions.Submission queued = submissions.submit(ada, "arXiv:2503.00010");
    // Nothing asks arXiv on the submitting thread: the reader gets the pending row at once.
    assertThat(queued.state()).isEqualTo(SubmissionState.PENDING);
    assertThat(queued.typed()).isEqualTo("arXiv:2503.00010");
    assertThat(lookedUp).isEmpty();
    assertThat(catalog.find("2503.00010")).isEmpty();

    assertThat(submissions.processDue()).isEqualTo(1);
    assertThat(lookedUp).extracting(ArxivId::id).containsExactly("2503.00010");
    assertThat(submissions.processDue()).isZero();
    Submissions.Submission done = submissions.find(ada, queued.id());
    assertThat(done.state()).isEqualTo(SubmissionState.ADDED);
    assertThat(done.title()).isEqualTo("Fresh");
    assertThat(done.detail()).isEqualTo("On the list of " + TODAY);
    assertThat(submissions.mine(ada, 10))
        .extracting(Submissions.Submission::paperId)
        .containsExactlyInAnyOrder("2503.00010", "2503.00002");
    assertThatThrownBy(() -> submissions.find(curator, queued.id()))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.NOT_FOUND));

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
    assertThatThrownBy(() -> submissions.submit(null, "2503.00010"))
        .hasMessageContaining("Sign in");

    Submissions.Submission unknown = submissions.submit(ada, "2503.09999");
    submissions.submit(ada, "2503.00010");
    assertThatThrownBy(() -> submissions.submit(curator, "2503.00010v1"))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.CONFLICT))
        .hasMessageContaining("being looked up on arXiv");
    assertThat(submissions.processDue()).isEqualTo(2);
    assertThat(submissions.find(ada, unknown.id()).state()).isEqualTo(SubmissionState.NOT_FOUND);
    assertThat(submissions.find(ada, unknown.id()).detail())
        .isEqualTo("arXiv has no paper 2503.09999");
    assertThatThrownBy(() -> submissions.submit(curator, "2503.00010v1"))
        .hasMessageContaining("already on the list of 2026-03-17");
    assertThat(catalog.dailyList(TODAY)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void an_unreachable_arxiv_is_asked_again_with_growing_pauses_then_given_up(Kind kind) {
    open(kind);
    Submissions.Submission s = submissions.submit(ada, "2603.55555");
    long[] waits = {1, 2, 4, 8, 16};
    for (int i = 0; i < waits.length; i++) {
      assertThat(submissions.processDue()).isEqualTo(1);
      Submissions.Submission now = submissions.find(ada, s.id());
      assertThat(now.state()).isEqualTo(SubmissionState.PENDING);
      assertThat(now.attempts()).isEqualTo(i + 1);
      assertThat(now.detail())
          .contains("arXiv could not be reached (")
          .contains("trying again in " + waits[i] + " min");
      assertThat(submissions.processDue()).as("not due yet").isZero();
      clock.advance(java.time.Duration.ofMinutes(waits[i]));
    }
    assertThat(submissions.processDue()).isEqualTo(1);
    Submissions.Submission failed = submissions.find(ada, s.id());
    assertThat(failed.state()).isEqualTo(SubmissionState.FAILED);
    assertThat(failed.attempts()).isEqualTo(Submissions.MAX_ATTEMPTS);
    assertThat(failed.detail()).contains("after 6 tries").contains("submit it again later");
    assertThat(lookedUp).hasSize(Submissions.MAX_ATTEMPTS);
    // A failed submission does not block trying again.
    assertThat(submissions.submit(ada, "2603.55555").state()).isEqualTo(SubmissionState.PENDING);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_lookup_cut_short_by_a_dying_node_is_taken_over_when_its_lease_ends(Kind kind) {
    open(kind);
    Submissions dying =
        new Submissions(
            db,
            catalog,
            id -> {
              throw new StackOverflowError("the node dies mid-lookup");
            },
            14,
            writes,
            clock);
    Submissions.Submission s = submissions.submit(ada, "2503.00010");
    assertThatThrownBy(dying::processDue).isInstanceOf(StackOverflowError.class);
    // The row is leased to the dead node: the other node leaves it alone until the lease ends.
    assertThat(submissions.processDue()).isZero();
    assertThat(submissions.find(ada, s.id()).state()).isEqualTo(SubmissionState.PENDING);
    clock.advance(Submissions.LEASE.plusSeconds(1));
    assertThat(submissions.processDue()).isEqualTo(1);
    assertThat(submissions.find(ada, s.id()).state()).isEqualTo(SubmissionState.ADDED);
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
