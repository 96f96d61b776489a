package org.paperboy.web;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paperboy.community.CommunityException;
import org.paperboy.community.User;
import org.paperboy.foryou.Muting;
import org.paperboy.search.QueryException;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchScope;

/**
 * The signed-in reader's part of a search. The {@code in:} scopes ({@link SearchScope}) turned into
 * the ids of their papers, which the search then answers within: {@code in:saved} the papers of all
 * their collections, {@code in:upvoted} what they upvoted, {@code in:collection:NAME} one
 * collection. Several scopes meet (each narrows the search, as filters do). Signed out, a scope is
 * refused (401), never searched over everybody's papers. And, when the reader asked the lists to
 * hide what they muted ({@link org.paperboy.foryou.Follows#listMuting}), those papers left out.
 */
final class OwnPapers {

  private final Community community;

  OwnPapers(Community community) {
    this.community = community;
  }

  /**
   * The request for this viewer (null when signed out): restricted to the papers its query's scopes
   * name, without the papers they muted if they asked for that; the request as it is for everyone
   * else. Throws {@link HttpProblem} 401 for a scope signed out and {@link QueryException} for a
   * scope it cannot read or a collection the reader does not have.
   */
  SearchRequest forReader(SearchRequest request, User viewer) {
    SearchRequest r = within(request, viewer);
    if (viewer == null) {
      return r;
    }
    Optional<Muting> muting = community.forYou().follows().listMuting(viewer.id());
    return muting.isEmpty()
        ? r
        : r.hiding(
            h -> muting.get().hides(h.authors(), h.categories(), h.title(), h.abstractText()));
  }

  /** Whether the answer to this request is the reader's own (never to be kept for others). */
  static boolean personal(SearchRequest request) {
    return request.within() != null || request.hide() != null;
  }

  private SearchRequest within(SearchRequest request, User viewer) {
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
