package org.paperboy.web;

import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.paperboy.paper.Author;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.Paper;
import org.paperboy.trending.TrendingRanker;
import org.paperboy.web.ResponseCache.Rendered;

/**
 * The Atom and RSS feeds at {@link Routes#FEED}: {@code daily} (the lists of the last week, newest
 * day first), {@code trending} (the top of the trending view), both with an optional {@code
 * ?category=}, and {@code search?q=}. Links are absolute, from the configured base URL.
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

  private final ListViews views;
  private final SearchFeedSource search;
  private final ResponseCache cache;
  private final String base;
  private final Clock clock;

  Feeds(ListViews views, SearchFeedSource search, ResponseCache cache, URI baseUrl, Clock clock) {
    this.views = views;
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
    String self = base + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    String key = ResponseCache.requestKey(ctx.path(), ctx.queryString());
    switch (kind) {
      case "daily" -> {
        String category = ListViews.category(ctx.queryParam("category"));
        cache.send(ctx, key, () -> send(format, daily(category, self)));
      }
      case "trending" -> {
        String category = ListViews.category(ctx.queryParam("category"));
        long bucket = clock.instant().getEpochSecond() / ListPages.TRENDING_REFRESH_SECONDS;
        cache.send(ctx, key + "@" + bucket, () -> send(format, trending(category, self)));
      }
      default -> {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank() || q.length() > MAX_QUERY) {
          throw HttpProblem.badParameter(
              "A search feed needs a query q of 1 to " + MAX_QUERY + " characters.");
        }
        cache.send(ctx, key, () -> send(format, search(q.strip(), self)));
      }
    }
  }

  private static Rendered send(String format, FeedWriter.Feed feed) {
    return format.equals("atom")
        ? Rendered.of(200, FeedWriter.ATOM_TYPE, FeedWriter.atom(feed))
        : Rendered.of(200, FeedWriter.RSS_TYPE, FeedWriter.rss(feed));
  }

  private FeedWriter.Feed daily(String category, String self) {
    Optional<LocalDate> last = views.catalog().latestListDate();
    List<ListEntry> entries =
        last
            .map(
                d ->
                    views.entries(
                        new Period(Period.Kind.DAY, d.minusDays(DAILY_DAYS - 1), d), category))
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
        views.trending(category).stream()
            .limit(TRENDING_ENTRIES)
            .map(TrendingRanker.Ranked::entry)
            .map(this::entry)
            .toList();
    String of = category == null ? "" : " in " + category;
    return feed(
        "Paperboy: trending papers" + of,
        "The most trending papers of the last " + ListViews.TRENDING_DAYS + " days" + of + ".",
        self,
        base + ListPages.listHref(Routes.TRENDING, category, 1),
        entries);
  }

  private FeedWriter.Feed search(String q, String self) {
    Instant today = startOf(views.today());
    List<FeedWriter.Entry> entries =
        search.find(q, MAX_ENTRIES).stream()
            .map(
                p -> {
                  LocalDate day = p.updated() != null ? p.updated() : p.published();
                  return entry(p, day == null ? today : startOf(day));
                })
            .toList();
    return feed(
        "Paperboy: search for " + q,
        "Papers matching \"" + q + "\".",
        self,
        base + Routes.HOME,
        entries);
  }

  /** A feed whose updated time is its newest entry's, or today's start when it has none. */
  private FeedWriter.Feed feed(
      String title, String subtitle, String self, String page, List<FeedWriter.Entry> entries) {
    Instant updated =
        entries.stream()
            .map(FeedWriter.Entry::updated)
            .max(Comparator.naturalOrder())
            .orElse(startOf(views.today()));
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

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
