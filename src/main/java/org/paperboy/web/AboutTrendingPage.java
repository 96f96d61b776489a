package org.paperboy.web;

/**
 * The page that explains the trending score.
 *
 * @param gravity the exponent of the age decay
 * @param ageOffsetHours hours added to the age
 * @param commentWeight points per comment
 * @param starWeight points per doubling of code stars
 * @param windowDays how many days of lists the trending view looks at
 * @param example a worked example
 */
public record AboutTrendingPage(
    double gravity,
    double ageOffsetHours,
    double commentWeight,
    double starWeight,
    int windowDays,
    String example) {}
