package org.paperboy.web;

import java.util.List;
import org.paperboy.search.SearchHit;

/**
 * The search page: the form as the user filled it, and a page of results or a message.
 *
 * @param query the query as typed
 * @param mode keyword, semantic or hybrid
 * @param sort relevance, newest or upvotes
 * @param category the category filter as typed, or ""
 * @param from the start date as typed (yyyy-mm-dd), or ""
 * @param to the end date as typed, or ""
 * @param searched whether a search ran (false for the empty form)
 * @param error why the search could not run, or null
 * @param signInHref where to sign in when the search needs a session (an {@code in:} scope), or
 *     null
 * @param results this page's results
 * @param total how many results the search found
 * @param first the number of the first result on this page, from 1
 * @param previousHref the previous page, or null
 * @param nextHref the next page, or null
 * @param coverage a note while semantic search does not cover every paper yet, or null
 * @param followAction where "Follow this search" posts (the search's parameters in its query), or
 *     null when not offered (signed out, no query, or a search of the reader's own papers)
 * @param csrf the session's form token, or null signed out
 * @param feeds Atom and RSS of this search, empty when it has none (a search of one's own papers)
 */
public record SearchPage(
    String query,
    String mode,
    String sort,
    String category,
    String from,
    String to,
    boolean searched,
    String error,
    String signInHref,
    List<Result> results,
    long total,
    int first,
    String previousHref,
    String nextHref,
    String coverage,
    String followAction,
    String csrf,
    List<ListPage.FeedLink> feeds) {

  /**
   * One result.
   *
   * @param href the paper page
   * @param title the title with matches marked
   * @param authors the first authors' names
   * @param moreAuthors how many authors there are beyond those
   * @param snippet passages of the abstract with matches marked
   * @param published the publication date as shown, or null
   * @param isoDate the publication date as yyyy-mm-dd, or null
   * @param upvotes upvotes as imported
   * @param categories arXiv categories, primary first
   */
  public record Result(
      String href,
      List<SearchHit.Span> title,
      List<String> authors,
      int moreAuthors,
      List<SearchHit.Span> snippet,
      String published,
      String isoDate,
      int upvotes,
      List<String> categories) {}
}
