package org.paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

/** A local paper merged into its arXiv paper takes what readers did with it along. */
class MergedPapersTest {

  private static final LocalDate DAY = LocalDate.parse("2026-03-17");
  private static final String TITLE = "Large Language Monkeys: Scaling Inference Compute";

  @TempDir Path dir;
  private Database db;
  private final MovableClock clock = new MovableClock("2026-03-17T08:00:00Z");

  private Writes writes;
  private Catalog catalog;
  private Accounts accounts;
  private Votes votes;

  private void open(Kind kind) {
    db = TestDatabases.open(kind, dir);
    writes = new Writes(db, 10, clock);
    catalog = new Catalog(db, clock);
    catalog.onAbsorb(new MergedPapers());
    accounts = new Accounts(db, writes, clock);
    votes = new Votes(db, writes, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void votes_comments_saves_and_not_for_me_move_to_the_arxiv_paper(Kind kind) {
    open(kind);
    Comments comments = new Comments(db, writes, clock);
    PaperCollections collections = new PaperCollections(db, catalog, writes, clock);

    String local = Paper.localId(TITLE);
    catalog.apply(
        List.of(
            new PaperRecord(
                Paper.builder(local, TITLE, "seed-page").build(),
                new Listing(DAY, 0, "ak", 12, 0))));
    Papers.store(catalog, "2407.00001", "Another paper", DAY);
    User ada = accounts.add("ada@example.org", "Ada", Role.READER);
    User bob = accounts.add("bob@example.org", "Bob", Role.READER);
    User eve = accounts.add("eve@example.org", "Eve", Role.READER);
    votes.upvote(ada, local);
    votes.upvote(bob, local);
    comments.post(ada, local, "Worth reading.");
    PaperCollection reading = collections.create(ada, "Reading", "", true);
    collections.add(ada, reading.id(), local);
    collections.markNotForMe(eve, local);

    // The arXiv paper of the same title arrives; Bob had found it there already.
    Paper arxiv = Papers.paper("2407.21787", TITLE, DAY.minusDays(200));
    catalog.apply(List.of(PaperRecord.of(arxiv.toBuilder().categories(List.of()).build())));
    assertThat(catalog.find(local)).isEmpty();
    String id = "2407.21787";

    assertThat(votes.count(id).community()).isEqualTo(2);
    assertThat(votes.votedBy(bob, List.of(id))).containsExactly(id);
    assertThat(comments.page(id, ada, 1).comments())
        .extracting(Comment::body)
        .containsExactly("Worth reading.");
    assertThat(collections.papers(reading.id(), ada)).extracting(Paper::id).containsExactly(id);
    assertThat(collections.notForMe(eve.id())).containsExactly(id);
    assertThat(catalog.dailyList(DAY)).extracting(l -> l.paper().id()).containsExactly(id);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_reader_who_voted_for_both_keeps_one_vote(Kind kind) {
    open(kind);
    String local = Paper.localId(TITLE);
    catalog.apply(List.of(PaperRecord.of(Paper.builder(local, TITLE, "seed-page").build())));
    User ada = accounts.add("ada@example.org", "Ada", Role.READER);
    votes.upvote(ada, local);
    // A second arXiv record of another title first, so the local paper is still there.
    Papers.store(catalog, "2407.21787", "Large Language Monkeys (preprint)", DAY);
    votes.upvote(ada, "2407.21787");

    catalog.apply(List.of(PaperRecord.of(Papers.paper("2407.21787", TITLE, DAY))));

    assertThat(catalog.find(local)).isEmpty();
    assertThat(votes.count("2407.21787").community()).isEqualTo(1);
  }
}
