package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.paperboy.community.Sessions;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.QueryException;
import org.paperboy.search.SearchHit;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.search.SearchScope;

/** The search page at {@link Routes#SEARCH}: a form with filters, and pages of results. */
final class SearchPages {

  static final int PAGE_SIZE = 20;

  private final PaperSearch search;
  private final OwnPapers own;
  private final DateLabels dates;
  private final Templates templates;

  SearchPages(PaperSearch search, OwnPapers own, DateLabels dates, Templates templates) {
    this.search = search;
    this.own = own;
    this.dates = dates;
    this.templates = templates;
  }

  void search(Context ctx) throws IOException {
    String q = param(ctx, SearchQueries.Q);
    String cat = param(ctx, SearchQueries.CATEGORY);
    String from = param(ctx, SearchQueries.FROM);
    String to = param(ctx, SearchQueries.TO);
    String mode = param(ctx, SearchQueries.MODE).toLowerCase(Locale.ROOT);
    String sort = param(ctx, SearchQueries.SORT).toLowerCase(Locale.ROOT);
    if (q.isBlank() && cat.isBlank() && from.isBlank() && to.isBlank()) {
      templates.send(
          ctx,
          200,
          "search.jte",
          new SearchPage(
              q, mode, sort, cat, from, to, false, null, null, List.of(), 0, 0, null, null, null,
              null, null, List.of()));
      return;
    }
    Optional<String> named = search.named(q);
    if (named.isPresent()) {
      // An arXiv id or a link to a paper's page: the reader wants that paper, not a list.
      ctx.redirect(Routes.paper(named.get()), HttpStatus.FOUND);
      return;
    }
    SearchResults results;
    int page;
    try {
      page = SearchQueries.number(ctx, SearchQueries.PAGE, 1);
      int offset = (page - 1) * PAGE_SIZE;
      if (page < 1 || offset > SearchRequest.MAX_OFFSET) {
        throw new QueryException(
            "page must be between 1 and " + (SearchRequest.MAX_OFFSET / PAGE_SIZE + 1));
      }
      results =
          search.search(
              own.forReader(SearchQueries.read(ctx, offset, PAGE_SIZE), Guard.viewer(ctx)));
    } catch (QueryException | HttpProblem e) {
      // A bad query, or a scope of one's own papers asked for signed out: the form again, saying
      // why (and where to sign in).
      boolean signIn = e instanceof HttpProblem p && p.status() == 401;
      send(
          ctx,
          e instanceof HttpProblem p ? p.status() : 400,
          new SearchPage(
              q,
              mode,
              sort,
              cat,
              from,
              to,
              true,
              e instanceof HttpProblem p ? p.detail() : e.getMessage(),
              signIn ? Routes.signIn(here(ctx)) : null,
              List.of(),
              0,
              0,
              null,
              null,
              null,
              null,
              null,
              List.of()));
      return;
    }
    // A search of everyone's papers can be followed and read as a feed; one of the reader's own
    // papers (in:saved, in:upvoted, in:collection:) is private, and offers neither.
    boolean shared = !q.isBlank() && SearchScope.in(q).isEmpty();
    Optional<Sessions.SignedIn> session = Guard.session(ctx);
    int first = (page - 1) * PAGE_SIZE + 1;
    boolean more =
        first - 1 + results.hits().size() < results.total()
            && page * PAGE_SIZE <= SearchRequest.MAX_OFFSET;
    String coverage =
        results.embedded() < results.papers() && !"keyword".equals(mode)
            ? "Semantic search covers "
                + results.embedded()
                + " of "
                + results.papers()
                + " papers so far; the rest are found by their words and are being added."
            : null;
    send(
        ctx,
        200,
        new SearchPage(
            q,
            mode,
            sort,
            cat,
            from,
            to,
            true,
            null,
            null,
            results.hits().stream().map(this::result).toList(),
            results.total(),
            first,
            page > 1 ? link(ctx, page - 1) : null,
            more ? link(ctx, page + 1) : null,
            coverage,
            shared && session.isPresent()
                ? Routes.FOLLOWS + "?" + parameters(ctx, SAVED_SEARCH)
                : null,
            session.map(Sessions.SignedIn::csrfToken).orElse(null),
            shared
                ? ListPage.FeedLink.both(
                    "Search: " + q,
                    Routes.feed("search", "atom") + "?" + parameters(ctx, FEED),
                    Routes.feed("search", "rss") + "?" + parameters(ctx, FEED))
                : List.of()));
  }

  /**
   * Sends a page of the search: private to a signed-in reader (their frame, their own papers under
   * an {@code in:} scope), shareable otherwise.
   */
  private void send(Context ctx, int status, SearchPage page) {
    if (Guard.session(ctx).isPresent()) {
      templates.sendPrivate(ctx, status, "search.jte", page);
    } else {
      templates.send(ctx, status, "search.jte", page);
    }
  }

  /** This search's own address, to come back to after signing in. */
  private static String here(Context ctx) {
    return ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
  }

  private SearchPage.Result result(SearchHit hit) {
    List<String> authors = hit.authors();
    int shown = Math.min(PaperCard.AUTHORS_SHOWN, authors.size());
    return new SearchPage.Result(
        Routes.paper(hit.id()),
        hit.titleSpans(),
        authors.subList(0, shown),
        authors.size() - shown,
        hit.snippet(),
        hit.published() == null ? null : dates.full(hit.published()),
        hit.published() == null ? null : hit.published().toString(),
        hit.upvotes(),
        hit.categories());
  }

  private static final List<String> SEARCH = SearchQueries.SEARCH;

  /** What a search feed's URL carries, in the order of its cache key (alphabetical). */
  private static final List<String> FEED = SEARCH.stream().sorted().toList();

  /** What a saved search keeps: the query, its mode and filters (its order is the newest first). */
  private static final List<String> SAVED_SEARCH =
      List.of(
          SearchQueries.Q,
          SearchQueries.MODE,
          SearchQueries.CATEGORY,
          SearchQueries.FROM,
          SearchQueries.TO);

  /** This search's link with another page number. */
  private static String link(Context ctx, int page) {
    String p = parameters(ctx, SEARCH);
    return Routes.SEARCH + "?" + p + (p.isEmpty() ? "" : "&") + SearchQueries.PAGE + "=" + page;
  }

  /** The request's values of these parameters as a query string (blank ones left out). */
  private static String parameters(Context ctx, List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String name : names) {
      String v = ctx.queryParam(name);
      if (v != null && !v.isBlank()) {
        sb.append(sb.length() == 0 ? "" : "&")
            .append(name)
            .append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    }
    return sb.toString();
  }

  private static String param(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null ? "" : v;
  }
}
