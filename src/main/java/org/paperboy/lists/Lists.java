package org.paperboy.lists;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.paperboy.community.Comments;
import org.paperboy.community.Curation;
import org.paperboy.community.Upvotes;
import org.paperboy.community.User;
import org.paperboy.community.Votes;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.DailyLists;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.Listing;
import org.paperboy.trending.TrendingRanker;

/**
 * What every list readers see contains, in which order and with which counts: a day's list in the
 * curators' order, a week's or month's papers by upvotes, the trending papers of the last {@link
 * #TRENDING_DAYS} days. Pages, the JSON API, the feeds and the digest all read lists here, so they
 * agree:
 *
 * <ul>
 *   <li>An entry a curator hid is left out of every view but the curators' own view of its day; an
 *       entry a curator removed is no longer on the list at all.
 *   <li>Counts are the imported ones (a snapshot from Hugging Face) plus the upvotes of accounts
 *       here that are not banned and the comments here that readers may see. Upvotes belong to the
 *       paper, not to a day: every view shows its largest imported snapshot (the latest, as they
 *       only grow) plus the votes here, the number its upvote button shows, so a paper listed on
 *       two days shows one count on both.
 *   <li>A paper listed on several days of a period appears once, on the first of those days, with
 *       its largest imported counts of the period.
 * </ul>
 */
public final class Lists {

  /** Trending looks at the lists of this many days, ending with the latest list. */
  public static final int TRENDING_DAYS = 14;

  /** Most upvotes first, then most comments, the later day, the smaller id. */
  public static final Comparator<ListEntry> BY_UPVOTES =
      Comparator.comparing((ListEntry e) -> e.listing().upvotes(), Comparator.reverseOrder())
          .thenComparing(e -> e.listing().comments(), Comparator.reverseOrder())
          .thenComparing(e -> e.listing().date(), Comparator.reverseOrder())
          .thenComparing(e -> e.paper().id());

