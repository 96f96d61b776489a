package org.paperboy.search;

import java.util.List;

/**
 * A page of search results.
 *
 * @param hits the results on this page, best first
 * @param total how many results the search found: for keyword search, the papers with any of the
 *     words (at least; counting stops at 1,000); for semantic and hybrid search, the papers above
 *     the relevance floor among the best few hundred candidates, which is what can be paged through
 * @param embedded how many papers the index holds with a vector from the current model
 * @param papers how many papers the index holds
 */
public record SearchResults(List<SearchHit> hits, long total, long embedded, long papers) {}
