package org.paperboy.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.paperboy.lists.Lists;
import org.paperboy.lists.Period;
import org.paperboy.paper.Author;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.Paper;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.QueryException;
import org.paperboy.search.SearchHit;
import org.paperboy.search.SearchRequest;
import org.paperboy.trending.TrendingRanker;
import org.paperboy.web.ResponseCache.Rendered;

/**
 * The Atom and RSS feeds at {@link Routes#FEED}: {@code daily} (the lists of the last week, newest
 * day first), {@code trending} (the top of the trending view), both with an optional {@code
 * ?category=}, and {@code search?q=}, which takes the parameters of {@link Routes#API_SEARCH} and
 * answers from the same search. Links are absolute, from the configured base URL.
 */
final class Feeds {

  /** The daily feed covers the lists of this many days up to the latest one. */
  static final int DAILY_DAYS = 7;

  /** At most this many entries per feed. */
  static final int MAX_ENTRIES = 100;

  /** The trending feed lists the top papers only. */
  static final int TRENDING_ENTRIES = 30;

  /** The longest search query a feed accepts. */
  static final int MAX_QUERY = 200;

  private static final Comparator<ListEntry> NEWEST_DAY_FIRST =
      Comparator.comparing((ListEntry e) -> e.listing().date(), Comparator.reverseOrder())
          .thenComparing(e -> e.listing().position())
          .thenComparing(e -> e.paper().id());

  private final Lists lists;
  private final PaperSearch search;
  private final ResponseCache cache;
  private final String base;
  private final Clock clock;

  Feeds(Lists lists, PaperSearch search, ResponseCache cache, URI baseUrl, Clock clock) {
    this.lists = lists;
    this.search = search;
    this.cache = cache;
    this.base = baseUrl.toString();
    this.clock = clock;
  }

  void feed(Context ctx) {
    String name = ctx.pathParam(Routes.FEED_PARAM);
    int dot = name.lastIndexOf('.');
    String kind = dot < 0 ? name : name.substring(0, dot);
    String format = dot < 0 ? "" : name.substring(dot + 1);
    if (!format.equals("atom") && !format.equals("rss")
        || !List.of("daily", "trending", "search").contains(kind)) {
      throw HttpProblem.notFound(
          "There is no feed \""
              + name
              + "\". Feeds are daily, trending and search, as .atom or"
              + " .rss.");
    }
    // The feed's own URL names only the parameters it depends on, so it is its cache key too.
    String key =
        kind.equals("search")
            ? ResponseCache.key(
                ctx,
                SearchQueries.Q,
                SearchQueries.MODE,
                SearchQueries.SORT,
                SearchQueries.CATEGORY,
                SearchQueries.FROM,
                SearchQueries.TO)
            : ResponseCache.key(ctx, "category");
    String self = base + key;
    switch (kind) {
      case "daily" -> {
        String category = ListPages.category(ctx.queryParam("category"));
        cache.send(ctx, key, () -> send(format, daily(category, self)));
      }
      case "trending" -> {
        String category = ListPages.category(ctx.queryParam("category"));
        long bucket = clock.instant().getEpochSecond() / ListPages.TRENDING_REFRESH_SECONDS;
        cache.send(ctx, key + "@" + bucket, () -> send(format, trending(category, self)));
      }
      default -> {
        String q = ctx.queryParam(SearchQueries.Q);
        if (q == null || q.isBlank() || q.length() > MAX_QUERY) {
          throw HttpProblem.badParameter(
              "A search feed needs a query q of 1 to " + MAX_QUERY + " characters.");
        }
        SearchRequest request;
        try {
          request = SearchQueries.read(ctx, 0, MAX_ENTRIES);
        } catch (QueryException e) {
          throw HttpProblem.badParameter(e.getMessage());
        }
        cache.send(ctx, key, () -> send(format, search(request, self)));
      }
    }
  }