  /** Newest publication first (papers without a date last), then the smaller id. */
  public static final Comparator<ListEntry> BY_PUBLISHED =
      Comparator.comparing(
              (ListEntry e) -> e.paper().published(),
              Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()))
          .thenComparing(e -> e.paper().id());

  /**
   * A list as one viewer sees it.
   *
   * @param entries the entries in order, with their counts
   * @param flags the curators' flags of a day's entries by paper id (empty for longer periods)
   */
  public record Shown(List<ListEntry> entries, Map<String, Curation.CuratedEntry> flags) {}

  private final Catalog catalog;
  private final DailyLists lists;
  private final Votes votes;
  private final Comments comments;
  private final Curation curation;
  private final Clock clock;
  private final Predicate<String> harvested;

  /** The lists of the catalog, with the community's counts and the curators' choices. */
  public Lists(Catalog catalog, Votes votes, Comments comments, Curation curation, Clock clock) {
    this(catalog, votes, comments, curation, clock, null);
  }

  /**
   * The lists of an instance whose daily lists are arXiv's announcements, where a paper whose
   * primary category is not harvested is a cross-list.
   *
   * @param harvested whether a category belongs to the harvested sets, or null when daily lists are
   *     not arXiv's
   */
  public Lists(
      Catalog catalog,
      Votes votes,
      Comments comments,
      Curation curation,
      Clock clock,
      Predicate<String> harvested) {
    this.harvested = harvested;
    this.catalog = catalog;
    this.lists = new DailyLists(catalog);
    this.votes = votes;
    this.comments = comments;
    this.curation = curation;
    this.clock = clock;
  }

  /**
   * A period's papers as readers see them: a day in the curators' order, a longer period by
   * upvotes; without hidden entries; with the counts shown.
   *
   * @param category an arXiv category the papers must have, or null for all
   */
  public List<ListEntry> entries(Period period, String category) {
    return entries(period, category, null).entries();
  }

  /**
   * A period's papers as the viewer sees them: as {@link #entries(Period, String)}, except that
   * curators also see the hidden entries of a day (flagged).
   */
  public Shown entries(Period period, String category, User viewer) {
    List<ListEntry> entries = lists.between(period.from(), period.to(), category);
    if (period.kind() == Period.Kind.DAY) {
      Map<String, ListEntry> byId = new HashMap<>();
      entries.forEach(e -> byId.put(e.paper().id(), e));
      Map<String, Curation.CuratedEntry> flags = new LinkedHashMap<>();
      List<ListEntry> out = new ArrayList<>();
      for (Curation.CuratedEntry c : curation.list(period.from(), viewer)) {
        ListEntry e = byId.get(c.entry().paper().id());
        if (e != null) {
          out.add(e);
          flags.put(e.paper().id(), c);
        }
      }
      return new Shown(counted(out), flags);
    }
    return new Shown(
        counted(visible(entries, period)).stream().sorted(BY_UPVOTES).toList(), Map.of());
  }

  /** The days trending looks at: the two weeks up to the latest list, or empty without lists. */
  public Optional<Period> trendingWindow() {
    return catalog.latestListDate().map(last -> Period.daysUpTo(last, TRENDING_DAYS));
  }

  /** The papers of the trending window, most trending first, scored now. */
  public List<TrendingRanker.Ranked> trending(String category) {
    return trendingWindow().map(w -> trending(w, category, clock.instant())).orElse(List.of());
  }

  /**
   * A period's papers as readers see them, most trending first, scored at the given time: what
   * {@code ?sort=trending} of the period shows at that time, and the trending part of its digest.
   */
  public List<TrendingRanker.Ranked> trending(Period period, String category, Instant at) {
    return TrendingRanker.rank(
        counted(visible(lists.between(period.from(), period.to(), category), period)), at);
  }

  /** Entries (as this service gave them) ordered by their trending score now. */
  public List<TrendingRanker.Ranked> rank(List<ListEntry> entries) {
    return TrendingRanker.rank(entries, clock.instant());
  }

  /** The ids of the papers curators hid on any day of the period: no view of it shows them. */
  public Set<String> hidden(Period period) {
    Set<String> out = new HashSet<>();
    curation.hiddenBetween(period.from(), period.to()).values().forEach(out::addAll);
    return out;
  }

  /**
   * A paper's days on the lists, newest first, each with the counts shown (imported plus those made
   * here).
   */
  public List<Listing> listingsOf(String paperId) {
    return counted(paperId, catalog.listingsOf(paperId));
  }

  /** A paper's days on the lists as imported (read by the caller), with the counts shown. */
  public List<Listing> counted(String paperId, List<Listing> listings) {
    if (listings.isEmpty()) {
      return listings;
    }
    Counts c = counts(List.of(paperId)).get(paperId);
    return listings.stream().map(l -> c.addTo(l)).toList();
  }

  /** Which of the entries' papers the viewer upvoted. */
  public Set<String> votedBy(User viewer, List<ListEntry> entries) {
    if (viewer == null || entries.isEmpty()) {
      return Set.of();
    }
    return votes.votedBy(viewer, entries.stream().map(e -> e.paper().id()).toList());
  }

  /** The closest earlier period of the same kind with a list, if any. */
  public Optional<Period> previous(Period period) {
    return catalog.previousListDate(period.from()).map(period::around);
  }

  /** The closest later period of the same kind with a list, if any. */
  public Optional<Period> next(Period period) {
    return catalog.nextListDate(period.to()).map(period::around);
  }

  /** The latest day with a list, if any. */
  public Optional<LocalDate> latestDay() {
    return catalog.latestListDate();
  }

  /** The latest day with a list within the period, or null. */
  public LocalDate latestIn(Period period) {
    return lists.latestBetween(period.from(), period.to());
  }

  /**
   * Whether the entry is new on its list, for the "new" badge: the paper reached this instance in
   * the 24 hours of its list's day (UTC), so that day was the first time it was listed here. A
   * paper stored before its day (listed again, or harvested earlier) or after it (days imported
   * later, such as a backfill of Hugging Face's lists) is not new, and stays so: the badge belongs
   * to the list's day, not to the day it is looked at.
   */
  public boolean isNew(ListEntry entry) {
    return entry.firstSeen().atOffset(ZoneOffset.UTC).toLocalDate().equals(entry.listing().date());
  }

  /**
   * The primary category an entry is cross-listed from, as arXiv marks it on its "new" listing: on
   * an instance whose daily lists are arXiv's, a paper whose primary category is outside the
   * harvested sets. Null for every other entry and on other instances.
   */
  public String crossListFrom(ListEntry entry) {
    String primary = entry.paper().primaryCategory();
    if (harvested == null || primary == null || harvested.test(primary)) {
      return null;
    }
    return primary;
  }

  /** Today (UTC). */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  /** The entries curators hid on their day left out. */
  private List<ListEntry> visible(List<ListEntry> entries, Period period) {
    if (entries.isEmpty()) {
      return entries;
    }
    Map<LocalDate, Set<String>> hidden = curation.hiddenBetween(period.from(), period.to());
    if (hidden.isEmpty()) {
      return entries;
    }
    return entries.stream()
        .filter(e -> !hidden.getOrDefault(e.listing().date(), Set.of()).contains(e.paper().id()))
        .toList();
  }

  /** The entries with their counts as shown: imported plus those made here. */
  private List<ListEntry> counted(List<ListEntry> entries) {
    if (entries.isEmpty()) {
      return entries;
    }
    Map<String, Counts> counts =
        counts(entries.stream().map(e -> e.paper().id()).distinct().toList());
    List<ListEntry> out = new ArrayList<>(entries.size());
    for (ListEntry e : entries) {
      Counts c = counts.get(e.paper().id());
      out.add(new ListEntry(e.paper(), c.addTo(e.listing()), e.firstSeen()));
    }
    return out;
  }

  /**
   * What the community here adds to a paper's imported counts: the paper's upvotes ({@link
   * Votes#counts}: its largest imported snapshot plus the votes here) and the comments made here.
   */
  private record Counts(Upvotes upvotes, int comments) {
    Listing addTo(Listing l) {
      int imported = Math.max(l.upvotes(), upvotes.imported());
      return new Listing(
          l.date(),
          l.position(),
          l.submitter(),
          imported + upvotes.community(),
          l.comments() + comments);
    }
  }

  private Map<String, Counts> counts(List<String> ids) {
    Map<String, Upvotes> up = votes.counts(ids);
    Map<String, Integer> said = comments.counts(ids);
    Map<String, Counts> out = new HashMap<>();
    for (String id : ids) {
      out.put(id, new Counts(up.getOrDefault(id, Upvotes.NONE), said.getOrDefault(id, 0)));
    }
    return out;
  }
}
