package org.paperboy.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.paperboy.community.Curation;
import org.paperboy.community.Role;
import org.paperboy.community.Sessions;
import org.paperboy.community.User;
import org.paperboy.foryou.Follows;
import org.paperboy.foryou.Muting;
import org.paperboy.lists.Lists;
import org.paperboy.lists.Period;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.Paper;
import org.paperboy.trending.TrendingRanker;
import org.paperboy.trending.TrendingScore;
import org.paperboy.web.ListPage.FeedLink;
import org.paperboy.web.ListPage.NavLink;
import org.paperboy.web.ListPage.Tab;
import org.paperboy.web.ResponseCache.Rendered;

/**
 * The list pages: the latest day at {@link Routes#HOME}, any day, ISO week or month, and trending.
 * Each takes {@code ?category=} and {@code ?page=}; pages are rendered once per catalog change and
 * served from the {@link ResponseCache}.
 */
final class ListPages {

  /** Papers per page; a day's list (30 to 70 papers) mostly fits on one. */
  static final int PAGE_SIZE = 50;

  /** Trending pages are re-rendered this often, since scores decay with time. */
  static final long TRENDING_REFRESH_SECONDS = 600;

  static final String HTML = "text/html; charset=utf-8";

  private static final DateTimeFormatter MONTH_YEAR =
      DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

  /** arXiv category names: {@code cs.CL}, {@code hep-th}, {@code math.AG}, {@code q-bio.NC}. */
  private static final Pattern CATEGORY = Pattern.compile("[A-Za-z-]{1,20}(\\.[A-Za-z-]{1,20})?");

  private final Lists lists;
  private final DateLabels dates;
  private final Templates templates;
  private final ResponseCache cache;
  private final Follows follows;
  private final Clock clock;

  ListPages(
      Lists lists,
      DateLabels dates,
      Templates templates,
      ResponseCache cache,
      Follows follows,
      Clock clock) {
    this.lists = lists;
    this.dates = dates;
    this.templates = templates;
    this.cache = cache;
    this.follows = follows;
    this.clock = clock;
  }

  void home(Context ctx) {
    String category = category(ctx.queryParam("category"));
    int page = page(ctx);
    send(
        ctx,
        here(ctx),
        viewer -> {
          Optional<LocalDate> latest = lists.latestDay();
          if (latest.isEmpty()) {
            return Rendered.of(
                200, HTML, templates.render("message.jte", MessagePage.noListsYet()));
          }
          return period(Period.day(latest.get()), category, page, viewer, here(ctx));
        });
  }

