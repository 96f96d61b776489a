package org.paperboy.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.paperboy.mail.Html;
import org.paperboy.paper.ArxivId;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.QueryException;
import org.paperboy.search.SearchHit;
import org.paperboy.search.SearchRequest;

/**
 * The search JSON API: {@link Routes#API_SEARCH} and {@link Routes#API_SIMILAR}. Items have the
 * shape of Hugging Face's {@code /api/papers/search} results, so scripts written for it work here:
 * a {@code paper} object ({@code id, title, summary, authors[{name}], publishedAt, upvotes}) and,
 * beside it, {@code title}, {@code summary}, {@code publishedAt} and the highlighted {@code
 * highlightedTitle} and {@code highlightedSummary} (HTML-escaped text with matches in {@code
 * <mark>}). Errors are thrown as {@link HttpProblem}s, which the app answers with RFC 9457 problem
 * details.
 */
final class SearchApi {

  static final int DEFAULT_LIMIT = 20;
  static final int DEFAULT_SIMILAR = 10;

  private final PaperSearch search;
  private final OwnPapers own;

  SearchApi(PaperSearch search, OwnPapers own) {
    this.search = search;
    this.own = own;
  }

  /** The paper as Hugging Face's API describes it. */
  record ApiPaper(
      String id,
      String title,
      String summary,
      List<ApiAuthor> authors,
      String publishedAt,
      int upvotes,
      List<String> categories) {}

  /** An author. */
  record ApiAuthor(String name) {}

  /** One search result. */
  record ApiItem(
      ApiPaper paper,
      String title,
      String summary,
      String publishedAt,
      String highlightedTitle,
      String highlightedSummary) {}

  void search(Context ctx) throws IOException {
    try {
      int limit = SearchQueries.number(ctx, SearchQueries.LIMIT, DEFAULT_LIMIT);
      int offset = SearchQueries.number(ctx, SearchQueries.OFFSET, 0);
      if (ctx.queryParam(SearchQueries.Q) == null) {
        throw new QueryException("q is required, e.g. /api/papers/search?q=diffusion");
      }
      SearchRequest request =
          own.forReader(SearchQueries.read(ctx, offset, limit), Guard.viewer(ctx));
      if (OwnPapers.personal(request)) {
        // The reader's own papers, or their mutes left out: for them alone.
        ctx.header("Cache-Control", "private, no-store");
      }
      send(ctx, 200, search.search(request).hits());
    } catch (QueryException e) {
      throw new HttpProblem(400, "Bad search query", e.getMessage());
    }
  }

  void similar(Context ctx) throws IOException {
    String id = ctx.pathParam(Routes.ID_PARAM);
    int limit;
    try {
      limit = SearchQueries.number(ctx, SearchQueries.LIMIT, DEFAULT_SIMILAR);
      if (limit < 1 || limit > 100) {
        throw new QueryException("limit must be between 1 and 100");
      }
    } catch (QueryException e) {
      throw new HttpProblem(400, "Bad request", e.getMessage());
    }
    Optional<List<SearchHit>> similar = search.similar(canonical(id), limit);
    if (similar.isEmpty()) {
      throw new HttpProblem(404, "Unknown paper", "No paper with id " + id + " is in the index.");
    }
    send(ctx, 200, similar.get());
  }

  /** An arXiv id without its version; other ids as given. */
  static String canonical(String id) {
    return ArxivId.parse(id).map(ArxivId::id).orElse(id);
  }

  private static void send(Context ctx, int status, List<SearchHit> hits) {
    List<ApiItem> items = hits.stream().map(SearchApi::item).toList();
    ctx.status(status).contentType(Api.JSON).result(ApiJson.bytes(items));
  }

  static ApiItem item(SearchHit h) {
    String published = h.published() == null ? null : h.published() + "T00:00:00.000Z";
    String summary = h.abstractText().strip();
    ApiPaper paper =
        new ApiPaper(
            h.id(),
            h.title(),
            summary,
            h.authors().stream().map(ApiAuthor::new).toList(),
            published,
            h.upvotes(),
            h.categories());
    return new ApiItem(
        paper, h.title(), summary, published, html(h.titleSpans()), html(h.snippet()));
  }

  /** Spans as HTML: text escaped, matches in {@code <mark>}. */
  static String html(List<SearchHit.Span> spans) {
    StringBuilder sb = new StringBuilder();
    for (SearchHit.Span s : spans) {
      if (s.match()) {
        sb.append("<mark>").append(Html.escape(s.text())).append("</mark>");
      } else {
        sb.append(Html.escape(s.text()));
      }
    }
    return sb.toString();
  }
}
