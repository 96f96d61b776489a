package org.paperboy.foryou;

import java.time.LocalDate;
import java.util.Set;
import org.paperboy.paper.Paper;

/**
 * The filters of a saved search, as the search page applied them when the reader saved it: a
 * category or archive ({@code cs.CL}, {@code cs}), and a range of publication dates, either end
 * open. A paper the filters leave out is not the search's, however close it is.
 *
 * @param category the category or archive, or null
 * @param from the first publication day, or null
 * @param to the last publication day, or null
 */
public record SearchFilters(String category, LocalDate from, LocalDate to) {

  /** No filter. */
  public static final SearchFilters NONE = new SearchFilters(null, null, null);

  /** Blank category is none. */
  public SearchFilters {
    category = category == null || category.isBlank() ? null : category.strip();
  }

  /** Whether a paper passes the filters (the search's rule: any of its categories). */
  public boolean admits(Paper p) {
    if (category != null && !ForYou.in(p.categories(), Set.of(category))) {
      return false;
    }
    if (from != null && (p.published() == null || p.published().isBefore(from))) {
      return false;
    }
    return to == null || (p.published() != null && !p.published().isAfter(to));
  }

  /** Whether there is no filter. */
  public boolean none() {
    return category == null && from == null && to == null;
  }
}
