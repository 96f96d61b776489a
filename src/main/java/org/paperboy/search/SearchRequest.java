package org.paperboy.search;

import java.time.LocalDate;

/**
 * A search as a user or a program asks it.
 *
 * @param query what was typed: words, {@code "quoted phrases"}, {@code author:}, {@code cat:} and
 *     {@code date:} filters (see {@link KeywordQuery})
 * @param mode which ranking to use
 * @param sort the order of the results
 * @param category only papers in this category or archive (e.g. cs.CL or cs), or null
 * @param from only papers published on or after this day, or null
 * @param to only papers published on or before this day, or null
 * @param offset how many results to skip (for pages)
 * @param limit how many results to return
 */
public record SearchRequest(
    String query,
    Mode mode,
    Sort sort,
    String category,
    LocalDate from,
    LocalDate to,
    int offset,
    int limit) {

  /** The most results one request may return. */
  public static final int MAX_LIMIT = 100;

  /** How far a client may page into the results. */
  public static final int MAX_OFFSET = 1000;

  /** Which ranking a search uses. */
  public enum Mode {
    /** BM25 over title, authors and abstract. */
    KEYWORD,
    /** Nearest neighbours of the query's sentence embedding. */
    SEMANTIC,
    /** Both, fused by reciprocal rank (the default). */
    HYBRID
  }

  /** The order of results. */
  public enum Sort {
    /** The mode's ranking (the default). */
    RELEVANCE,
    /** Most recently published first. */
    NEWEST,
    /** Most upvoted on the daily lists first. */
    UPVOTES
  }

  /** Checks the bounds and fills defaults. */
  public SearchRequest {
    query = query == null ? "" : query.strip();
    mode = mode == null ? Mode.HYBRID : mode;
    sort = sort == null ? Sort.RELEVANCE : sort;
    category = category == null || category.isBlank() ? null : category.strip();
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new QueryException("offset must be between 0 and " + MAX_OFFSET);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new QueryException("limit must be between 1 and " + MAX_LIMIT);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new QueryException("the start date " + from + " is after the end date " + to);
    }
  }

  /** A hybrid search by relevance, first {@code limit} results, no filters. */
  public static SearchRequest of(String query, int limit) {
    return new SearchRequest(query, Mode.HYBRID, Sort.RELEVANCE, null, null, null, 0, limit);
  }

  /** This request with another mode. */
  public SearchRequest withMode(Mode m) {
    return new SearchRequest(query, m, sort, category, from, to, offset, limit);
  }
}
