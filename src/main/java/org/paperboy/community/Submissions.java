package org.paperboy.community;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.ChangeCounters;
import org.paperboy.store.Database;

/**
 * Submissions of papers to today's list by signed-in readers, by arXiv id or URL. As on Hugging
 * Face, a paper may be submitted only within {@code maxAgeDays} of its first publication ({@code
 * PAPERBOY_SUBMIT_MAX_AGE_DAYS}), and only once: a paper already on any list is a duplicate.
 *
 * <p>A paper the catalog has is placed at once. One it lacks is never looked up on the request
 * thread: the submission is stored {@link SubmissionState#PENDING} and the reader sees it so at
 * once; {@link #processDue} (a background task of {@code serve}, on any number of nodes) takes one
 * due row at a time under a lease of {@link #LEASE}, as the digest outbox does, asks the {@link
 * PaperLookup} (the arXiv API client the jobs share, at arXiv's pace, with a short timeout), and
 * moves the row on: added to its day's list, not found, refused, or, when arXiv could not be
 * reached, tried again after {@link #FIRST_RETRY}, doubling, at most {@value #MAX_ATTEMPTS} times
 * before it is {@link SubmissionState#FAILED}. A node that dies mid-lookup leaves a row another
 * node takes once the lease ends; every row survives a restart.
 */
public final class Submissions {

  /** The {@code source} of list entries made by submission. */
  public static final String SOURCE = "submission";

  /** How long a node holds a row it is looking up. */
  static final Duration LEASE = Duration.ofMinutes(2);

  /** The pause after the first failed lookup; each further failure doubles it. */
  static final Duration FIRST_RETRY = Duration.ofMinutes(1);

  /** Lookups per submission before it is given up as failed. */
  static final int MAX_ATTEMPTS = 6;

  /** Rows one {@link #processDue} call works at most, so a long queue yields to a shutdown. */
  static final int PER_RUN = 20;

  /**
   * A submission as its reader sees it.
   *
   * @param id its random id (the status page's address)
   * @param paperId the arXiv id without version
   * @param typed what the reader typed
   * @param date the day's list it was submitted to
   * @param state where it stands
   * @param detail what happened, in words, or null
   * @param attempts how many times arXiv was asked
   * @param nextAttempt when arXiv is asked next (for a pending one)
   * @param created when it was submitted
   * @param title the paper's title when the catalog has it, else null
   */
  public record Submission(
      String id,
      String paperId,
      String typed,
      LocalDate date,
      SubmissionState state,
      String detail,
      int attempts,
      Instant nextAttempt,
      Instant created,
      String title) {}

  private final Jdbi jdbi;
  private final ChangeCounters changes;
  private final Catalog catalog;
  private final PaperLookup lookup;
  private final int maxAgeDays;
  private final Clock clock;
  private final Writes writes;
  private final String node;
  private volatile Runnable onQueued = () -> {};

  /**
   * Submissions to the lists of the given catalog, within the limits of {@code writes}; today is
   * the clock's date.
   */
  public Submissions(
      Database database,
      Catalog catalog,
      PaperLookup lookup,
      int maxAgeDays,
      Writes writes,
      Clock clock) {
    this.jdbi = database.jdbi();
    this.changes = database.changeCounters();
    this.catalog = catalog;
    this.lookup = lookup;
    this.maxAgeDays = maxAgeDays;
    this.clock = clock;
    this.writes = writes;
    this.node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  }

  /** Runs {@code action} (on the submitting thread; it must not block) after a row is queued. */
  public void onQueued(Runnable action) {
    this.onQueued = action;
  }

  /**
   * Submits a paper to today's list: placed at once when the catalog has it ({@link
   * SubmissionState#ADDED}), else queued for an arXiv lookup ({@link SubmissionState#PENDING}).
   * Refused with {@code BAD_INPUT} for text that is not an arXiv id or URL and for a paper
   * published too long ago, {@code CONFLICT} for a paper already on a list or already waiting for
   * its lookup. Never asks arXiv.
   */
  public Submission submit(User actor, String idOrUrl) {
    writes.check(actor, Writes.Kind.SUBMISSION, "Sign in to submit a paper");
    String text = idOrUrl == null ? "" : idOrUrl.strip();
    if (text.isEmpty()) {
      throw CommunityException.badInput("Enter an arXiv id or URL");
    }
    if (text.length() > 200) {
      throw CommunityException.badInput("That is too long to be an arXiv id or URL");
    }
    ArxivId id =
        ArxivId.parse(text)
            .orElseThrow(
                () ->
                    CommunityException.badInput(
                        "'"
                            + text
                            + "' is not an arXiv id or URL; expected something like 2503.11731"
                            + " or https://arxiv.org/abs/2503.11731"));
    LocalDate today = LocalDate.now(clock);
    Optional<LocalDate> listed = listedOn(id.id());
    if (listed.isPresent()) {
      throw CommunityException.conflict(
          id.id() + " is already on the list of " + listed.get() + "; upvote it there instead");
    }
    Optional<Paper> stored = catalog.find(id.id());
    if (stored.isPresent()) {
      Paper paper = stored.get();
      checkAge(paper, today);
      if (!place(actor.id(), paper.id(), today)) {
        throw CommunityException.conflict(paper.id() + " is already on the list of " + today);
      }
      return insert(actor, id.id(), text, today, SubmissionState.ADDED, added(today));
    }
    if (pendingFor(id.id())) {
      throw CommunityException.conflict(
          id.id() + " was submitted already and is being looked up on arXiv");
    }
    Submission queued =
        insert(
            actor,
            id.id(),
            text,
            today,
            SubmissionState.PENDING,
            "Not in the catalog yet; asking arXiv");
    onQueued.run();
    return queued;
  }

