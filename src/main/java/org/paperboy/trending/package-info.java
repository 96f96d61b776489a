/**
 * Trending: {@link org.paperboy.trending.TrendingScore}, a pure and documented function of a
 * paper's upvotes, comments, code-repository stars and age, and {@link
 * org.paperboy.trending.TrendingRanker}, which orders daily-list entries by it with time from an
 * injected clock. May import {@code paper} and {@code community}.
 */
package org.paperboy.trending;
