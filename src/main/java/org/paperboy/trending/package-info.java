/**
 * Trending: {@link org.paperboy.trending.TrendingScore}, a pure and documented function of a
 * paper's upvotes, comments, code-repository stars and age, and {@link
 * org.paperboy.trending.TrendingRanker}, which orders daily-list entries by it at a given time.
 * What the entries are and their counts is the list service's ({@code org.paperboy.lists}). May
 * import {@code paper}.
 */
package org.paperboy.trending;
