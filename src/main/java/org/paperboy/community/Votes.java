package org.paperboy.community;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.paper.ArxivId;
import org.paperboy.store.ChangeCounters;
import org.paperboy.store.Database;

/**
 * Upvotes: one per account per paper, enforced by the primary key of {@code votes}.
 *
 * <p>Every change is a single statement, so it is atomic on both engines without explicit locking:
 * {@link #upvote} is an {@code INSERT … ON CONFLICT DO NOTHING}, {@link #unvote} a {@code DELETE};
 * a change that changed a row advances the community's change counter in the same transaction
 * ({@link ChangeCounters#bump}), so every node's cached lists show the new count. {@link #toggle}
 * tries the delete and, when there was nothing to delete, the insert, and repeats while a
 * concurrent toggle of the same vote got in between; each toggle thus makes exactly one change, and
 * n toggles leave the vote flipped n times. Counts are derived with {@code COUNT(*)} when read
 * (nothing to keep in step), excluding banned accounts.
 */
public final class Votes {

  private final Jdbi jdbi;
  private final ChangeCounters changes;
  private final Clock clock;

  /**
   * SQLite has one writer; concurrent writers that collide wait in its busy handler, which sleeps
   * in steps of up to 100 ms. Queuing this process's vote writes on a lock instead lets each run as
   * soon as the previous one commits (measured in BENCHMARKS.md). PostgreSQL needs no such lock.
   */
  private final Lock sqliteWrites;

  private final Writes writes;

  /** Votes in the given database, cast within the limits of {@code writes}. */
  public Votes(Database database, Writes writes, Clock clock) {
    this.jdbi = database.jdbi();
    this.changes = database.changeCounters();
    this.clock = clock;
    this.sqliteWrites = database.engine() == Database.Engine.SQLITE ? new ReentrantLock() : null;
    this.writes = writes;
  }

  /** Flips the actor's vote on a paper and returns whether the paper is now upvoted. */
  public boolean toggle(User actor, String paperId) {
    String id = paperKey(paperId);
    if (sqliteWrites == null) {
      requireVoter(actor);
      return toggleKey(actor, id);
    }
    sqliteWrites.lock();
    try {
      // counted under the lock too: the limit's upsert is a write like the vote's
      requireVoter(actor);
      return toggleKey(actor, id);
    } finally {
      sqliteWrites.unlock();
    }
  }

  private boolean toggleKey(User actor, String id) {
    return jdbi.inTransaction(
        h -> {
          for (int attempt = 0; attempt < 1000; attempt++) {
            if (delete(h, actor, id) > 0) {
              changes.bump(h, ChangeCounters.COMMUNITY);
              return false;
            }
            if (insert(h, actor, id) > 0) {
              changes.bump(h, ChangeCounters.COMMUNITY);
              return true;
            }
            requirePaper(h, id);
          }
          throw new IllegalStateException("vote on " + id + " kept changing under a toggle");
        });
  }

  /** Upvotes a paper; doing it again changes nothing. Returns whether this call added the vote. */
  public boolean upvote(User actor, String paperId) {
    requireVoter(actor);
    String id = paperKey(paperId);
    return jdbi.inTransaction(
        h -> {
          if (insert(h, actor, id) > 0) {
            changes.bump(h, ChangeCounters.COMMUNITY);
            return true;
          }
          requirePaper(h, id);
          return false;
        });
  }

  /** Takes back an upvote; doing it again changes nothing. Returns whether this call removed it. */
  public boolean unvote(User actor, String paperId) {
    requireVoter(actor);
    String id = paperKey(paperId);
    return jdbi.inTransaction(
        h -> {
          if (delete(h, actor, id) == 0) {
            return false;
          }
          changes.bump(h, ChangeCounters.COMMUNITY);
          return true;
        });
  }

  /** A paper's upvotes. */
  public Upvotes count(String paperId) {
    String id = paperKey(paperId);
    return counts(Set.of(id)).getOrDefault(id, Upvotes.NONE);
  }

