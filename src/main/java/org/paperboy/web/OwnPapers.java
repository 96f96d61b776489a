package org.paperboy.web;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.paperboy.community.CommunityException;
import org.paperboy.community.User;
import org.paperboy.search.QueryException;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchScope;

/**
 * The {@code in:} scopes of a search ({@link SearchScope}) turned into the ids of the signed-in
 * reader's papers, which the search then answers within: {@code in:saved} the papers of all their
 * collections, {@code in:upvoted} what they upvoted, {@code in:collection:NAME} one collection.
 * Several scopes meet (each narrows the search, as filters do). Signed out, a scope is refused
 * (401), never searched over everybody's papers.
 */
final class OwnPapers {

  private final Community community;

  OwnPapers(Community community) {
    this.community = community;
  }

  /** Whether the query names a scope (its answer is the reader's own, never shared). */
  static boolean scoped(String query) {
    return SearchScope.named(query);
  }

  /**
   * The request restricted to the papers its query's scopes name, for this viewer (null when signed
   * out); the request as it is when it names none. Throws {@link HttpProblem} 401 when signed out
   * and {@link QueryException} for a scope it cannot read or a collection the reader does not have.
   */
  SearchRequest within(SearchRequest request, User viewer) {
    List<SearchScope> scopes = SearchScope.in(request.query());
    if (scopes.isEmpty()) {
      return request;
    }
    if (viewer == null) {
      throw new HttpProblem(
          401,
          "Sign in required",
          "in:saved, in:upvoted and in:collection: search your own papers; sign in to use them.");
    }
    Set<String> ids = null;
    for (SearchScope scope : scopes) {
      Set<String> these;
      try {
        these =
            switch (scope.kind()) {
              case SAVED -> community.collections().paperIds(viewer, null);
              case UPVOTED -> community.votes().upvotedIds(viewer);
              case COLLECTION -> community.collections().paperIds(viewer, scope.name());
            };
      } catch (CommunityException e) {
        throw new QueryException(e.getMessage());
      }
      if (ids == null) {
        ids = new HashSet<>(these);
      } else {
        ids.retainAll(these);
      }
    }
    return request.within(ids);
  }
}
