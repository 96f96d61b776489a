package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.paperboy.community.Sessions;
import org.paperboy.foryou.Follows;
import org.paperboy.foryou.ForYou;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

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
  private final Templates templates;

  ForYouPages(ForYou forYou, Templates templates) {
    this.forYou = forYou;
    this.templates = templates;
  }

  void page(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    int n = pageNumber(ctx);
    ForYou.Page p = forYou.page(s.user().id(), n);
    List<ForYouPage.Card> cards = new ArrayList<>();
    for (ForYou.Card c : p.cards()) {
      Paper paper = c.paper();
      cards.add(
          new ForYouPage.Card(
              paper.id(),
              Routes.paper(paper.id()),
              paper.title(),
              authorLine(paper),
              paper.authors().isEmpty() ? null : paper.authors().get(0).name(),
              paper.primaryCategory(),
              PaperCard.excerpt(paper.abstractText(), PaperCard.EXCERPT_CHARS),
              c.why(),
              Routes.notForMe(paper.id())));
    }
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
            null));
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

  static String authorLine(Paper p) {
    List<String> names = p.authors().stream().map(Author::name).toList();
    if (names.size() <= PaperCard.AUTHORS_SHOWN) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, PaperCard.AUTHORS_SHOWN - 1))
        + " +"
        + (names.size() - PaperCard.AUTHORS_SHOWN + 1)
        + " more";
  }
}
