package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.paperboy.community.PaperCollection;
import org.paperboy.community.PaperCollections;
import org.paperboy.community.Sessions;
import org.paperboy.foryou.FeedTokens;
import org.paperboy.foryou.FollowNews;
import org.paperboy.foryou.Follows;
import org.paperboy.foryou.ForYou;
import org.paperboy.foryou.SearchFilters;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.search.QueryException;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchScope;
import org.paperboy.web.ListPage.FeedLink;

/**
 * The personal feed ({@code /for-you} and {@code GET /api/for-you}), its first-visit interests form
 * and the "mute" buttons on its cards. Everything is the signed-in reader's own: answers are
 * private and never cached.
 */
final class ForYouPages {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

  /** The highest page number accepted: beyond {@link ForYou#MAX_ITEMS} pages are empty anyway. */
  static final int MAX_PAGE = 1000;

  private final ForYou forYou;
  private final FollowNews news;
  private final FeedTokens tokens;
  private final PaperCollections collections;
  private final Templates templates;
  private final String base;

  ForYouPages(Community community, Templates templates, URI baseUrl) {
    this.forYou = community.forYou();
    this.news = community.followNews();
    this.tokens = community.feedTokens();
    this.collections = community.collections();
    this.templates = templates;
    this.base = baseUrl.toString();
  }

  void page(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    int n = pageNumber(ctx);
    ForYou.Page p = forYou.page(s.user().id(), n);
    List<ForYouPage.Card> cards = new ArrayList<>();
    for (ForYou.Card c : p.cards()) {
      cards.add(card(c.paper(), c.why()));
    }
    int fresh = p.needsInterests() ? 0 : news.count(s.user().id());
    templates.sendPrivate(
        ctx,
        200,
        "foryou.jte",
        new ForYouPage(
            cards,
            DAY.format(p.from()) + " to " + DAY.format(p.to()) + ", " + p.to().getYear(),
            p.page(),
            p.pages(),
            p.total(),
            n > 1 ? Routes.forYou(n - 1) : null,
            n < p.pages() ? Routes.forYou(n + 1) : null,
            p.needsInterests(),
            forYou.follows().of(s.user().id()).topics(),
            s.csrfToken(),
            Routes.forYou(n),
            fresh == 0 ? null : newPapers(fresh),
            tokens
                .current(s.user().id())
                .map(
                    t ->
                        FeedLink.both(
                            "For you, private",
                            Routes.forYouFeed(t, "atom"),
                            Routes.forYouFeed(t, "rss")))
                .orElse(List.of())));
  }

  static String newPapers(int n) {
    return n + (n == 1 ? " new paper" : " new papers") + " from your follows";
  }

  private static ForYouPage.Card card(Paper paper, List<String> why) {
    return new ForYouPage.Card(
        paper.id(),
        Routes.paper(paper.id()),
        paper.title(),
        shownAuthors(paper),
        paper.authors().size() - shownAuthors(paper).size(),
        paper.authors().isEmpty() ? null : paper.authors().get(0).name(),
        paper.primaryCategory(),
        PaperCard.excerpt(paper.abstractText(), PaperCard.EXCERPT_CHARS),
        why,
        Routes.notForMe(paper.id()));
  }

  /** The follows page (opening it marks nothing as seen). */
  void follows(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    templates.sendPrivate(ctx, 200, "follows.jte", profile(s, news.count(s.user().id())));
  }

  /**
   * The new papers from the reader's follows, each with the follows that brought it. Opening it
   * marks nothing as seen: only the button does ({@link #markNewsSeen}).
   */
  void news(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    FollowNews.News n = news.of(s.user().id());
    List<ForYouPage.Card> cards = new ArrayList<>();
    for (FollowNews.Item i : n.items()) {
      cards.add(card(i.paper(), i.reasons()));
    }
    templates.sendPrivate(
        ctx,
        200,
        "followsnew.jte",
        new FollowNewsPage(
            cards, n.total(), n.newest() == null ? 0 : n.newest().toEpochMilli(), s.csrfToken()));
  }

  /** "Mark these as seen": the news up to the newest the page showed ({@code upto}). */
  void markNewsSeen(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String upTo = ctx.formParam("upto");
    long at;
    try {
      at = upTo == null ? -1 : Long.parseLong(upTo.strip());
    } catch (NumberFormatException e) {
      at = -1;
    }
    if (at < 0) {
      throw HttpProblem.badParameter("upto is the arrival time the page showed.");
    }
    news.markSeen(s.user(), java.time.Instant.ofEpochMilli(at));
    ctx.redirect(Routes.FOLLOWS_NEW, HttpStatus.SEE_OTHER);
  }

