package org.paperboy.foryou;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.community.User;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;

/**
 * "N new papers from your follows": the papers of the {@link ForYou} window that one of the
 * reader's follows (an author, an organization, a category, a saved search, by the rule that says
 * "matches your alert" on {@code /for-you}) matches and that arrived here ({@code
 * papers.first_seen}) after the reader last marked that follow's news as seen ({@code
 * follows.seen_at}: the follow's creation until then). Reading the news changes nothing; only
 * {@link #markSeen} does, so a reader who opens the list and leaves still sees the count.
 */
public final class FollowNews {

  /** The most papers a list holds (the newest arrivals); the count is of all of them. */
  public static final int MAX_LISTED = ForYou.MAX_ITEMS;

  /**
   * One new paper.
   *
   * @param paper the paper
   * @param arrived when this instance first stored it
   * @param reasons which follows brought it, in words ("by Y, whom you follow")
   */
  public record Item(Paper paper, Instant arrived, List<String> reasons) {}

  /**
   * A reader's news.
   *
   * @param total how many new papers their follows brought
   * @param items the newest arrivals first, at most {@link #MAX_LISTED}
   * @param newest the arrival of the newest, which "mark these as seen" marks up to; null if none
   */
  public record News(int total, List<Item> items, Instant newest) {}

  private final Jdbi jdbi;
  private final ForYou forYou;
  private final Clock clock;

  /** News from the window of this feed, the follows kept in this database. */
  public FollowNews(Database database, ForYou forYou, Clock clock) {
    this.jdbi = database.jdbi();
    this.forYou = forYou;
    this.clock = clock;
  }

  /** How many new papers the reader's follows brought (what the site header shows). */
  public int count(String userId) {
    return of(userId).total();
  }

  /** The reader's new papers from their follows, each with the follows that brought it. */
  public News of(String userId) {
    List<Follows.Follow> follows = forYou.follows().of(userId).follows();
    List<Map.Entry<Paper, List<Follows.Follow>>> matched = forYou.followed(follows);
    Map<String, Instant> arrived = arrivals(matched.stream().map(e -> e.getKey().id()).toList());
    List<Item> items = new ArrayList<>();
    for (Map.Entry<Paper, List<Follows.Follow>> e : matched) {
      Instant at = arrived.get(e.getKey().id());
      if (at == null) {
        continue;
      }
      List<String> reasons = new ArrayList<>();
      for (Follows.Follow f : e.getValue()) {
        if (at.isAfter(f.since())) {
          reasons.add(reason(e.getKey(), f));
        }
      }
      if (!reasons.isEmpty()) {
        items.add(new Item(e.getKey(), at, List.copyOf(reasons)));
      }
    }
    items.sort(
        Comparator.comparing(Item::arrived, Comparator.reverseOrder())
            .thenComparing(i -> i.paper().id(), Comparator.reverseOrder()));
    return new News(
        items.size(),
        List.copyOf(items.subList(0, Math.min(items.size(), MAX_LISTED))),
        items.isEmpty() ? null : items.get(0).arrived());
  }

  /**
   * Marks the news that arrived up to {@code upTo} (the newest the reader was shown; never later
   * than now) as seen: a paper that arrived after the list was shown stays new.
   */
  public void markSeen(User reader, Instant upTo) {
    long at = Math.min(upTo.toEpochMilli(), clock.millis());
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE follows SET seen_at = :at WHERE user_id = :u AND seen_at < :at")
                .bind("u", reader.id())
                .bind("at", at)
                .execute());
  }

  /** Why a follow brought a paper, as the reader would say it. */
  static String reason(Paper p, Follows.Follow f) {
    return switch (f.kind()) {
      case AUTHOR -> "by " + f.label() + ", whom you follow";
      case ORGANIZATION ->
          "from "
              + (p.organization() == null ? f.label() : p.organization().fullName())
              + ", which you follow";
      case CATEGORY -> "in " + f.target() + ", which you follow";
      case SEARCH -> "matches your alert '" + f.label() + "'";
    };
  }

  /** When each of these papers first came here ({@code papers.first_seen}, an ISO instant). */
  private Map<String, Instant> arrivals(List<String> ids) {
    Map<String, Instant> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      jdbi.useHandle(
          h ->
              h.createQuery("SELECT id, first_seen FROM papers WHERE id IN (<ids>)")
                  .bindList("ids", chunk)
                  .map((rs, c) -> Map.entry(rs.getString(1), Instant.parse(rs.getString(2))))
                  .forEach(e -> out.put(e.getKey(), e.getValue())));
    }
    return out;
  }
}
