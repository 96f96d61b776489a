package org.paperboy.search;

import java.util.List;

/**
 * A page of search results.
 *
 * @param hits the results on this page, best first
 * @param total how many results the search found (at least; counting stops at 1,000 for keyword
 *     searches, and a ranked search keeps its best few hundred)
 * @param embedded how many papers the index holds with a vector from the current model
 * @param papers how many papers the index holds
 */
public record SearchResults(List<SearchHit> hits, long total, long embedded, long papers) {}