  /** The actor's submissions, newest first. */
  public List<Submission> mine(User actor, int limit) {
    if (actor == null) {
      throw CommunityException.forbidden("Sign in to see your submissions");
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    SELECT + " WHERE s.user_id = :u ORDER BY s.created_at DESC, s.id LIMIT :n")
                .bind("u", actor.id())
                .bind("n", limit)
                .map((rs, ctx) -> read(rs))
                .list());
  }

  /** One of the actor's submissions; {@code NOT_FOUND} for another's or an unknown id. */
  public Submission find(User actor, String id) {
    if (actor == null) {
      throw CommunityException.forbidden("Sign in to see your submissions");
    }
    return jdbi.withHandle(
            h ->
                h.createQuery(SELECT + " WHERE s.id = :id AND s.user_id = :u")
                    .bind("id", id == null ? "" : id)
                    .bind("u", actor.id())
                    .map((rs, ctx) -> read(rs))
                    .findOne())
        .orElseThrow(() -> CommunityException.notFound("You have no submission " + id));
  }

  /** How many submissions wait for arXiv, on all nodes. */
  public int pendingCount() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM submissions WHERE status = 'PENDING'")
                .mapTo(Integer.class)
                .one());
  }

  /**
   * Works the due pending submissions, one at a time, until none is due (at most {@value
   * #PER_RUN}); returns how many it worked. Each lookup goes through the shared arXiv client, which
   * keeps arXiv's pace between requests.
   */
  public int processDue() {
    int done = 0;
    while (done < PER_RUN && !Thread.currentThread().isInterrupted()) {
      Optional<Claimed> row = claim();
      if (row.isEmpty()) {
        break;
      }
      work(row.get());
      done++;
    }
    return done;
  }

  /** A row taken for a lookup. */
  private record Claimed(String id, String userId, String paperId, LocalDate date, int attempts) {}

  private Optional<Claimed> claim() {
    long now = clock.millis();
    String due =
        "status = 'PENDING' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <"
            + " :now)";
    // One statement: the row is chosen and taken atomically; when two nodes choose the same row,
    // the condition is checked again on the row as it is updated, so it goes to one node only.
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "UPDATE submissions SET lease_owner = :node, lease_until = :until WHERE id IN"
                        + " (SELECT id FROM submissions WHERE "
                        + due
                        + " ORDER BY next_attempt_at, created_at LIMIT 1) AND "
                        + due
                        + " RETURNING id, user_id, paper_id, list_date, attempts")
                .bind("node", node)
                .bind("now", now)
                .bind("until", now + LEASE.toMillis())
                .map(
                    (rs, ctx) ->
                        new Claimed(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            LocalDate.parse(rs.getString(4)),
                            rs.getInt(5)))
                .findOne());
  }

  private void work(Claimed row) {
    Optional<Paper> paper = catalog.find(row.paperId());
    int attempts = row.attempts();
    if (paper.isEmpty()) {
      attempts++;
      try {
        paper = lookup.lookup(new ArxivId(row.paperId(), 0));
      } catch (RuntimeException e) {
        retryOrFail(row, attempts, e);
        return;
      }
      if (paper.isEmpty()) {
        finish(row, attempts, SubmissionState.NOT_FOUND, "arXiv has no paper " + row.paperId(), 0);
        return;
      }
      if (catalog.find(paper.get().id()).isEmpty()) {
        // A lookup that did not store what it found (the arXiv client stores it itself).
        catalog.apply(List.of(PaperRecord.of(paper.get())));
      }
    }
    Paper found = paper.get();
    try {
      checkAge(found, row.date());
    } catch (CommunityException e) {
      finish(row, attempts, SubmissionState.REFUSED, e.getMessage(), 0);
      return;
    }
    Optional<LocalDate> listed = listedOn(found.id());
    if (listed.isPresent() || !place(row.userId(), found.id(), row.date())) {
      finish(
          row,
          attempts,
          SubmissionState.REFUSED,
          found.id() + " is already on the list of " + listed.orElse(row.date()),
          0);
      return;
    }
    finish(row, attempts, SubmissionState.ADDED, added(row.date()), 0);
  }

  private void retryOrFail(Claimed row, int attempts, RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    if (attempts >= MAX_ATTEMPTS) {
      finish(
          row,
          attempts,
          SubmissionState.FAILED,
          "arXiv could not be reached after "
              + attempts
              + " tries ("
              + why
              + "); submit it again later",
          0);
      return;
    }
    Duration wait = FIRST_RETRY.multipliedBy(1L << (attempts - 1));
    finish(
        row,
        attempts,
        SubmissionState.PENDING,
        "arXiv could not be reached ("
            + why
            + "); trying again in "
            + wait.toMinutes()
            + " min (try "
            + (attempts + 1)
            + " of "
            + MAX_ATTEMPTS
            + ")",
        wait.toMillis());
  }

  /** Records the outcome, if this node still holds the row's lease. */
  private void finish(
      Claimed row, int attempts, SubmissionState next, String detail, long retryInMillis) {
    SubmissionState state = SubmissionState.PENDING.to(next);
    long now = clock.millis();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE submissions SET status = :s, detail = :d, attempts = :a,"
                        + " next_attempt_at = :next, lease_owner = NULL, lease_until = NULL,"
                        + " updated_at = :now WHERE id = :id AND status = 'PENDING' AND"
                        + " lease_owner = :node")
                .bind("s", state.name())
                .bind("d", detail.length() > 1000 ? detail.substring(0, 1000) : detail)
                .bind("a", attempts)
                .bind("next", now + retryInMillis)
                .bind("now", now)
                .bind("id", row.id())
                .bind("node", node)
                .execute());
  }

  private void checkAge(Paper paper, LocalDate day) {
    LocalDate published = paper.published() != null ? paper.published() : paper.updated();
    if (published != null && ChronoUnit.DAYS.between(published, day) > maxAgeDays) {
      throw CommunityException.badInput(
          "Papers can be submitted within "
              + maxAgeDays
              + " days of publication; "
              + paper.id()
              + " was published on "
              + published);
    }
  }

  private static String added(LocalDate day) {
    return "On the list of " + day;
  }

  /** Puts the paper at the end of the day's list; false when it is on that list already. */
  private boolean place(String userId, String paperId, LocalDate day) {
    return jdbi.inTransaction(
        h -> {
          int n =
              h.createUpdate(
                      "INSERT INTO daily_entries (list_date, paper_id, position, submitter,"
                          + " upvotes, num_comments, source, submitted_by) SELECT :d, :p,"
                          + " COALESCE(MAX(position) + 1, 0), (SELECT display_name FROM users"
                          + " WHERE id = :u), 0, 0, :src, :u FROM daily_entries WHERE"
                          + " list_date = :d ON CONFLICT (list_date, paper_id) DO NOTHING")
                  .bind("d", day.toString())
                  .bind("p", paperId)
                  .bind("src", SOURCE)
                  .bind("u", userId)
                  .execute();
          if (n > 0) {
            changes.bump(h, ChangeCounters.COMMUNITY);
          }
          return n == 1;
        });
  }

  private Submission insert(
      User actor,
      String paperId,
      String typed,
      LocalDate day,
      SubmissionState state,
      String detail) {
    String id = Secrets.id();
    long now = clock.millis();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO submissions (id, user_id, paper_id, typed, list_date, status,"
                        + " detail, attempts, next_attempt_at, created_at, updated_at) VALUES (:id,"
                        + " :u, :p, :t, :d, :s, :detail, 0, :now, :now, :now)")
                .bind("id", id)
                .bind("u", actor.id())
                .bind("p", paperId)
                .bind("t", typed)
                .bind("d", day.toString())
                .bind("s", state.name())
                .bind("detail", detail)
                .bind("now", now)
                .execute());
    return jdbi.withHandle(h -> byId(h, id));
  }

  private static Submission byId(Handle h, String id) {
    return h.createQuery(SELECT + " WHERE s.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> read(rs))
        .one();
  }

  private boolean pendingFor(String paperId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                        "SELECT COUNT(*) FROM submissions WHERE paper_id = :p AND status = 'PENDING'")
                    .bind("p", paperId)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  private static final String SELECT =
      "SELECT s.id, s.paper_id, s.typed, s.list_date, s.status, s.detail, s.attempts,"
          + " s.next_attempt_at, s.created_at, p.title FROM submissions s LEFT JOIN papers p ON"
          + " p.id = s.paper_id";

  private static Submission read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Submission(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        LocalDate.parse(rs.getString(4)),
        SubmissionState.valueOf(rs.getString(5)),
        rs.getString(6),
        rs.getInt(7),
        Instant.ofEpochMilli(rs.getLong(8)),
        Instant.ofEpochMilli(rs.getLong(9)),
        rs.getString(10));
  }

  private Optional<LocalDate> listedOn(String paperId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT MAX(list_date) FROM daily_entries WHERE paper_id = :p")
                .bind("p", paperId)
                .mapTo(String.class)
                .findOne()
                .map(LocalDate::parse));
  }
}