  /** The date picker's answer: on to the day it names (the form works without script). */
  void pickDay(Context ctx) {
    String text = ctx.queryParam(Routes.DATE_PARAM);
    if (text == null || text.isBlank()) {
      ctx.redirect(Routes.HOME, io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    ctx.redirect(Routes.day(Period.parseDay(text).from()), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  void day(Context ctx) {
    show(ctx, Period.parseDay(ctx.pathParam(Routes.DATE_PARAM)));
  }

  void week(Context ctx) {
    show(ctx, Period.parseWeek(ctx.pathParam(Routes.WEEK_PARAM)));
  }

  void month(Context ctx) {
    show(ctx, Period.parseMonth(ctx.pathParam(Routes.MONTH_PARAM)));
  }

  void trending(Context ctx) {
    String category = category(ctx.queryParam("category"));
    int page = page(ctx);
    long bucket = clock.instant().getEpochSecond() / TRENDING_REFRESH_SECONDS;
    send(ctx, here(ctx) + "@" + bucket, viewer -> trending(category, page, viewer, here(ctx)));
  }

  private void show(Context ctx, Period period) {
    String category = category(ctx.queryParam("category"));
    int page = page(ctx);
    send(ctx, here(ctx), viewer -> period(period, category, page, viewer, here(ctx)));
  }

  /**
   * Signed out, the shared rendering from the cache; signed in, a rendering of the viewer's own
   * (their pressed votes, form tokens, curation controls) that no cache keeps.
   */
  private void send(Context ctx, String key, Function<Sessions.SignedIn, Rendered> render) {
    Optional<Sessions.SignedIn> viewer = Guard.session(ctx);
    // The same URL shows a signed-in reader their own page. The header goes on the context too, for
    // the error pages of bad parameters.
    ctx.header("Vary", "Cookie");
    Function<Sessions.SignedIn, Rendered> page = v -> render.apply(v).withHeader("Vary", "Cookie");
    if (viewer.isPresent()) {
      ResponseCache.sendPrivate(ctx, page.apply(viewer.get()));
    } else {
      cache.send(ctx, key, () -> page.apply(null));
    }
  }

  /** The category parameter checked, or null when absent or blank. */
  static String category(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.strip();
    if (!CATEGORY.matcher(s).matches()) {
      throw HttpProblem.badParameter(
          "\"" + s + "\" is not an arXiv category. Write categories like cs.CL or hep-th.");
    }
    return s;
  }

  /** The request's path and the parameters a list page reads ({@link ResponseCache#key}). */
  private static String here(Context ctx) {
    return ResponseCache.key(ctx, "category", "page");
  }

  /** The {@code page} parameter, from 1. */
  static int page(Context ctx) {
    String text = ctx.queryParam("page");
    if (text == null || text.isBlank()) {
      return 1;
    }
    try {
      int page = Integer.parseInt(text.strip());
      if (page >= 1) {
        return page;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw HttpProblem.badParameter(
        "\"" + text + "\" is not a page number. Pages are numbered from 1.");
  }

  private Rendered period(
      Period period, String category, int page, Sessions.SignedIn viewer, String here) {
    User user = viewer == null ? null : viewer.user();
    Lists.Shown curated = lists.entries(period, null, user);
    List<ListEntry> all = curated.entries();
    List<ListEntry> inCategory =
        category == null ? all : all.stream().filter(e -> has(e, category)).toList();
    List<ListEntry> shown = unmuted(inCategory, user, ListEntry::paper);
    LocalDate anchor = period.kind() == Period.Kind.DAY ? period.from() : lists.latestIn(period);
    if (anchor == null) {
      anchor = period.from();
    }
    List<PaperCard> cards = new ArrayList<>();
    ListPage.Pager pager = pager(Routes.list(period), category, page, shown.size());
    List<ListEntry> pageEntries = slice(shown, page);
    Set<String> voted = lists.votedBy(user, pageEntries);
    boolean curates = period.kind() == Period.Kind.DAY && user != null && user.may(Role.CURATOR);
    for (ListEntry e : pageEntries) {
      String id = e.paper().id();
      Curation.CuratedEntry flags = curated.flags().get(id);
      CardActions.Curate curate =
          curates && flags != null ? curate(period.from(), all, curated, e, flags) : null;
      cards.add(
          PaperCard.of(e, lists.isNew(e), lists.crossListFrom(e), null)
              .with(actions(id, voted, viewer, here, curate)));
    }
    ListPage model =
        new ListPage(
            title(period),
            heading(period),
            period.key(),
            Routes.list(period),
            tabs(period.kind(), anchor),
            lists.previous(period).map(this::link).orElse(null),
            lists.next(period).map(this::link).orElse(null),
            "No earlier list",
            "No later list",
            cards,
            shown.size(),
            all.isEmpty() ? emptyMessage(period) : "No papers in " + category + " on this list.",
            new ListPage.Filter(Routes.list(period), category, categories(all)),
            pager,
            feeds("daily", "Daily papers", category),
            period.kind() == Period.Kind.DAY
                ? null
                : "Ordered by upvotes; each paper counts once, with its most upvotes in the period.",
            period.kind() == Period.Kind.DAY
                ? new ListPage.DayPicker(
                    Routes.DAY_PICK,
                    period.from().toString(),
                    lists.latestDay().orElse(period.from()).toString())
                : null,
            inCategory.size() - shown.size());
    // A period without a list is still a useful page (it links to the periods around it), but it
    // is not a resource, so crawlers and scripts get a 404.
    return Rendered.of(all.isEmpty() ? 404 : 200, HTML, templates.render("list.jte", model));
  }

  /**
   * A curator's controls of an entry: it moves among the entries of its group (the pinned ones stay
   * above the others), so it cannot move up when it is first of its group, nor down when last.
   */
  private static CardActions.Curate curate(
      LocalDate date,
      List<ListEntry> all,
      Lists.Shown curated,
      ListEntry e,
      Curation.CuratedEntry flags) {
    int at = all.indexOf(e);
    boolean pinned = flags.pinned();
    boolean first = at == 0 || !sameGroup(curated, all.get(at - 1), pinned);
    boolean last = at == all.size() - 1 || !sameGroup(curated, all.get(at + 1), pinned);
    return new CardActions.Curate(
        Routes.curate(date),
        e.paper().id(),
        pinned,
        flags.hidden(),
        first,
        last,
        at == all.size() - 1);
  }

  private static boolean sameGroup(Lists.Shown curated, ListEntry other, boolean pinned) {
    Curation.CuratedEntry f = curated.flags().get(other.paper().id());
    return f != null && f.pinned() == pinned;
  }

  private Rendered trending(String category, int page, Sessions.SignedIn viewer, String here) {
    User user = viewer == null ? null : viewer.user();
    Optional<Period> window = lists.trendingWindow();
    List<TrendingRanker.Ranked> all = lists.trending(null);
    List<TrendingRanker.Ranked> inCategory =
        category == null ? all : all.stream().filter(r -> has(r.entry(), category)).toList();
    List<TrendingRanker.Ranked> shown = unmuted(inCategory, user, r -> r.entry().paper());
    List<PaperCard> cards = new ArrayList<>();
    List<TrendingRanker.Ranked> pageEntries = slice(shown, page);
    Set<String> voted = lists.votedBy(user, pageEntries.stream().map(r -> r.entry()).toList());
    for (TrendingRanker.Ranked r : pageEntries) {
      cards.add(
          PaperCard.of(r.entry(), lists.isNew(r.entry()), lists.crossListFrom(r.entry()), r.score())
              .with(actions(r.entry().paper().id(), voted, viewer, here, null)));
    }
    LocalDate anchor = window.map(Period::to).orElse(lists.today());
    ListPage model =
        new ListPage(
            "Trending Papers",
            "Trending",
            null,
            Routes.TRENDING,
            tabs(null, anchor),
            null,
            null,
            null,
            null,
            cards,
            shown.size(),
            all.isEmpty()
                ? "No papers are trending yet: no day has a list."
                : "No trending papers in " + category + ".",
            new ListPage.Filter(
                Routes.TRENDING, category, categories(all.stream().map(r -> r.entry()).toList())),
            pager(Routes.TRENDING, category, page, shown.size()),
            feeds("trending", "Trending papers", category),
            String.format(
                Locale.ROOT,
                "The papers of the last %d days of lists, ordered by an open formula: (upvotes + %.0f"
                    + " × comments + log2(1 + code stars)) / (age in hours + %.0f)^%.1f. Each card"
                    + " shows how its score was computed.",
                Lists.TRENDING_DAYS,
                TrendingScore.COMMENT_WEIGHT,
                TrendingScore.AGE_OFFSET_HOURS,
                TrendingScore.GRAVITY),
            null,
            inCategory.size() - shown.size());
    return Rendered.of(200, HTML, templates.render("list.jte", model));
  }

  /**
   * The list without the papers this reader muted, when they asked the lists to hide them (a
   * signed-in page, never cached for others); the list as it is for everyone else.
   */
  private <T> List<T> unmuted(List<T> list, User user, Function<T, Paper> paper) {
    if (user == null) {
      return list;
    }
    Optional<Muting> muting = follows.listMuting(user.id());
    return muting.isEmpty()
        ? list
        : list.stream().filter(e -> !muting.get().hides(paper.apply(e))).toList();
  }

  private static CardActions actions(
      String paperId,
      Set<String> voted,
      Sessions.SignedIn viewer,
      String here,
      CardActions.Curate curate) {
    return new CardActions(
        Routes.vote(paperId),
        voted.contains(paperId),
        viewer == null ? null : viewer.csrfToken(),
        here,
        curate);
  }

  private static boolean has(ListEntry e, String category) {
    return e.paper().categories().contains(category);
  }

  private static List<String> categories(List<ListEntry> entries) {
    TreeSet<String> names = new TreeSet<>();
    entries.forEach(e -> names.addAll(e.paper().categories()));
    return List.copyOf(names);
  }

  private static <T> List<T> slice(List<T> all, int page) {
    int from = (page - 1) * PAGE_SIZE;
    if (from >= all.size() && page > 1) {
      throw HttpProblem.notFound("This list has no page " + page + ".");
    }
    return all.subList(Math.min(from, all.size()), Math.min(from + PAGE_SIZE, all.size()));
  }

  private static ListPage.Pager pager(String path, String category, int page, int total) {
    int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    return new ListPage.Pager(
        page,
        pages,
        page > 1 ? listHref(path, category, page - 1) : null,
        page < pages ? listHref(path, category, page + 1) : null);
  }

  static String listHref(String path, String category, int page) {
    StringBuilder href = new StringBuilder(path);
    char sep = '?';
    if (category != null) {
      href.append(sep).append("category=").append(Routes.encodeQuery(category));
      sep = '&';
    }
    if (page > 1) {
      href.append(sep).append("page=").append(page);
    }
    return href.toString();
  }

  private static List<FeedLink> feeds(String name, String label, String category) {
    String query = category == null ? "" : "?category=" + Routes.encodeQuery(category);
    String of = category == null ? "" : " in " + category;
    List<FeedLink> feeds =
        new ArrayList<>(
            FeedLink.both(
                label + of, Routes.feed(name, "atom") + query, Routes.feed(name, "rss") + query));
    if (category != null) {
      // Beyond the lists: every new paper of the category, as a follow of it sees them.
      feeds.addAll(
          FeedLink.both(
              "New in " + category,
              Routes.categoryFeed(category, "atom"),
              Routes.categoryFeed(category, "rss")));
    }
    return List.copyOf(feeds);
  }

  private List<Tab> tabs(Period.Kind current, LocalDate anchor) {
    return List.of(
        new Tab("Daily", Routes.day(anchor), current == Period.Kind.DAY),
        new Tab("Weekly", Routes.list(Period.weekOf(anchor)), current == Period.Kind.WEEK),
        new Tab("Monthly", Routes.list(Period.monthOf(anchor)), current == Period.Kind.MONTH),
        new Tab("Trending", Routes.TRENDING, current == null));
  }

  private NavLink link(Period p) {
    return new NavLink(Routes.list(p), label(p), p.key());
  }

  private String label(Period p) {
    return switch (p.kind()) {
      case DAY -> dates.relative(p.from());
      case WEEK -> "Week of " + dates.relative(p.from());
      case MONTH -> MONTH_YEAR.format(p.from());
      case DAYS -> p.key();
    };
  }

  private String heading(Period p) {
    return switch (p.kind()) {
      case DAY -> dates.relative(p.from());
      case WEEK -> "Week of " + dates.full(p.from());
      case MONTH -> MONTH_YEAR.format(p.from());
      case DAYS -> dates.full(p.from()) + " to " + dates.full(p.to());
    };
  }

  private String title(Period p) {
    return switch (p.kind()) {
      case DAY -> "Daily Papers, " + dates.full(p.from());
      case WEEK -> "Weekly Papers, " + p.key();
      case MONTH -> "Monthly Papers, " + MONTH_YEAR.format(p.from());
      case DAYS -> "Papers, " + p.key();
    };
  }

  private static String emptyMessage(Period p) {
    return switch (p.kind()) {
      case DAY -> "No papers listed on this day.";
      case WEEK -> "No papers listed in this week.";
      case MONTH ->
          "No papers listed in "
              + YearMonth.from(p.from()).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
              + ".";
      case DAYS -> "No papers listed in these days.";
    };
  }
}
