package org.paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.paper.Catalog;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

/** Bans and per-account limits on every write an account makes. */
class WritesTest {

  private static final LocalDate DAY = LocalDate.parse("2026-03-17");
  private static final int ACCOUNTS_PER_CLIENT = 10;

  @TempDir Path dir;
  private Database db;
  private final MovableClock clock = new MovableClock("2026-03-17T08:00:00Z");
  private Catalog catalog;
  private Accounts accounts;
  private Moderation moderation;
  private Comments comments;
  private Votes votes;
  private PaperCollections collections;
  private Submissions submissions;
  private User admin;
  private User curator;
  private User ada;
  private User bob;

  private void open(Kind kind) {
    db = TestDatabases.open(kind, dir);
    catalog = new Catalog(db, clock);
    Papers.listed(catalog, "2503.00001", DAY, 0, 3);
    Papers.store(catalog, "2503.00002", "Second", DAY);
    Writes writes = new Writes(db, ACCOUNTS_PER_CLIENT, clock);
    accounts = new Accounts(db, writes, clock);
    moderation = new Moderation(db, accounts);
    comments = new Comments(db, writes, clock);
    votes = new Votes(db, writes, clock);
    collections = new PaperCollections(db, catalog, writes, clock);
    submissions = new Submissions(db, catalog, id -> Optional.empty(), 14, writes, clock);
    admin = accounts.add("admin@example.org", "Admin", Role.ADMIN);
    curator = accounts.add("curator@example.org", "Curator", Role.CURATOR);
    ada = accounts.add("ada@example.org", "Ada", Role.READER);
    bob = accounts.add("bob@example.org", "Bob", Role.READER);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private static CommunityException.Reason reason(Throwable t) {
    return ((CommunityException) t).reason();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_ban_stops_every_write_and_hides_the_accounts_public_collections(Kind kind) {
    open(kind);
    PaperCollection shelf = collections.create(bob, "Spam shelf", "buy now", true);
    Comment adas = comments.post(ada, "2503.00001", "A fine paper");
    Comment bobs = comments.post(bob, "2503.00001", "mine");
    assertThat(collections.find(shelf.id(), null)).isPresent();

    User banned = moderation.ban(admin, bob.id());
    List<ThrowingCallable> writes =
        List.of(
            () -> collections.create(banned, "Another", "", true),
            () -> collections.add(banned, shelf.id(), "2503.00002"),
            () -> collections.remove(banned, shelf.id(), "2503.00002"),
            () -> collections.update(banned, shelf.id(), "Renamed", "", true),
            () -> collections.delete(banned, shelf.id()),
            () -> accounts.rename(banned, "New name"),
            () -> collections.markNotForMe(banned, "2503.00001"),
            () -> collections.unmarkNotForMe(banned, "2503.00001"),
            () -> comments.report(banned, adas.id(), "spam"),
            () -> comments.post(banned, "2503.00001", "again"),
            () -> comments.edit(banned, bobs.id(), "edited"),
            () -> comments.delete(banned, bobs.id()),
            () -> votes.toggle(banned, "2503.00001"),
            () -> votes.upvote(banned, "2503.00001"),
            () -> submissions.submit(banned, "2503.00002"));
    for (ThrowingCallable write : writes) {
      assertThatThrownBy(write)
          .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.FORBIDDEN))
          .hasMessageContaining("banned");
    }
    assertThat(accounts.find(bob.id()).orElseThrow().displayName()).isEqualTo("Bob");
    assertThat(collections.find(shelf.id(), banned).orElseThrow().name()).isEqualTo("Spam shelf");

    // its public collection: gone for others, kept for its owner and the moderators
    assertThat(collections.find(shelf.id(), null)).isEmpty();
    assertThat(collections.find(shelf.id(), ada)).isEmpty();
    assertThatThrownBy(() -> collections.exportJson(shelf.id(), null))
        .hasMessageContaining("No such collection");
    assertThat(collections.find(shelf.id(), banned)).isPresent();
    assertThat(collections.find(shelf.id(), curator)).isPresent();
    assertThat(collections.withheld(curator)).extracting(PaperCollection::id).contains(shelf.id());

    moderation.unban(admin, bob.id());
    assertThat(collections.find(shelf.id(), null)).isPresent();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void moderators_hide_any_collection_from_everyone_but_its_owner(Kind kind) {
    open(kind);
    PaperCollection list = collections.create(ada, "Reading", "", true);
    assertThatThrownBy(() -> collections.setHidden(bob, list.id(), true))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.FORBIDDEN));
    assertThatThrownBy(() -> collections.withheld(bob)).hasMessageContaining("curators");

    collections.setHidden(curator, list.id(), true);
    assertThat(collections.find(list.id(), null)).isEmpty();
    assertThat(collections.find(list.id(), bob)).isEmpty();
    assertThat(collections.find(list.id(), ada).orElseThrow().hidden()).isTrue();
    assertThat(collections.withheld(curator)).extracting(PaperCollection::id).contains(list.id());
    // making it public again is not a way around the moderator
    collections.update(ada, list.id(), "Reading", "", true);
    assertThat(collections.find(list.id(), null)).isEmpty();

