package org.paperboy.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.paperboy.community.CommunityException;
import org.paperboy.community.PaperCollection;
import org.paperboy.community.PaperCollections;
import org.paperboy.foryou.FeedTokens;
import org.paperboy.foryou.Follows;
import org.paperboy.foryou.ForYou;
import org.paperboy.foryou.SearchFilters;
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
 * answers from the same search; and every view a reader can follow: {@code author?name=} (the
 * author page's papers), {@code category?category=} and {@code saved-search?q=&mode=&floor=} (the
 * papers of the last {@link ForYou#DAYS} days that such a follow matches, by the rule of {@code
 * /for-you}), {@code collection?id=} (a collection anyone may see), and at {@link
 * Routes#FEED_FOR_YOU} a reader's own {@code /for-you}, found by its private token. Links are
 * absolute, from the configured base URL.
 *
 * <p>Every answer goes through the {@link ResponseCache}, keyed on the parameters it depends on, so
 * it is rendered once per catalog and community change; it carries an {@code ETag} and a {@code
 * Last-Modified} (when it was rendered). A collection's feed also keys on the collection's own
 * state and a private feed on its reader (with a five-minute bucket, since follows and mutes change
 * no counter); both keys differ from the request's, so {@link CacheFront} never hands them out and
 * every request first checks that the collection is visible, or the token current.
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

  /** A private feed is rendered again at most this often (follows and mutes change no counter). */
  static final long PRIVATE_REFRESH_SECONDS = 300;

  /** The feeds at {@link Routes#FEED}, each with what it takes. */
  static final List<String> KINDS =
      List.of("daily", "trending", "search", "author", "category", "saved-search", "collection");

  private final Lists lists;
  private final PaperSearch search;
  private final ForYou forYou;
  private final PaperCollections collections;
  private final FeedTokens tokens;
  private final ResponseCache cache;
  private final String base;
  private final Clock clock;

  Feeds(
      Lists lists,
      PaperSearch search,
      Community community,
      ResponseCache cache,
      URI baseUrl,
      Clock clock) {
    this.lists = lists;
    this.search = search;
    this.forYou = community.forYou();
    this.collections = community.collections();
    this.tokens = community.feedTokens();
    this.cache = cache;
    this.base = baseUrl.toString();
    this.clock = clock;
  }

  void feed(Context ctx) {
    String name = ctx.pathParam(Routes.FEED_PARAM);
    int dot = name.lastIndexOf('.');
    String kind = dot < 0 ? name : name.substring(0, dot);
    String format = dot < 0 ? "" : name.substring(dot + 1);
    if (!format.equals("atom") && !format.equals("rss") || !KINDS.contains(kind)) {
      throw HttpProblem.notFound(
          "There is no feed \""
              + name
              + "\". Feeds are "
              + String.join(", ", KINDS)
              + ", as .atom or .rss.");
    }
    // The feed's own URL names only the parameters it depends on, so it is its cache key too.
    String key =
        switch (kind) {
          case "search" -> ResponseCache.key(ctx, SearchQueries.SEARCH.toArray(String[]::new));
          case "author" -> ResponseCache.key(ctx, "name");
          case "saved-search" ->
              ResponseCache.key(
                  ctx,
                  SearchQueries.Q,
                  SearchQueries.MODE,
                  "floor",
                  SearchQueries.CATEGORY,
                  SearchQueries.FROM,
                  SearchQueries.TO);
          case "collection" -> ResponseCache.key(ctx, "id");
          default -> ResponseCache.key(ctx, "category");
        };
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
      case "author" -> {
        String author = ctx.queryParam("name");
        if (author == null || author.isBlank() || author.length() > 200) {
          throw HttpProblem.badParameter("An author's feed needs a name of 1 to 200 characters.");
        }
        cache.send(ctx, key, () -> send(format, author(author, self)));
      }
      case "category" -> {
        Follows.Follow category = checked(() -> Follows.categoryFollow(ctx.queryParam("category")));
        cache.send(ctx, key, () -> send(format, category(category, self)));
      }
      case "saved-search" -> {
        Double floor = floor(ctx.queryParam("floor"));
        String q = ctx.queryParam("q");
        String mode = ctx.queryParam("mode");
        SearchFilters filters = searchFilters(ctx);
        cache.send(
            ctx,
            key,
            () ->
                send(
                    format,
                    savedSearch(
                        checked(() -> forYou.follows().search(q, mode, floor, filters)),
                        floor == null,
                        self)));
      }
      case "collection" -> {
        String id = ctx.queryParam("id");
        PaperCollection c =
            (id == null || id.length() > 100 ? Optional.<PaperCollection>empty() : visible(id))
                .orElseThrow(() -> HttpProblem.notFound("There is no public collection " + id));
        // Keyed on what the feed shows of it too: saves to a collection change no counter.
        String state =
            ResponseCache.etag(
                (c.name()
                        + "\n"
                        + c.description()
                        + "\n"
                        + c.ownerName()
                        + "\n"
                        + c.size()
                        + "\n"
                        + collections.lastAdded(id))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        cache.send(ctx, key + "#" + state, () -> send(format, collection(c, self)));
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

  /**
   * A reader's {@code /for-you} as a feed, found by the token in its URL: an unknown, rotated or
   * revoked token is a 404 that says nothing about any reader.
   */
  void forYou(Context ctx) {
    String name = ctx.pathParam("token");
    int dot = name.lastIndexOf('.');
    String token = dot < 0 ? name : name.substring(0, dot);
    String format = dot < 0 ? "" : name.substring(dot + 1);
    String reader =
        (format.equals("atom") || format.equals("rss")
                ? tokens.reader(token)
                : Optional.<String>empty())
            .orElseThrow(() -> HttpProblem.notFound("There is no feed at this address."));
    long bucket = clock.instant().getEpochSecond() / PRIVATE_REFRESH_SECONDS;
    String key = Routes.FEED_FOR_YOU + "#" + reader + "." + format + "@" + bucket;
    String self = base + Routes.forYouFeed(token, format);
    cache.send(
        ctx,
        key,
        () ->
            send(format, forYou(reader, self))
                .withHeader("Cache-Control", "private, max-age=60")
                .withHeader("X-Robots-Tag", "noindex"));
  }

  private Optional<PaperCollection> visible(String id) {
    return collections.find(id, null);
  }

  private static <T> T checked(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (CommunityException e) {
      throw HttpProblem.badParameter(e.getMessage());
    }
  }

  private static Double floor(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw HttpProblem.badParameter("The similarity floor is a number from 0 to 1.");
    }
  }

  private FeedWriter.Feed author(String name, String self) {
    ForYou.AuthorPapers a = forYou.author(name);
    if (a.papers().isEmpty()) {
      throw HttpProblem.notFound("No papers by " + name + " here.");
    }
    String shown = a.variants().isEmpty() ? name : a.variants().get(0);
    Instant today = startOf(lists.today());
    return feed(
        "Paperboy: papers by " + shown,
        "The newest papers by " + shown + " on Paperboy.",
        self,
        base + Routes.author(name),
        a.papers().stream()
            .limit(MAX_ENTRIES)
            .map(p -> entry(p, p.published() == null ? today : startOf(p.published())))
            .toList());
  }

  private FeedWriter.Feed category(Follows.Follow category, String self) {
    ForYou.News news = forYou.news(category, MAX_ENTRIES);
    String c = category.target();
    return feed(
        "Paperboy: new in " + c,
        "The papers first published from " + news.from() + " to " + news.to() + " in " + c + ".",
        self,
        base + ListPages.listHref(Routes.HOME, c, 1),
        published(news.papers()));
  }

  /** The filters of a saved search's feed, read as the search page reads them. */
  private static SearchFilters searchFilters(Context ctx) {
    try {
      return SearchQueries.filters(ctx);
    } catch (QueryException e) {
      throw HttpProblem.badParameter(e.getMessage());
    }
  }

  private FeedWriter.Feed savedSearch(Follows.Follow saved, boolean defaultFloor, String self) {
    ForYou.News news = forYou.news(saved, MAX_ENTRIES);
    String how =
        switch (saved.mode()) {
          case "keyword" -> "with every word of";
          case "semantic" -> "close in meaning (similarity " + saved.floor() + " or more) to";
          default ->
              "with every word of, or close in meaning (similarity "
                  + saved.floor()
                  + " or more) to,";
        };
    return feed(
        "Paperboy: " + saved.target(),
        "The papers first published from "
            + news.from()
            + " to "
            + news.to()
            + " "
            + how
            + " \""
            + saved.target()
            + "\".",
        self,
        base + Routes.SEARCH + "?q=" + Routes.encodeQuery(saved.target()) + "&mode=" + saved.mode(),
        published(news.papers()));
  }

  private FeedWriter.Feed collection(PaperCollection c, String self) {
    List<FeedWriter.Entry> entries =
        collections.saved(c.id(), null).stream()
            .limit(MAX_ENTRIES)
            .map(s -> entry(s.paper(), s.addedAt()))
            .toList();
    return feed(
        "Paperboy: " + c.name() + ", a collection by " + c.ownerName(),
        c.description().isBlank()
            ? "The papers of the collection " + c.name() + " by " + c.ownerName() + "."
            : c.description(),
        self,
        base + Routes.collection(c.id()),
        entries);
  }

  private FeedWriter.Feed forYou(String reader, String self) {
    ForYou.Page page = forYou.page(reader, 1);
    Instant today = startOf(lists.today());
    List<FeedWriter.Entry> entries = new java.util.ArrayList<>();
    for (ForYou.Card card : page.cards()) {
      FeedWriter.Entry e =
          entry(
              card.paper(),
              card.paper().published() == null ? today : startOf(card.paper().published()));
      entries.add(
          new FeedWriter.Entry(
              e.url(),
              e.title(),
              "Why: " + String.join("; ", card.why()) + ". " + e.summary(),
              e.authors(),
              e.categories(),
              e.published(),
              e.updated(),
              e.arxivUrl(),
              e.pdfUrl()));
    }
    return feed(
        "Paperboy: for you",
        page.needsInterests()
            ? "Nothing yet: tell Paperboy a few interests on your page."
            : "The papers of " + page.from() + " to " + page.to() + " picked for you.",
        self,
        base + Routes.FOR_YOU,
        entries);
  }

  /** Papers as entries dated by their first publication. */
  private List<FeedWriter.Entry> published(List<Paper> papers) {
    Instant today = startOf(lists.today());
    return papers.stream()
        .map(p -> entry(p, p.published() == null ? today : startOf(p.published())))
        .toList();
  }

  /** The feed in its format, last modified now (when it was rendered). */
  private Rendered send(String format, FeedWriter.Feed feed) {
    Rendered r =
        format.equals("atom")
            ? Rendered.of(200, FeedWriter.ATOM_TYPE, FeedWriter.atom(feed))
            : Rendered.of(200, FeedWriter.RSS_TYPE, FeedWriter.rss(feed));
    return r.withHeader(
        "Last-Modified",
        CachedAnswer.HTTP_DATE.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
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