  private static Rendered send(String format, FeedWriter.Feed feed) {
    return format.equals("atom")
        ? Rendered.of(200, FeedWriter.ATOM_TYPE, FeedWriter.atom(feed))
        : Rendered.of(200, FeedWriter.RSS_TYPE, FeedWriter.rss(feed));
  }

  private FeedWriter.Feed daily(String category, String self) {
    List<ListEntry> entries =
        lists
            .latestDay()
            .map(d -> lists.entries(Period.daysUpTo(d, DAILY_DAYS), category))
            .orElse(List.of())
            .stream()
            .sorted(NEWEST_DAY_FIRST)
            .limit(MAX_ENTRIES)
            .toList();
    String of = category == null ? "" : " in " + category;
    return feed(
        "Paperboy: daily papers" + of,
        "The papers on the daily lists of the last " + DAILY_DAYS + " days" + of + ".",
        self,
        base + ListPages.listHref(Routes.HOME, category, 1),
        entries.stream().map(this::entry).toList());
  }

  private FeedWriter.Feed trending(String category, String self) {
    List<FeedWriter.Entry> entries =
        lists.trending(category).stream()
            .limit(TRENDING_ENTRIES)
            .map(TrendingRanker.Ranked::entry)
            .map(this::entry)
            .toList();
    String of = category == null ? "" : " in " + category;
    return feed(
        "Paperboy: trending papers" + of,
        "The most trending papers of the last " + Lists.TRENDING_DAYS + " days" + of + ".",
        self,
        base + ListPages.listHref(Routes.TRENDING, category, 1),
        entries);
  }

  private FeedWriter.Feed search(SearchRequest request, String self) {
    Instant today = startOf(lists.today());
    List<FeedWriter.Entry> entries;
    try {
      entries =
          search.search(request).hits().stream()
              .map(h -> entry(h, h.published() == null ? today : startOf(h.published())))
              .toList();
    } catch (QueryException e) {
      throw HttpProblem.badParameter(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String q = request.query();
    return feed(
        "Paperboy: search for " + q,
        "Papers matching \"" + q + "\".",
        self,
        base + Routes.SEARCH + "?q=" + Routes.encodeQuery(q),
        entries);
  }

  /** A feed whose updated time is its newest entry's, or today's start when it has none. */
  private FeedWriter.Feed feed(
      String title, String subtitle, String self, String page, List<FeedWriter.Entry> entries) {
    Instant updated =
        entries.stream()
            .map(FeedWriter.Entry::updated)
            .max(Comparator.naturalOrder())
            .orElse(startOf(lists.today()));
    return new FeedWriter.Feed(title, subtitle, self, page, updated, entries);
  }

  private FeedWriter.Entry entry(ListEntry e) {
    return entry(e.paper(), startOf(e.listing().date()));
  }

  private FeedWriter.Entry entry(Paper p, Instant updated) {
    boolean arxiv = p.hasArxivId();
    return new FeedWriter.Entry(
        base + Routes.paper(p.id()),
        p.title(),
        p.abstractText().strip().replaceAll("\\s+", " "),
        p.authors().stream().map(Author::name).toList(),
        p.categories(),
        p.published() == null ? null : startOf(p.published()),
        updated,
        arxiv ? ExternalLinks.arxivAbs(p.id()) : null,
        arxiv ? ExternalLinks.arxivPdf(p.id()) : null);
  }

  private FeedWriter.Entry entry(SearchHit h, Instant updated) {
    boolean arxiv = Paper.hasArxivId(h.id());
    return new FeedWriter.Entry(
        base + Routes.paper(h.id()),
        h.title(),
        h.abstractText().strip().replaceAll("\\s+", " "),
        h.authors(),
        h.categories(),
        h.published() == null ? null : startOf(h.published()),
        updated,
        arxiv ? ExternalLinks.arxivAbs(h.id()) : null,
        arxiv ? ExternalLinks.arxivPdf(h.id()) : null);
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