  /** The upvotes of many papers at once; a paper the catalog does not hold is left out. */
  public Map<String, Upvotes> counts(Collection<String> paperIds) {
    Map<String, Upvotes> out = new HashMap<>();
    if (paperIds.isEmpty()) {
      return out;
    }
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT p.id, (SELECT MAX(e.upvotes) FROM daily_entries e WHERE e.paper_id ="
                        + " p.id), (SELECT COUNT(*) FROM votes v JOIN users u ON u.id = v.user_id"
                        + " WHERE v.paper_id = p.id AND NOT u.banned) FROM papers p WHERE p.id IN"
                        + " (<ids>)")
                .bindList("ids", new ArrayList<>(new LinkedHashSet<>(paperIds)))
                .map(
                    (rs, ctx) ->
                        Map.entry(rs.getString(1), new Upvotes(rs.getInt(2), rs.getInt(3))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  /** How many of an account's upvotes a page of them shows. */
  public static final int UPVOTES_PAGE_SIZE = 30;

  /**
   * A paper an account upvoted.
   *
   * @param paperId the paper
   * @param title its title (imported text: escape it)
   * @param at when the account upvoted it
   */
  public record Upvoted(String paperId, String title, Instant at) {}

  /**
   * A page of an account's upvotes, newest vote first.
   *
   * @param upvoted the page's papers
   * @param number the page's number, from 1
   * @param pages how many pages there are (at least 1)
   * @param total how many papers the account has upvoted
   */
  public record UpvotedPage(List<Upvoted> upvoted, int number, int pages, int total) {}

  /**
   * The papers an account upvoted, newest vote first, a page of {@link #UPVOTES_PAGE_SIZE} at a
   * time. A number past the last page gives the last page; below 1, the first.
   */
  public UpvotedPage upvotedBy(User user, int number) {
    if (user == null) {
      throw CommunityException.forbidden("Sign in to see your upvotes");
    }
    return jdbi.withHandle(
        h -> {
          int total =
              h.createQuery("SELECT COUNT(*) FROM votes WHERE user_id = :u")
                  .bind("u", user.id())
                  .mapTo(Integer.class)
                  .one();
          int pages = Math.max(1, (total + UPVOTES_PAGE_SIZE - 1) / UPVOTES_PAGE_SIZE);
          int n = Math.min(Math.max(number, 1), pages);
          List<Upvoted> page =
              h.createQuery(
                      "SELECT v.paper_id, p.title, v.created_at FROM votes v JOIN papers p ON p.id"
                          + " = v.paper_id WHERE v.user_id = :u ORDER BY v.created_at DESC,"
                          + " v.paper_id LIMIT :limit OFFSET :offset")
                  .bind("u", user.id())
                  .bind("limit", UPVOTES_PAGE_SIZE)
                  .bind("offset", (n - 1) * UPVOTES_PAGE_SIZE)
                  .map(
                      (rs, ctx) ->
                          new Upvoted(
                              rs.getString(1),
                              rs.getString(2),
                              Instant.ofEpochMilli(rs.getLong(3))))
                  .list();
          return new UpvotedPage(page, n, pages, total);
        });
  }

  /** The ids of every paper the account upvoted. */
  public Set<String> upvotedIds(User user) {
    if (user == null) {
      throw CommunityException.forbidden("Sign in to see your upvotes");
    }
    return jdbi.withHandle(
        h ->
            new HashSet<>(
                h.createQuery("SELECT paper_id FROM votes WHERE user_id = :u")
                    .bind("u", user.id())
                    .mapTo(String.class)
                    .list()));
  }

  /** Which of these papers the account has upvoted (to draw its buttons pressed). */
  public Set<String> votedBy(User user, Collection<String> paperIds) {
    Set<String> out = new HashSet<>();
    if (user == null || paperIds.isEmpty()) {
      return out;
    }
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT paper_id FROM votes WHERE user_id = :u AND paper_id IN (<ids>)")
                .bind("u", user.id())
                .bindList("ids", new ArrayList<>(new LinkedHashSet<>(paperIds)))
                .mapTo(String.class)
                .forEach(out::add));
    return out;
  }

  private int delete(Handle h, User actor, String id) {
    return h.createUpdate("DELETE FROM votes WHERE paper_id = :p AND user_id = :u")
        .bind("p", id)
        .bind("u", actor.id())
        .execute();
  }

  // INSERT … SELECT … WHERE EXISTS: a vote on an unknown paper inserts nothing instead of failing
  // on the foreign key, and the caller tells the two cases apart only on that rare path.
  private int insert(Handle h, User actor, String id) {
    return h.createUpdate(
            "INSERT INTO votes (paper_id, user_id, created_at) SELECT :p, :u, :now WHERE EXISTS"
                + " (SELECT 1 FROM papers WHERE id = :p) ON CONFLICT (paper_id, user_id) DO"
                + " NOTHING")
        .bind("p", id)
        .bind("u", actor.id())
        .bind("now", clock.millis())
        .execute();
  }

  private static void requirePaper(Handle h, String id) {
    boolean exists =
        h.createQuery("SELECT COUNT(*) FROM papers WHERE id = :p")
                .bind("p", id)
                .mapTo(Integer.class)
                .one()
            > 0;
    if (!exists) {
      throw CommunityException.notFound("No paper " + id);
    }
  }

  private void requireVoter(User actor) {
    writes.check(actor, Writes.Kind.VOTE, "Sign in to upvote");
  }

  /** The catalog key of a paper id: an arXiv id without its version, or the id as given. */
  static String paperKey(String paperId) {
    if (paperId == null || paperId.isBlank()) {
      throw CommunityException.badInput("No paper given");
    }
    return ArxivId.parse(paperId).map(ArxivId::id).orElse(paperId.strip());
  }
}
