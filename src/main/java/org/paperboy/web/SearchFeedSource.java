package org.paperboy.web;

import java.util.List;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;

/**
 * Where the search feed ({@code /feeds/search.atom?q=}) gets its papers. Until the search index
 * exists, {@link #substringMatch} finds papers whose title or abstract contains every word; the
 * search feature replaces it with its ranked search.
 */
interface SearchFeedSource {

  /** Up to {@code limit} papers for the query, best first. */
  List<Paper> find(String query, int limit);

  /** Title or abstract contains every word of the query, newest first, through the catalog. */
  static SearchFeedSource substringMatch(Catalog catalog) {
    return catalog::containing;
  }
}
