package org.paperboy.store;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The change counters that cached pages and API answers follow, kept in the database so that every
 * node sharing it sees every node's changes: {@link #PAPERS}, which the catalog advances with each
 * write (the search index follows it too), and {@link #COMMUNITY}, which a vote, comment, curation
 * change, ban or submission advances in its own transaction ({@link #bump}).
 *
 * <p>Both are read together, in one query, at most every {@link #TTL_MILLIS} ms however many
 * requests ask: a change made on another node shows within that, plus the time to render. A change
 * made through this process makes the next read go to the database at once, so a reader sees their
 * own change on the next page. Why counters and not a message between nodes: the counter row is
 * locked by the writing transaction until it commits, so a node that has read value k has seen
 * every change up to k; a page rendered after reading k is never kept under a newer value.
 */
public final class ChangeCounters {

  /** The catalog's counter: papers and their list entries. */
  public static final String PAPERS = "papers";

  /** What people do here that lists show: votes, comments, curation, bans, submissions. */
  public static final String COMMUNITY = "community";

  /** How long a read is trusted when this process changed nothing. */
  static final long TTL_MILLIS = 250;

  /** Both counters, as read at one moment. */
  public record Markers(long papers, long community) {}

  private final Jdbi jdbi;
  private final AtomicBoolean changedHere = new AtomicBoolean(true);
  private volatile Markers markers;
  private volatile long readAt;

  ChangeCounters(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Both counters, read afresh when this process changed something or the last read is stale. */
  public Markers read() {
    long now = System.nanoTime();
    if (changedHere.getAndSet(false) || now - readAt > TTL_MILLIS * 1_000_000) {
      markers =
          jdbi.withHandle(
              h -> {
                long[] v = new long[2];
                h.createQuery(
                        "SELECT name, value FROM change_counter WHERE name IN ('"
                            + PAPERS
                            + "', '"
                            + COMMUNITY
                            + "')")
                    .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> v[e.getKey().equals(PAPERS) ? 0 : 1] = e.getValue());
                return new Markers(v[0], v[1]);
              });
      readAt = now;
    }
    return markers;
  }

  /**
   * Advances a counter inside the caller's transaction, as its last statement (the row stays locked
   * until the commit, so it should be held briefly); this process reads afresh after the commit.
   */
  public void bump(Handle h, String name) {
    h.createUpdate("UPDATE change_counter SET value = value + 1 WHERE name = :n")
        .bind("n", name)
        .execute();
    if (h.isInTransaction()) {
      h.afterCommit(this::changedHere);
    } else {
      changedHere();
    }
  }

  /** Makes the next {@link #read} go to the database: this process just committed a change. */
  public void changedHere() {
    changedHere.set(true);
  }
}