  /**
   * The reader's profile as the follows and account pages show it, with the feeds of what they
   * follow; {@code fresh} new papers from the follows.
   */
  FollowsPage profile(Sessions.SignedIn s, int fresh) {
    ForYou.Profile profile = forYou.profile(s.user().id());
    Follows.Steering st = profile.steering();
    List<FollowsPage.Item> items = new ArrayList<>();
    List<FeedLink> feeds = new ArrayList<>();
    for (Follows.Follow f : st.follows()) {
      String kind = f.kind().name().toLowerCase(Locale.ROOT);
      String what =
          switch (f.kind()) {
            case SEARCH ->
                "'"
                    + f.label()
                    + "' ("
                    + f.mode()
                    + ("keyword".equals(f.mode()) ? "" : ", similarity at least " + f.floor())
                    + (f.filters().category() == null ? "" : ", in " + f.filters().category())
                    + (f.filters().from() == null ? "" : ", from " + f.filters().from())
                    + (f.filters().to() == null ? "" : ", to " + f.filters().to())
                    + ")";
            default -> f.label();
          };
      String href =
          switch (f.kind()) {
            case AUTHOR -> Routes.author(f.label());
            case SEARCH -> searchHref(f);
            default -> null;
          };
      String atom = feed(f, "atom");
      items.add(new FollowsPage.Item(kind, what, f.target(), href, atom, feed(f, "rss")));
      if (atom != null) {
        feeds.add(new FeedLink(kind + " " + what, "application/atom+xml", atom));
      }
    }
    List<FollowsPage.Item> mutes = new ArrayList<>();
    for (Follows.Mute m : st.mutes()) {
      mutes.add(
          new FollowsPage.Item(
              m.kind().name().toLowerCase(Locale.ROOT), m.label(), m.target(), null, null, null));
    }
    String token = tokens.current(s.user().id()).orElse(null);
    return new FollowsPage(
        items,
        mutes,
        st.topics(),
        fresh == 0 ? null : newPapers(fresh),
        s.csrfToken(),
        profile.summary(),
        token == null ? null : base + Routes.forYouFeed(token, "atom"),
        token == null ? null : base + Routes.forYouFeed(token, "rss"),
        Routes.FOLLOWS_OPML,
        List.copyOf(feeds));
  }

  /** The search page of a saved search, with the filters it was saved with. */
  static String searchHref(Follows.Follow f) {
    SearchFilters x = f.filters();
    return Routes.SEARCH
        + "?q="
        + Routes.encodeQuery(f.target())
        + "&mode="
        + f.mode()
        + (x.category() == null ? "" : "&cat=" + Routes.encodeQuery(x.category()))
        + (x.from() == null ? "" : "&from=" + x.from())
        + (x.to() == null ? "" : "&to=" + x.to());
  }

  /** The path of the feed of what a follow names, or null when it has none (organizations). */
  static String feed(Follows.Follow f, String format) {
    return switch (f.kind()) {
      case AUTHOR -> Routes.authorFeed(f.label(), format);
      case CATEGORY -> Routes.categoryFeed(f.target(), format);
      case SEARCH -> Routes.savedSearchFeed(f.target(), f.mode(), f.floor(), f.filters(), format);
      case ORGANIZATION -> null;
    };
  }

  /** Makes or rotates ({@code action=rotate}) or revokes ({@code action=revoke}) the feed token. */
  void feedToken(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String action = ctx.formParam("action");
    if ("rotate".equals(action)) {
      tokens.rotate(s.user().id());
    } else if ("revoke".equals(action)) {
      tokens.revoke(s.user().id());
    } else {
      throw HttpProblem.badParameter("action is rotate or revoke.");
    }
    ctx.redirect(Guard.localPath(ctx.formParam("next"), Routes.FOLLOWS), HttpStatus.SEE_OTHER);
  }

