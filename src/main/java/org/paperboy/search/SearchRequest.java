package org.paperboy.search;

import java.time.LocalDate;
import java.util.Set;
import java.util.function.Predicate;

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
 * @param within only papers with these ids (the papers a reader owns, for the {@code in:} scopes of
 *     {@link SearchScope}), or null for every paper; a query that names a scope needs it
 * @param hide papers to leave out of the results (a reader's muted authors, categories and
 *     keywords; the hit it is given has no highlighting), or null; counts leave them out too among
 *     the first {@link #MAX_OFFSET} + {@link #MAX_LIMIT} candidates
 */
public record SearchRequest(
    String query,
    Mode mode,
    Sort sort,
    String category,
    LocalDate from,
    LocalDate to,
    int offset,
    int limit,
    Set<String> within,
    Predicate<SearchHit> hide) {

  /** A search over every paper. */
  public SearchRequest(
      String query,
      Mode mode,
      Sort sort,
      String category,
      LocalDate from,
      LocalDate to,
      int offset,
      int limit) {
    this(query, mode, sort, category, from, to, offset, limit, null, null);
  }

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

  /**
   * The longest query, in characters: a pasted abstract fits, and the query stays within Lucene's
   * limit on clauses.
   */
  public static final int MAX_QUERY_CHARS = 1000;

  /** Checks the bounds and fills defaults. */
  public SearchRequest {
    query = query == null ? "" : visible(query).strip();
    if (query.length() > MAX_QUERY_CHARS) {
      throw new QueryException(
          "This query is too long: "
              + query.length()
              + " characters, at most "
              + MAX_QUERY_CHARS
              + " are searched. Search with fewer words.");
    }
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
    within = within == null ? null : Set.copyOf(within);
  }

  /**
   * The text with every character that shows nothing (controls, format characters such as
   * zero-width spaces, byte-order marks and soft hyphens, the replacement character, any kind of
   * space, lone surrogates) turned into a plain space: such characters are not words, and a query
   * of only them is an empty one, not something for the model to embed.
   */
  static String visible(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean invisible =
          switch (Character.getType(c)) {
            case Character.CONTROL,
                Character.FORMAT,
                Character.SPACE_SEPARATOR,
                Character.LINE_SEPARATOR,
                Character.PARAGRAPH_SEPARATOR,
                Character.UNASSIGNED,
                Character.PRIVATE_USE ->
                true;
            case Character.SURROGATE -> !validPair(text, i);
            default -> c == '\uFFFD';
          };
      if (invisible && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(invisible ? ' ' : c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean validPair(String text, int i) {
    char c = text.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  /** A hybrid search by relevance, first {@code limit} results, no filters. */
  public static SearchRequest of(String query, int limit) {
    return new SearchRequest(query, Mode.HYBRID, Sort.RELEVANCE, null, null, null, 0, limit);
  }

  /** This request with another query. */
  public SearchRequest withQuery(String q) {
    return new SearchRequest(q, mode, sort, category, from, to, offset, limit, within, hide);
  }

  /** This request with another mode. */
  public SearchRequest withMode(Mode m) {
    return new SearchRequest(query, m, sort, category, from, to, offset, limit, within, hide);
  }

  /** This request restricted to the papers with these ids (null: every paper). */
  public SearchRequest within(Set<String> ids) {
    return new SearchRequest(query, mode, sort, category, from, to, offset, limit, ids, hide);
  }

  /** This request leaving out the papers the predicate holds for (null: none). */
  public SearchRequest hiding(Predicate<SearchHit> hidden) {
    return new SearchRequest(query, mode, sort, category, from, to, offset, limit, within, hidden);
  }
}
