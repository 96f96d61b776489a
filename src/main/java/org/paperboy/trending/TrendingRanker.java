package org.paperboy.trending;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.paperboy.paper.ListEntry;

/**
 * Orders daily-list entries by {@link TrendingScore} at a given time. Ties (equal scores) are
 * broken deterministically: more upvotes first, then the later list day, then the smaller paper id.
 */
public final class TrendingRanker {

  /** An entry with its score. */
  public record Ranked(ListEntry entry, TrendingScore score) {}

  private static final Comparator<Ranked> ORDER =
      Comparator.comparingDouble((Ranked r) -> r.score().score())
          .reversed()
          .thenComparing(r -> r.entry().listing().upvotes(), Comparator.reverseOrder())
          .thenComparing(r -> r.entry().listing().date(), Comparator.reverseOrder())
          .thenComparing(r -> r.entry().paper().id());

  private TrendingRanker() {}

  /** The entries scored at {@code now} and ordered, most trending first. */
  public static List<Ranked> rank(List<ListEntry> entries, Instant now) {
    return entries.stream().map(e -> new Ranked(e, score(e, now))).sorted(ORDER).toList();
  }

  /** One entry's score at the given time. */
  public static TrendingScore score(ListEntry entry, Instant now) {
    LocalDate day = entry.listing().date();
    Instant since = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    double ageHours = Duration.between(since, now).toSeconds() / 3600.0;
    return TrendingScore.of(
        entry.listing().upvotes(),
        entry.listing().comments(),
        entry.paper().codeUrl() == null ? null : entry.paper().codeStars(),
        ageHours);
  }
}