  /**
   * Every feed of the reader as OPML 2.0, for a feed reader to import: their private {@code
   * /for-you} (when they made its token), what they follow (authors, categories, saved searches)
   * and their public collections. Absolute URLs, from the configured base URL.
   */
  void opml(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    List<Opml.Outline> outlines = new ArrayList<>();
    tokens
        .current(s.user().id())
        .ifPresent(
            t ->
                outlines.add(
                    new Opml.Outline(
                        "For you (private)",
                        base + Routes.forYouFeed(t, "atom"),
                        base + Routes.FOR_YOU)));
    for (Follows.Follow f : forYou.follows().of(s.user().id()).follows()) {
      String atom = feed(f, "atom");
      if (atom != null) {
        String title =
            switch (f.kind()) {
              case AUTHOR -> "Papers by " + f.label();
              case CATEGORY -> "New in " + f.target();
              default -> "Search: " + f.label() + " (" + f.mode() + ")";
            };
        String page =
            switch (f.kind()) {
              case AUTHOR -> Routes.author(f.label());
              case CATEGORY -> ListPages.listHref(Routes.HOME, f.target(), 1);
              default -> searchHref(f);
            };
        outlines.add(new Opml.Outline(title, base + atom, base + page));
      }
    }
    for (PaperCollection c : collections.mine(s.user())) {
      if (c.isPublic() && !c.hidden() && !c.ownerBanned()) {
        outlines.add(
            new Opml.Outline(
                "Collection: " + c.name(),
                base + Routes.collectionFeed(c.id(), "atom"),
                base + Routes.collection(c.id())));
      }
    }
    ctx.header("Cache-Control", "private, no-store");
    ctx.header("Content-Disposition", "attachment; filename=\"paperboy-feeds.opml\"");
    ctx.contentType("text/x-opml; charset=utf-8");
    ctx.result(Opml.write("Your Paperboy feeds", base + Routes.FOLLOWS, outlines));
  }

  /** Follows or unfollows an author, organization, category or search. */
  void follow(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    Follows follows = forYou.follows();
    String kind = ctx.formParam("kind") == null ? "" : ctx.formParam("kind");
    String value = ctx.formParam("value");
    boolean unfollow = "unfollow".equals(ctx.formParam("action"));
    Follows.Kind k =
        switch (kind.toLowerCase(Locale.ROOT)) {
          case "author" -> Follows.Kind.AUTHOR;
          case "organization" -> Follows.Kind.ORGANIZATION;
          case "category" -> Follows.Kind.CATEGORY;
          case "search" -> Follows.Kind.SEARCH;
          default ->
              throw HttpProblem.badParameter("kind is author, organization, category or search.");
        };
    if (unfollow) {
      follows.unfollow(
          s.user(), k, k == Follows.Kind.AUTHOR ? org.paperboy.foryou.Names.fold(value) : value);
    } else {
      switch (k) {
        case AUTHOR -> follows.followAuthor(s.user(), value == null ? "" : value);
        case ORGANIZATION -> follows.followOrganization(s.user(), value, ctx.formParam("label"));
        case CATEGORY -> follows.followCategory(s.user(), value);
        case SEARCH -> {
          if (ctx.queryParam(SearchQueries.Q) != null) {
            // "Follow this search" on the search page: its parameters, read as the page read them.
            SearchRequest r;
            try {
              r = SearchQueries.read(ctx, 0, 1);
            } catch (QueryException e) {
              throw HttpProblem.badParameter(e.getMessage());
            }
            if (!SearchScope.in(r.query()).isEmpty()) {
              throw HttpProblem.badParameter(
                  "A search of your own papers (in:saved, in:upvoted, in:collection:) cannot be"
                      + " followed.");
            }
            follows.followSearch(
                s.user(),
                r.query(),
                r.mode().name().toLowerCase(Locale.ROOT),
                floor(ctx),
                SearchQueries.filters(r));
          } else {
            follows.followSearch(s.user(), value, ctx.formParam("mode"), floor(ctx));
          }
        }
      }
    }
    ctx.redirect(Guard.localPath(ctx.formParam("next"), Routes.FOLLOWS), HttpStatus.SEE_OTHER);
  }

  private static Double floor(Context ctx) {
    String f = ctx.formParam("floor");
    if (f == null || f.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(f.strip());
    } catch (NumberFormatException e) {
      throw HttpProblem.badParameter("The similarity floor is a number from 0 to 1.");
    }
  }

  /** An author's papers, their name's variants folded. */
  void author(Context ctx) {
    String name = ctx.pathParam("name");
    if (name.isBlank() || name.length() > 200) {
      throw HttpProblem.badParameter("An author's name has 1 to 200 characters.");
    }
    ForYou.AuthorPapers a = forYou.author(name);
    if (a.papers().isEmpty()) {
      throw HttpProblem.notFound("No papers by " + name + " here.");
    }
    Sessions.SignedIn s = Guard.session(ctx).orElse(null);
    boolean following =
        s != null
            && forYou.follows().of(s.user().id()).follows().stream()
                .anyMatch(f -> f.kind() == Follows.Kind.AUTHOR && f.target().equals(a.key()));
    String shown = a.variants().isEmpty() ? name : a.variants().get(0);
    List<ForYouPage.Card> cards = a.papers().stream().map(p -> card(p, List.of())).toList();
    AuthorPage page =
        new AuthorPage(
            shown,
            a.variants().size() > 1 ? a.variants().subList(1, a.variants().size()) : List.of(),
            cards,
            s == null ? null : s.csrfToken(),
            following,
            Routes.author(name),
            FeedLink.both(
                "Papers by " + shown,
                Routes.authorFeed(name, "atom"),
                Routes.authorFeed(name, "rss")));
    if (s == null) {
      templates.send(ctx, 200, "author.jte", page);
    } else {
      templates.sendPrivate(ctx, 200, "author.jte", page);
    }
  }

