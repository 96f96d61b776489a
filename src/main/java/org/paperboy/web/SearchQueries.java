package org.paperboy.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.paperboy.foryou.SearchFilters;
import org.paperboy.search.QueryException;
import org.paperboy.search.SearchRequest;

/**
 * Reads a {@link SearchRequest} from the query string that the page, the API, the search feeds and
 * "Follow this search" share: the one place search parameters are named and parsed.
 */
final class SearchQueries {

  static final String Q = "q";
  static final String MODE = "mode";
  static final String SORT = "sort";
  static final String CATEGORY = "cat";
  static final String FROM = "from";
  static final String TO = "to";
  static final String LIMIT = "limit";
  static final String OFFSET = "offset";
  static final String PAGE = "page";

  /**
   * What names a search (the query, its mode, order and filters): its links and feeds carry these.
   */
  static final List<String> SEARCH = List.of(Q, MODE, SORT, CATEGORY, FROM, TO);

  private SearchQueries() {}

  /** The request the parameters describe; throws {@link QueryException} for bad values. */
  static SearchRequest read(Context ctx, int offset, int limit) {
    return new SearchRequest(
        ctx.queryParam(Q),
        choice(ctx, MODE, SearchRequest.Mode.class),
        choice(ctx, SORT, SearchRequest.Sort.class),
        ctx.queryParam(CATEGORY),
        date(ctx, FROM),
        date(ctx, TO),
        offset,
        limit);
  }

  /**
   * The filters of the search the parameters describe (category, dates), as a saved search keeps
   * them: read by {@link #read}, so a saved search and its feed filter as the page did.
   */
  static SearchFilters filters(Context ctx) {
    return filters(read(ctx, 0, 1));
  }

  /** The filters of a search request, as a saved search keeps them. */
  static SearchFilters filters(SearchRequest r) {
    return new SearchFilters(r.category(), r.from(), r.to());
  }

  /** A whole-number parameter, or the default when absent. */
  static int number(Context ctx, String name, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new QueryException(name + " must be a whole number, not \"" + v + "\"");
    }
  }

  private static <E extends Enum<E>> E choice(Context ctx, String name, Class<E> type) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
      }
      throw new QueryException(name + " must be one of " + allowed + ", not \"" + v + "\"");
    }
  }

  private static LocalDate date(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw new QueryException(name + " must be a date like 2025-03-17, not \"" + v + "\"");
    }
  }
}
