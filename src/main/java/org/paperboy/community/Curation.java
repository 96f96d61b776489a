package org.paperboy.community;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.ListedPaper;
import org.paperboy.store.ChangeCounters;
import org.paperboy.store.Database;

/**
 * Curators' control of a day's list: pin entries to the top, reorder, hide, remove. Pins, hides and
 * the curated order live in their own columns, so re-importing the day keeps them.
 *
 * <p>Every change advances the community's change counter in its transaction, so every node's
 * cached lists follow ({@link ChangeCounters}).
 *
 * <p>Order of a list: pinned entries first, then by curated position (set by {@link #reorder}),
 * falling back to the imported position, then the catalog's order (most upvoted first).
 */
public final class Curation {

  /**
   * An entry of a curated list.
   *
   * @param entry the paper and its imported listing
   * @param pinned whether a curator pinned it
   * @param hidden whether a curator hid it (only curators see hidden entries)
   */
  public record CuratedEntry(ListedPaper entry, boolean pinned, boolean hidden) {}

  /**
   * An entry a curator took off its list, as the moderation page lists it.
   *
   * @param date the list's day
   * @param paperId the paper
   * @param title the paper's title (imported text: escape it)
   * @param removedBy the display name of the curator who removed it, or null when not recorded
   * @param removedAt when, or null when not recorded
   * @param restorable whether its entry was kept, so that restoring puts it back at once (else the
   *     Hugging Face follower brings it back when it reads that day again)
   */
  public record RemovedEntry(
      LocalDate date,
      String paperId,
      String title,
      String removedBy,
      Instant removedAt,
      boolean restorable) {}

  /** What a move did: moved, or why not. */
  public enum Move {
    /** The entry changed places with its neighbour. */
    MOVED,
    /** It is the first or last of the pinned entries, which stay above the others. */
    PINNED_EDGE,
    /** It is already first (moving up) or last (moving down) of the list. */
    LIST_EDGE
  }

  private record Flags(boolean pinned, boolean hidden, Integer curatedPosition) {}

  private final Jdbi jdbi;
  private final ChangeCounters changes;
  private final Catalog catalog;
  private final Clock clock;

