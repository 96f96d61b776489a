package org.paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

class VotesTest {

  private static final LocalDate DAY = LocalDate.parse("2026-03-17");

  @TempDir Path dir;
  private Database db;
  private Writes writes;
  private final MovableClock clock = new MovableClock("2026-03-17T08:00:00Z");
  private Catalog catalog;
  private Accounts accounts;
  private Votes votes;

  private void open(Kind kind) {
    db = TestDatabases.open(kind, dir);
    writes = new Writes(db, 10, clock);
    catalog = new Catalog(db, clock);
    accounts = new Accounts(db, writes, clock);
    votes = new Votes(db, writes, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void voting_twice_counts_once_and_toggling_takes_it_back(Kind kind) {
    open(kind);
    Papers.listed(catalog, "2503.00001", DAY, 0, 0);
    User ada = accounts.add("ada@example.org", "Ada", Role.READER);

    assertThat(votes.upvote(ada, "2503.00001")).isTrue();
    assertThat(votes.upvote(ada, "2503.00001v2")).isFalse();
    assertThat(votes.count("2503.00001")).isEqualTo(new Upvotes(0, 1));
    assertThat(votes.votedBy(ada, List.of("2503.00001", "x"))).containsExactly("2503.00001");

    assertThat(votes.toggle(ada, "2503.00001")).isFalse();
    assertThat(votes.count("2503.00001").total()).isZero();
    assertThat(votes.toggle(ada, "2503.00001")).isTrue();
    assertThat(votes.unvote(ada, "2503.00001")).isTrue();
    assertThat(votes.unvote(ada, "2503.00001")).isFalse();
    assertThat(votes.count("2503.00001").total()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void imported_upvotes_are_a_base_that_reimports_do_not_double(Kind kind) {
    open(kind);
    Papers.listed(catalog, "2503.00001", DAY, 0, 40);
    // listed again on a later day with a newer snapshot: the highest snapshot is the base
    catalog.apply(
        List.of(
            new PaperRecord(
                catalog.find("2503.00001").orElseThrow(),
                new Listing(DAY.plusDays(1), 0, "ak", 42, 0))));
    User ada = accounts.add("ada@example.org", "Ada", Role.READER);
    votes.upvote(ada, "2503.00001");
    assertThat(votes.count("2503.00001")).isEqualTo(new Upvotes(42, 1));
    // re-importing the same day changes nothing
    catalog.apply(
        List.of(
            new PaperRecord(
                catalog.find("2503.00001").orElseThrow(), new Listing(DAY, 0, "ak", 40, 0))));
    assertThat(votes.count("2503.00001").total()).isEqualTo(43);
    Papers.store(catalog, "2503.00002", "Unlisted", DAY);
    assertThat(votes.counts(List.of("2503.00001", "2503.00002", "9999.99999")))
        .containsOnly(
            Map.entry("2503.00001", new Upvotes(42, 1)),
            Map.entry("2503.00002", new Upvotes(0, 0)));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void banned_accounts_cannot_vote_and_their_votes_stop_counting(Kind kind) {
    open(kind);
    Papers.listed(catalog, "2503.00001", DAY, 0, 0);
    User eve = accounts.add("eve@example.org", "Eve", Role.READER);
    User admin = accounts.add("root@example.org", "Root", Role.ADMIN);
    votes.upvote(eve, "2503.00001");
    assertThat(votes.count("2503.00001").total()).isEqualTo(1);

    Moderation moderation = new Moderation(db, accounts);
    User banned = moderation.ban(admin, eve.id());
    assertThat(votes.count("2503.00001").total()).isZero();
    assertThatThrownBy(() -> votes.toggle(banned, "2503.00001")).hasMessageContaining("banned");
    moderation.unban(admin, eve.id());
    assertThat(votes.count("2503.00001").total()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void unknown_papers_and_anonymous_voters_are_refused(Kind kind) {
    open(kind);
    User ada = accounts.add("ada@example.org", "Ada", Role.READER);
    assertThatThrownBy(() -> votes.toggle(ada, "2503.99999"))
        .satisfies(
            e ->
                assertThat(((CommunityException) e).reason())
                    .isEqualTo(CommunityException.Reason.NOT_FOUND));
    assertThatThrownBy(() -> votes.upvote(null, "2503.99999")).hasMessageContaining("Sign in");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void concurrent_toggles_leave_exactly_the_expected_counts(Kind kind) throws Exception {
    open(kind);
    int papers = 5;
    int users = 20;
    int togglesPerUserAndPaper = 7; // odd: every vote ends up cast
    for (int p = 0; p < papers; p++) {
      Papers.listed(catalog, "2503.0000" + p, DAY, p, 10);
    }
    List<User> voters = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      voters.add(accounts.add("voter" + u + "@example.org", "V" + u, Role.READER));
    }
    // Every (user, paper) toggle is submitted several times from different threads at once,
    // like a user clicking fast in several tabs.
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int round = 0; round < togglesPerUserAndPaper; round++) {
      for (User v : voters) {
        for (int p = 0; p < papers; p++) {
          String id = "2503.0000" + p;
          tasks.add(() -> votes.toggle(v, id));
        }
      }
    }
    Collections.shuffle(tasks, new Random(42));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    long added = 0;
    try {
      for (Callable<Boolean> t : tasks) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return t.call();
                }));
      }
      start.countDown();
      for (Future<Boolean> f : results) {
        if (f.get(60, TimeUnit.SECONDS)) {
          added++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    for (int p = 0; p < papers; p++) {
      assertThat(votes.count("2503.0000" + p)).isEqualTo(new Upvotes(10, users));
    }
    // each toggle made exactly one change: (k+1)/2 inserts of k toggles per vote
    assertThat(added).isEqualTo((long) users * papers * ((togglesPerUserAndPaper + 1) / 2));
  }
}
