package org.paperboy.trending;

import java.util.Locale;

/**
 * How much a paper trends, and why. The formula is Hacker News' ranking ("gravity") formula, as
 * published in its Arc source ({@code news.arc}) and widely described since 2007, with the points
 * taken from what a paper list has instead of HN votes:
 *
 * <pre>
 *   points = upvotes + COMMENT_WEIGHT · comments + STAR_WEIGHT · log2(1 + stars)
 *   score  = points / (ageHours + AGE_OFFSET_HOURS) ^ GRAVITY
 * </pre>
 *
 * <ul>
 *   <li>{@code GRAVITY = 1.8} is HN's value: at equal points, a two-day-old paper's score halves in
 *       about another day, so yesterday's strong paper still beats today's weak one but a week-old
 *       one fades.
 *   <li>{@code AGE_OFFSET_HOURS = 2} is HN's too: it keeps a brand-new paper's score finite and
 *       stops the first hour from dominating.
 *   <li>{@code COMMENT_WEIGHT = 2}: a comment takes more effort than an upvote and signals
 *       discussion; HN does not count comments, so this constant is ours.
 *   <li>{@code STAR_WEIGHT = 1} on {@code log2(1 + stars)}: a code repository adds a little, and
 *       doubling its stars adds one point, so a 10,000-star framework paper gets about 13 points,
 *       not 10,000. Stars are also ours; no anchor publishes how it uses them.
 * </ul>
 *
 * {@link TrendingRanker} counts age from the start (00:00 UTC) of the day the paper was first on a
 * daily list; a day in the future counts as age 0.
 *
 * @param upvotes upvotes counted
 * @param comments comments counted
 * @param stars code-repository stars counted (0 without a repository)
 * @param ageHours the paper's age in hours, never negative
 * @param points the points before decay
 * @param score the trending score; higher trends more
 */
public record TrendingScore(
    int upvotes, int comments, int stars, double ageHours, double points, double score) {

  /** HN's gravity: how fast age wins over points. */
  public static final double GRAVITY = 1.8;

  /** HN's offset, in hours, added to the age before the decay. */
  public static final double AGE_OFFSET_HOURS = 2;

  /** Points per comment. */
  public static final double COMMENT_WEIGHT = 2;

  /** Points per doubling of the code repository's stars. */
  public static final double STAR_WEIGHT = 1;

  /**
   * Scores a paper. Negative counts (never expected) count as zero.
   *
   * @param stars the code repository's stars, or null when there is none or it is unknown
   * @param ageHours hours since the paper's reference time; negative ages count as zero
   */
  public static TrendingScore of(int upvotes, int comments, Integer stars, double ageHours) {
    int u = Math.max(0, upvotes);
    int c = Math.max(0, comments);
    int s = stars == null ? 0 : Math.max(0, stars);
    double age = Math.max(0, ageHours);
    double points = u + COMMENT_WEIGHT * c + STAR_WEIGHT * log2(1 + s);
    double score = points / Math.pow(age + AGE_OFFSET_HOURS, GRAVITY);
    return new TrendingScore(u, c, s, age, points, score);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** The computation in words, e.g. for a tooltip or the API: every number that went into it. */
  public String explanation() {
    return String.format(
        Locale.ROOT,
        "(%d upvotes + %.0f × %d comments + %.0f × log2(1 + %d stars)) / (%.0f h + %.0f h)^%.1f"
            + " = %.1f points / %.0f = %.3g",
        upvotes,
        COMMENT_WEIGHT,
        comments,
        STAR_WEIGHT,
        stars,
        ageHours,
        AGE_OFFSET_HOURS,
        GRAVITY,
        points,
        Math.pow(ageHours + AGE_OFFSET_HOURS, GRAVITY),
        score);
  }
}