  /** Curation of the lists in the given catalog. */
  public Curation(Database database, Catalog catalog, Clock clock) {
    this.jdbi = database.jdbi();
    this.changes = database.changeCounters();
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * A day's list in curated order; hidden entries are left out unless the viewer is a curator or an
   * admin (who sees them flagged).
   */
  public List<CuratedEntry> list(LocalDate date, User viewer) {
    boolean curator = viewer != null && viewer.may(Role.CURATOR);
    List<ListedPaper> papers = catalog.dailyList(date);
    Map<String, Flags> flags = new HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT paper_id, pinned, hidden, curated_position FROM daily_entries WHERE"
                        + " list_date = :d")
                .bind("d", date.toString())
                .map(
                    (rs, ctx) -> {
                      int pos = rs.getInt(4);
                      Integer curated = rs.wasNull() ? null : pos;
                      return Map.entry(
                          rs.getString(1), new Flags(rs.getBoolean(2), rs.getBoolean(3), curated));
                    })
                .forEach(e -> flags.put(e.getKey(), e.getValue())));
    List<CuratedEntry> out = new ArrayList<>();
    Map<CuratedEntry, Integer> order = new HashMap<>();
    for (int i = 0; i < papers.size(); i++) {
      ListedPaper lp = papers.get(i);
      Flags f = flags.getOrDefault(lp.paper().id(), new Flags(false, false, null));
      if (f.hidden() && !curator) {
        continue;
      }
      CuratedEntry e = new CuratedEntry(lp, f.pinned(), f.hidden());
      out.add(e);
      order.put(e, f.curatedPosition() != null ? f.curatedPosition() : lp.listing().position());
    }
    // a stable sort keeps the catalog's order among equals
    out.sort(Comparator.comparing((CuratedEntry e) -> !e.pinned()).thenComparing(order::get));
    return out;
  }

  /**
   * The entries curators hid on the lists from {@code from} to {@code to}, by day: what readers'
   * week, month and trending views leave out.
   */
  public Map<LocalDate, Set<String>> hiddenBetween(LocalDate from, LocalDate to) {
    Map<LocalDate, Set<String>> out = new HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT list_date, paper_id FROM daily_entries WHERE hidden AND list_date"
                        + " BETWEEN :f AND :t")
                .bind("f", from.toString())
                .bind("t", to.toString())
                .map((rs, ctx) -> Map.entry(LocalDate.parse(rs.getString(1)), rs.getString(2)))
                .forEach(
                    e -> out.computeIfAbsent(e.getKey(), d -> new HashSet<>()).add(e.getValue())));
    return out;
  }

  /** Pins an entry to the top of its list, or unpins it. */
  public void pin(User actor, LocalDate date, String paperId, boolean pinned) {
    set(actor, date, paperId, "pinned", pinned);
  }

  /** Hides an entry from readers, or shows it again. */
  public void hide(User actor, LocalDate date, String paperId, boolean hidden) {
    set(actor, date, paperId, "hidden", hidden);
  }

  /**
   * Takes an entry off its list: a later import or poll of that day leaves it off (the Hugging Face
   * follower sees it again every poll) until a curator restores it. What the entry was is kept with
   * the mark, for {@link #restore}.
   */
  public void remove(User actor, LocalDate date, String paperId) {
    requireCurator(actor);
    String id = Votes.paperKey(paperId);
    int n =
        jdbi.inTransaction(
            h -> {
              // the entry as it stands, copied before it goes
              int kept =
                  h.createUpdate(
                          "INSERT INTO removed_entries (list_date, paper_id, position, submitter,"
                              + " upvotes, num_comments, source, pinned, hidden, curated_position,"
                              + " submitted_by, removed_by, removed_at) SELECT list_date, paper_id,"
                              + " position, submitter, upvotes, num_comments, source, pinned,"
                              + " hidden, curated_position, submitted_by, :by, :now FROM"
                              + " daily_entries WHERE list_date = :d AND paper_id = :p ON CONFLICT"
                              + " (list_date, paper_id) DO NOTHING")
                      .bind("d", date.toString())
                      .bind("p", id)
                      .bind("by", actor.id())
                      .bind("now", clock.millis())
                      .execute();
              int deleted =
                  h.createUpdate("DELETE FROM daily_entries WHERE list_date = :d AND paper_id = :p")
                      .bind("d", date.toString())
                      .bind("p", id)
                      .execute();
              if (deleted > 0) {
                changes.bump(h, ChangeCounters.COMMUNITY);
              }
              return deleted + kept;
            });
    if (n == 0) {
      throw CommunityException.notFound(id + " is not on the list of " + date);
    }
  }

  /**
   * Puts a removed entry back on its list as it was (position, counts, pin, hide, curated place).
   * Returns whether it is back now; an entry removed before Paperboy kept entries comes back when
   * the Hugging Face follower next reads its day, which this makes it do.
   */
  public boolean restore(User actor, LocalDate date, String paperId) {
    requireCurator(actor);
    String id = Votes.paperKey(paperId);
    return jdbi.inTransaction(
        h -> {
          Boolean kept =
              h.createQuery(
                      "SELECT position IS NOT NULL FROM removed_entries WHERE list_date = :d AND"
                          + " paper_id = :p")
                  .bind("d", date.toString())
                  .bind("p", id)
                  .mapTo(Boolean.class)
                  .findOne()
                  .orElseThrow(
                      () -> CommunityException.notFound(id + " was not removed from " + date));
          if (kept) {
            h.createUpdate(
                    "INSERT INTO daily_entries (list_date, paper_id, position, submitter, upvotes,"
                        + " num_comments, source, pinned, hidden, curated_position, submitted_by)"
                        + " SELECT list_date, paper_id, position, submitter, upvotes, num_comments,"
                        + " source, pinned, hidden, curated_position, submitted_by FROM"
                        + " removed_entries WHERE list_date = :d AND paper_id = :p ON CONFLICT"
                        + " (list_date, paper_id) DO NOTHING")
                .bind("d", date.toString())
                .bind("p", id)
                .execute();
          } else {
            // the follower skips a day whose answer it has read already: make it read this one
            h.createUpdate("DELETE FROM followed_days WHERE day = :d")
                .bind("d", date.toString())
                .execute();
          }
          h.createUpdate("DELETE FROM removed_entries WHERE list_date = :d AND paper_id = :p")
              .bind("d", date.toString())
              .bind("p", id)
              .execute();
          changes.bump(h, ChangeCounters.COMMUNITY);
          return kept;
        });
  }

  /** The entries curators removed, most recently removed first (at most 500). */
  public List<RemovedEntry> removed(User actor) {
    requireCurator(actor);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT r.list_date, r.paper_id, p.title, u.display_name, r.removed_at,"
                        + " r.position IS NOT NULL FROM removed_entries r LEFT JOIN papers p ON"
                        + " p.id = r.paper_id LEFT JOIN users u ON u.id = r.removed_by ORDER BY"
                        + " r.removed_at DESC, r.list_date DESC, r.paper_id LIMIT 500")
                .map(
                    (rs, ctx) -> {
                      long at = rs.getLong(5);
                      Instant removedAt = rs.wasNull() ? null : Instant.ofEpochMilli(at);
                      return new RemovedEntry(
                          LocalDate.parse(rs.getString(1)),
                          rs.getString(2),
                          rs.getString(3) == null ? rs.getString(2) : rs.getString(3),
                          rs.getString(4),
                          removedAt,
                          rs.getBoolean(6));
                    })
                .list());
  }

  /**
   * Moves an entry one place up ({@code by} -1) or down (+1) among the entries of its kind: pinned
   * entries stay above the others, so a pinned entry moves among the pinned ones and an unpinned
   * one among the unpinned; at the edge of its group it stays and the answer says why.
   */
  public Move move(User actor, LocalDate date, String paperId, int by) {
    requireCurator(actor);
    String id = Votes.paperKey(paperId);
    List<CuratedEntry> entries = list(date, actor);
    List<String> order = new ArrayList<>();
    int at = -1;
    for (CuratedEntry e : entries) {
      if (e.entry().paper().id().equals(id)) {
        at = order.size();
      }
      order.add(e.entry().paper().id());
    }
    if (at < 0) {
      throw CommunityException.notFound(id + " is not on the list of " + date);
    }
    int to = at + by;
    if (to < 0 || to >= order.size()) {
      return Move.LIST_EDGE;
    }
    if (entries.get(to).pinned() != entries.get(at).pinned()) {
      return Move.PINNED_EDGE;
    }
    order.set(at, order.get(to));
    order.set(to, id);
    reorder(actor, date, order);
    return Move.MOVED;
  }

  /**
   * Puts a day's entries in the given order. Entries not named keep their relative order after the
   * named ones; a name that is not on the list is an error.
   */
  public void reorder(User actor, LocalDate date, List<String> paperIds) {
    requireCurator(actor);
    List<String> named =
        new ArrayList<>(new LinkedHashSet<>(paperIds.stream().map(Votes::paperKey).toList()));
    jdbi.useTransaction(
        h -> {
          List<String> current = new ArrayList<>();
          for (CuratedEntry e : list(date, actor)) {
            current.add(e.entry().paper().id());
          }
          for (String id : named) {
            if (!current.contains(id)) {
              throw CommunityException.notFound(id + " is not on the list of " + date);
            }
          }
          List<String> order = new ArrayList<>(named);
          current.stream().filter(id -> !named.contains(id)).forEach(order::add);
          for (int i = 0; i < order.size(); i++) {
            h.createUpdate(
                    "UPDATE daily_entries SET curated_position = :i WHERE list_date = :d AND"
                        + " paper_id = :p")
                .bind("i", i)
                .bind("d", date.toString())
                .bind("p", order.get(i))
                .execute();
          }
          changes.bump(h, ChangeCounters.COMMUNITY);
        });
  }

  private void set(User actor, LocalDate date, String paperId, String column, boolean value) {
    requireCurator(actor);
    String id = Votes.paperKey(paperId);
    int n =
        jdbi.inTransaction(
            h -> {
              int changed = update(h, column, value, date, id);
              if (changed > 0) {
                changes.bump(h, ChangeCounters.COMMUNITY);
              }
              return changed;
            });
    if (n == 0) {
      throw CommunityException.notFound(id + " is not on the list of " + date);
    }
  }

  private static int update(Handle h, String column, boolean value, LocalDate date, String id) {
    return h.createUpdate(
            "UPDATE daily_entries SET " + column + " = :v WHERE list_date = :d AND paper_id = :p")
        .bind("v", value)
        .bind("d", date.toString())
        .bind("p", id)
        .execute();
  }

  private static void requireCurator(User actor) {
    Comments.requireRole(actor, Role.CURATOR, "Only curators can change the daily lists");
  }
}
