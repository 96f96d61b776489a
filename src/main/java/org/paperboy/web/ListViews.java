package org.paperboy.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.paperboy.community.User;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.DailyLists;
import org.paperboy.paper.ListEntry;
import org.paperboy.trending.TrendingRanker;

/**
 * The lists that pages, the API and the feeds show: a period's papers in list order (a day) or by
 * upvotes (a week, a month), and the trending papers. One place, so the three agree.
 */
final class ListViews {

  /** Trending looks at the lists of this many days, ending with the latest list. */
  static final int TRENDING_DAYS = 14;

  /** Most upvotes first, then most comments, the later day, the smaller id. */
  static final Comparator<ListEntry> BY_UPVOTES =
      Comparator.comparing((ListEntry e) -> e.listing().upvotes(), Comparator.reverseOrder())
          .thenComparing(e -> e.listing().comments(), Comparator.reverseOrder())
          .thenComparing(e -> e.listing().date(), Comparator.reverseOrder())
          .thenComparing(e -> e.paper().id());

  /** Newest publication first (papers without a date last), then the smaller id. */
  static final Comparator<ListEntry> BY_PUBLISHED =
      Comparator.comparing(
              (ListEntry e) -> e.paper().published(),
              Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()))
          .thenComparing(e -> e.paper().id());

  /** arXiv category names: {@code cs.CL}, {@code hep-th}, {@code math.AG}, {@code q-bio.NC}. */
  private static final Pattern CATEGORY = Pattern.compile("[A-Za-z-]{1,20}(\\.[A-Za-z-]{1,20})?");

  private final Catalog catalog;
  private final DailyLists lists;
  private final TrendingRanker ranker;
  private final Clock clock;
  private final CommunityView community;

  ListViews(Catalog catalog, DailyLists lists, Clock clock, CommunityView community) {
    this.catalog = catalog;
    this.lists = lists;
    this.ranker = new TrendingRanker(clock);
    this.clock = clock;
    this.community = community;
  }

  Catalog catalog() {
    return catalog;
  }

  /**
   * A period's papers as readers see them: a day in the curators' order, a week or month by
   * upvotes, without hidden entries, with the community's counts.
   */
  List<ListEntry> entries(Period period, String category) {
    return entries(period, category, null).entries();
  }

  /**
   * A period's papers as the viewer sees them (curators also see hidden entries of a day), with the
   * curators' flags of a day's entries.
   */
  CommunityView.CuratedDay entries(Period period, String category, User viewer) {
    List<ListEntry> entries = lists.between(period.from(), period.to(), category);
    if (period.kind() == Period.Kind.DAY) {
      CommunityView.CuratedDay day = community.curatedDay(period.from(), entries, viewer);
      return new CommunityView.CuratedDay(community.counted(day.entries()), day.flags());
    }
    return new CommunityView.CuratedDay(
        community.counted(community.visible(entries, period.from(), period.to())).stream()
            .sorted(BY_UPVOTES)
            .toList(),
        Map.of());
  }

  CommunityView community() {
    return community;
  }

  /** The days trending looks at: the two weeks up to the latest list, or empty without lists. */
  Optional<Period> trendingWindow() {
    return catalog
        .latestListDate()
        .map(last -> new Period(Period.Kind.DAY, last.minusDays(TRENDING_DAYS - 1), last));
  }

  /** The papers of the trending window, most trending first. */
  List<TrendingRanker.Ranked> trending(String category) {
    return trendingWindow()
        .map(
            w ->
                ranker.rank(
                    community.counted(
                        community.visible(
                            lists.between(w.from(), w.to(), category), w.from(), w.to()))))
        .orElse(List.of());
  }

  /** Scores entries of any period by the trending score. */
  List<TrendingRanker.Ranked> rank(List<ListEntry> entries) {
    return ranker.rank(entries);
  }

  /** The closest earlier period of the same kind with a list, if any. */
  Optional<Period> previous(Period period) {
    return catalog.previousListDate(period.from()).map(period::around);
  }

  /** The closest later period of the same kind with a list, if any. */
  Optional<Period> next(Period period) {
    return catalog.nextListDate(period.to()).map(period::around);
  }

  /** The latest day with a list within the period, or null. */
  LocalDate latestIn(Period period) {
    return lists.latestBetween(period.from(), period.to());
  }

  /** Whether the paper was first stored today (UTC), for the "new" badge. */
  boolean isNew(ListEntry entry) {
    return entry.firstSeen().atOffset(ZoneOffset.UTC).toLocalDate().equals(today());
  }

  Instant now() {
    return clock.instant();
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  /** The category parameter checked, or null when absent or blank. */
  static String category(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.strip();
    if (!CATEGORY.matcher(s).matches()) {
      throw HttpProblem.badParameter(
          "\"" + s + "\" is not an arXiv category. Write categories like cs.CL or hep-th.");
    }
    return s;
  }
}