  /** The items of the feed as JSON. */
  record ApiItem(ApiJson.ApiPaper paper, List<String> why, double score) {}

  /** A page of the feed as JSON. */
  record ApiPage(
      String from,
      String to,
      int page,
      int pages,
      int total,
      boolean needsInterests,
      List<ApiItem> items) {}

  void api(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    ForYou.Page p = forYou.page(s.user().id(), pageNumber(ctx));
    List<ApiItem> items =
        p.cards().stream()
            .map(
                c ->
                    new ApiItem(
                        ApiJson.paper(c.paper(), null), c.why(), Math.round(c.score() * 1e4) / 1e4))
            .toList();
    CommunityApi.json(
        ctx,
        200,
        new ApiPage(
            p.from().toString(),
            p.to().toString(),
            p.page(),
            p.pages(),
            p.total(),
            p.needsInterests(),
            items));
  }

  /** The first-visit form: interests in words and categories to follow. */
  void interests(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String categories = ctx.formParam("categories");
    List<String> cats = new ArrayList<>();
    if (categories != null && !categories.isBlank()) {
      for (String c : categories.strip().split("[\\s,]+")) {
        cats.add(c);
      }
    }
    if (cats.size() > 20) {
      throw HttpProblem.badParameter("Name at most 20 categories.");
    }
    Follows follows = forYou.follows();
    String topics = ctx.formParam("topics");
    if ((topics == null || topics.isBlank()) && cats.isEmpty()) {
      throw HttpProblem.badParameter("Write a few interests or name a category.");
    }
    for (String c : cats) {
      follows.followCategory(s.user(), c);
    }
    if (topics != null) {
      follows.setInterests(s.user(), topics);
    }
    ctx.redirect(Guard.localPath(ctx.formParam("next"), Routes.FOR_YOU), HttpStatus.SEE_OTHER);
  }

  /** Mutes or unmutes an author, a category or a keyword. */
  void mute(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    Follows.MuteKind kind = muteKind(ctx.formParam("kind"));
    String value = ctx.formParam("value");
    if ("unmute".equals(ctx.formParam("action"))) {
      forYou.follows().unmute(s.user(), kind, value);
    } else {
      forYou.follows().mute(s.user(), kind, value);
    }
    ctx.redirect(Guard.localPath(ctx.formParam("next"), Routes.FOR_YOU), HttpStatus.SEE_OTHER);
  }

  /** The account page's list setting: hide the reader's muted papers on the lists, or not. */
  void listSettings(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String hide = ctx.formParam("hide_muted");
    if (hide != null && !hide.equals("on")) {
      throw HttpProblem.badParameter("hide_muted is \"on\" or absent.");
    }
    forYou.follows().hideMuted(s.user(), hide != null);
    ctx.redirect(
        Guard.localPath(ctx.formParam("next"), Routes.ACCOUNT + "#lists"), HttpStatus.SEE_OTHER);
  }

  static Follows.MuteKind muteKind(String kind) {
    if (kind != null) {
      for (Follows.MuteKind k : Follows.MuteKind.values()) {
        if (k.name().equalsIgnoreCase(kind)) {
          return k;
        }
      }
    }
    throw HttpProblem.badParameter("kind is author, category or keyword.");
  }

  static int pageNumber(Context ctx) {
    String p = ctx.queryParam("page");
    if (p == null || p.isEmpty()) {
      return 1;
    }
    try {
      int n = Integer.parseInt(p);
      if (n >= 1 && n <= MAX_PAGE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw HttpProblem.badParameter("page is a number from 1 to " + MAX_PAGE + ".");
  }

  /**
   * The names a card shows: all, or one fewer than {@link PaperCard#AUTHORS_SHOWN} and "+N more".
   */
  static List<String> shownAuthors(Paper p) {
    List<String> names = p.authors().stream().map(Author::name).toList();
    return names.size() <= PaperCard.AUTHORS_SHOWN
        ? names
        : names.subList(0, PaperCard.AUTHORS_SHOWN - 1);
  }
}