    collections.setHidden(curator, list.id(), false);
    assertThat(collections.find(list.id(), null)).isPresent();
    assertThat(collections.withheld(curator)).isEmpty();
    assertThatThrownBy(() -> collections.setHidden(curator, "nope", true))
        .hasMessageContaining("No such collection");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void each_kind_of_write_is_limited_per_account_per_hour(Kind kind) {
    open(kind);
    Comment target = comments.post(bob, "2503.00001", "target");
    clock.advance(Duration.ofHours(1));
    int comment = Writes.Kind.COMMENT.limit.max();
    for (int i = 0; i < comment; i++) {
      comments.post(ada, "2503.00001", "comment " + i);
    }
    assertLimited(() -> comments.post(ada, "2503.00001", "one more"), "comments");
    // another account is not affected
    comments.post(bob, "2503.00001", "bob's");

    for (int i = 0; i < Writes.Kind.VOTE.limit.max(); i++) {
      votes.toggle(ada, "2503.00001");
    }
    assertLimited(() -> votes.toggle(ada, "2503.00001"), "votes");

    for (int i = 0; i < Writes.Kind.NEW_COLLECTION.limit.max(); i++) {
      collections.create(ada, "list " + i, "", false);
    }
    assertLimited(() -> collections.create(ada, "one more", "", false), "new collections");

    for (int i = 0; i < Writes.Kind.REPORT.limit.max(); i++) {
      comments.report(ada, target.id(), "reason " + i);
    }
    assertLimited(() -> comments.report(ada, target.id(), "again"), "reports");

    for (int i = 0; i < Writes.Kind.ACCOUNT.limit.max(); i++) {
      accounts.rename(ada, "Ada " + i);
    }
    assertLimited(() -> accounts.rename(ada, "Ada again"), "changes to the account");

    for (int i = 0; i < Writes.Kind.SUBMISSION.limit.max(); i++) {
      assertThatThrownBy(() -> submissions.submit(ada, "2503.00001"))
          .hasMessageContaining("already on the list");
    }
    assertLimited(() -> submissions.submit(ada, "2503.00001"), "submissions");

    clock.advance(Duration.ofHours(1));
    comments.post(ada, "2503.00001", "an hour later");
    votes.toggle(ada, "2503.00001");
    collections.create(ada, "an hour later", "", false);
  }

  @Test
  void collection_changes_and_not_for_me_marks_are_limited_too() {
    open(Kind.SQLITE);
    PaperCollection c = collections.create(ada, "Reading", "", false);
    for (int i = 0; i < Writes.Kind.COLLECTION.limit.max(); i++) {
      collections.add(ada, c.id(), "2503.00001");
    }
    assertLimited(() -> collections.add(ada, c.id(), "2503.00002"), "changes to collections");
    for (int i = 0; i < Writes.Kind.NOT_FOR_ME.limit.max(); i++) {
      collections.markNotForMe(ada, "2503.00001");
    }
    assertLimited(() -> collections.markNotForMe(ada, "2503.00002"), "\"not for me\" marks");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void one_client_writes_no_more_than_its_accounts_allowance_together(Kind kind) {
    open(kind);
    // a client may write as much as one account: the second account from there is refused
    Writes oneAccountEach = new Writes(db, 1, clock);
    Comments comments = new Comments(db, oneAccountEach, clock);
    Votes votes = new Votes(db, oneAccountEach, clock);
    User adaHere = ada.from("203.0.113.5");
    User bobHere = bob.from("203.0.113.5");
    clock.advance(Duration.ofMinutes(20));
    for (int i = 0; i < Writes.Kind.COMMENT.limit.max(); i++) {
      comments.post(adaHere, "2503.00001", "comment " + i);
    }
    assertThatThrownBy(() -> comments.post(bobHere, "2503.00001", "bob's"))
        .satisfies(
            e -> {
              CommunityException refused = (CommunityException) e;
              assertThat(refused.reason()).isEqualTo(CommunityException.Reason.RATE_LIMITED);
              // the window started on the hour
              assertThat(refused.retryAfter()).contains(Duration.ofMinutes(40));
            })
        .hasMessage(
            "Too many comments from your network address, all accounts together: at most 30 an"
                + " hour; try again in 40 minutes");
    // another client, and the same account from there, are not affected; nor a command
    comments.post(bob.from("198.51.100.7"), "2503.00001", "from elsewhere");
    comments.post(bob, "2503.00001", "no client");
    // each kind has its own allowance
    votes.toggle(bobHere, "2503.00001");

    for (int i = 1; i < Writes.Kind.VOTE.limit.max(); i++) {
      votes.toggle(adaHere, "2503.00001");
    }
    assertLimited(() -> votes.toggle(curator.from("203.0.113.5"), "2503.00001"), "votes");

    clock.advance(Duration.ofHours(1));
    comments.post(bobHere, "2503.00001", "an hour later");
  }

  @Test
  void the_default_allowance_is_ten_accounts_and_zero_means_none() {
    open(Kind.SQLITE);
    // ten accounts' worth of submissions from one client (each refused as already listed: counted)
    Writes ten = new Writes(db, ACCOUNTS_PER_CLIENT, clock);
    Submissions submissions = new Submissions(db, catalog, id -> Optional.empty(), 14, ten, clock);
    int allowance = ACCOUNTS_PER_CLIENT * Writes.Kind.SUBMISSION.limit.max();
    for (int i = 0; i < allowance; i++) {
      User someone = accounts.add("reader" + i + "@example.org", null, Role.READER);
      assertThatThrownBy(() -> submissions.submit(someone.from("203.0.113.5"), "not an id"))
          .hasMessageNotContaining("Too many");
    }
    User eleventh = accounts.add("eleventh@example.org", null, Role.READER);
    assertLimited(() -> submissions.submit(eleventh.from("203.0.113.5"), "x"), "submissions");

    Submissions unlimited =
        new Submissions(db, catalog, id -> Optional.empty(), 14, new Writes(db, 0, clock), clock);
    assertThatThrownBy(() -> unlimited.submit(eleventh.from("203.0.113.5"), "not an id"))
        .hasMessageNotContaining("Too many");
  }

  private static void assertLimited(ThrowingCallable write, String what) {
    assertThatThrownBy(write)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.RATE_LIMITED))
        .hasMessageContaining("Too many " + what)
        .hasMessageContaining("an hour");
  }
}
