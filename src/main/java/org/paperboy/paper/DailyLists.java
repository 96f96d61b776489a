package org.paperboy.paper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the daily lists over a period, for the day, week, month and trending views, the JSON API
 * and the feeds. Writes go through {@link Catalog}.
 */
public final class DailyLists {

  private final Jdbi jdbi;

  /** The lists of the catalog, read from its database. */
  public DailyLists(Catalog catalog) {
    this.jdbi = catalog.jdbi();
  }

  /**
   * The papers listed on any day from {@code from} to {@code to} (both included), once each, in the
   * order of the day they were first listed in the period and their position that day. A paper
   * listed on several days carries its highest upvote and comment counts of the period.
   *
   * @param category an arXiv category such as {@code cs.CL} that the papers must have, or null for
   *     all
   */
  public List<ListEntry> between(LocalDate from, LocalDate to, String category) {
    String sql =
        "SELECT "
            + Catalog.prefixed("p.")
            + ", e.list_date, e.position, e.submitter, e.upvotes, e.num_comments, p.first_seen"
            + " FROM daily_entries e JOIN papers p ON p.id = e.paper_id"
            + " WHERE e.list_date >= :from AND e.list_date <= :to"
            // Categories are stored space-separated; padding both sides matches whole names only.
            + (category == null
                ? ""
                : " AND (' ' || p.categories || ' ') LIKE :category ESCAPE '!'")
            + " ORDER BY e.list_date, e.position, e.upvotes DESC, p.id";
    List<ListEntry> rows =
        jdbi.withHandle(
            h -> {
              var query =
                  h.createQuery(sql).bind("from", from.toString()).bind("to", to.toString());
              if (category != null) {
                query.bind("category", "% " + Catalog.likeEscaped(category) + " %");
              }
              return query
                  .map(
                      (rs, ctx) ->
                          new ListEntry(
                              Catalog.readPaper(rs),
                              Catalog.readListing(rs, Catalog.AFTER_COLUMNS),
                              Instant.parse(rs.getString(Catalog.AFTER_COLUMNS + 5))))
                  .list();
            });
    Map<String, ListEntry> byPaper = new LinkedHashMap<>();
    for (ListEntry row : rows) {
      byPaper.merge(row.paper().id(), row, DailyLists::combine);
    }
    return new ArrayList<>(byPaper.values());
  }

  /** Keeps the earlier day's place and the larger counts. */
  private static ListEntry combine(ListEntry first, ListEntry later) {
    Listing a = first.listing();
    Listing b = later.listing();
    return new ListEntry(
        first.paper(),
        new Listing(
            a.date(),
            a.position(),
            a.submitter(),
            Math.max(a.upvotes(), b.upvotes()),
            Math.max(a.comments(), b.comments())),
        first.firstSeen());
  }

  /** The most recent day from {@code from} to {@code to} that has a list, or null. */
  public LocalDate latestBetween(LocalDate from, LocalDate to) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT MAX(list_date) FROM daily_entries WHERE list_date >= :from AND"
                        + " list_date <= :to")
                .bind("from", from.toString())
                .bind("to", to.toString())
                .mapTo(String.class)
                .findOne()
                .map(LocalDate::parse)
                .orElse(null));
  }
}
