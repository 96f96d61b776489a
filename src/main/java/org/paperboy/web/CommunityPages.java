package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.paperboy.community.Accounts;
import org.paperboy.community.Comment;
import org.paperboy.community.Comments;
import org.paperboy.community.CommunityException;
import org.paperboy.community.Curation;
import org.paperboy.community.Moderation;
import org.paperboy.community.PaperCollection;
import org.paperboy.community.PaperCollections;
import org.paperboy.community.Role;
import org.paperboy.community.Sessions;
import org.paperboy.community.SignIn;
import org.paperboy.community.Submissions;
import org.paperboy.community.User;
import org.paperboy.digest.Subscription;
import org.paperboy.digest.SubscriptionState;
import org.paperboy.digest.Subscriptions;
import org.paperboy.lists.Lists;
import org.paperboy.lists.Period;
import org.paperboy.paper.Paper;
import org.paperboy.trending.TrendingScore;

/**
 * The community's pages and forms: sign-in, account, submissions, upvotes, comments, collections,
 * curation, moderation and the trending explainer. Every form is a plain POST with the session's
 * CSRF token that answers with a redirect (303) back to the page it came from, so everything works
 * without JavaScript. The services check roles themselves; refusals arrive as {@link
 * CommunityException} and are shown by {@link WebApp}.
 *
 * <p>The page's script sends a paper's buttons (upvote, save, "not for me") in place: the same
 * POST, token and checks, with {@code Accept: application/json} ({@link #inPlace}), answered with
 * the paper's new state instead of the redirect, so the page neither reloads nor scrolls. Curation
 * keeps its redirect; the script follows it and takes the list from the page it leads to.
 */
final class CommunityPages {

  /** Where the page to return to after sign-in waits while the mail is on its way. */
  static final String NEXT_COOKIE = "paperboy_next";

  private static final DateTimeFormatter POSTED =
      DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final Community community;
  private final Guard guard;
  private final Templates templates;
  private final int maxAgeDays;

  CommunityPages(Community community, Guard guard, Templates templates, int maxAgeDays) {
    this.community = community;
    this.guard = guard;
    this.templates = templates;
    this.maxAgeDays = maxAgeDays;
  }

  // Sign-in and account

  void signInForm(Context ctx) {
    String next = Guard.localPath(ctx.queryParam("next"), Routes.HOME);
    if (Guard.session(ctx).isPresent()) {
      ctx.redirect(next, HttpStatus.SEE_OTHER);
      return;
    }
    rememberNext(ctx, next);
    templates.sendPrivate(ctx, 200, "signin.jte", new SignInPage(guard.signInToken(ctx), "", null));
  }

  void signIn(Context ctx) {
    Guard.checkSignInToken(ctx);
    String email = ctx.formParam("email");
    try {
      community.signIn().request(email, ctx.ip(), guard.renewSignInToken(ctx));
    } catch (CommunityException e) {
      if (e.reason() != CommunityException.Reason.BAD_INPUT) {
        throw e;
      }
      templates.sendPrivate(
          ctx,
          400,
          "signin.jte",
          new SignInPage(
              guard.signInToken(ctx), email == null ? "" : email.strip(), e.getMessage()));
      return;
    }
    templates.sendPrivate(
        ctx,
        200,
        "message.jte",
        new MessagePage(
            "Check your inbox",
            "Check your inbox",
            "If the address is right, a sign-in link is on its way. It works once, within 15"
                + " minutes."));
  }

  /** The page a mailed link opens: looks the token up without spending it. */
  void verifyForm(Context ctx) {
    String token = ctx.queryParam("token");
    SignIn.Pending pending = community.signIn().inspect(token, ctx.cookie(Guard.SIGNIN_COOKIE));
    // the address carries the token: no request from this page passes it on
    ctx.header("Referrer-Policy", "no-referrer");
    templates.sendPrivate(
        ctx,
        200,
        "signinlink.jte",
        new SignInLinkPage(
            guard.signInToken(ctx),
            token,
            pending.email(),
            pending.sameBrowser(),
            Guard.session(ctx).map(s -> s.user().email()).orElse(null)));
  }

  /** The link page's button: spends the token, ends this browser's session and starts another. */
  void verify(Context ctx) {
    Guard.checkSignInToken(ctx);
    Sessions.NewSession session =
        community
            .signIn()
            .verify(
                ctx.formParam("token"),
                ctx.cookie(Guard.SIGNIN_COOKIE),
                "yes".equals(ctx.formParam("confirm")));
    community.sessions().end(ctx.cookie(Sessions.COOKIE));
    guard.setSession(ctx, session.token());
    String next = Guard.localPath(decode(ctx.cookie(NEXT_COOKIE)), Routes.HOME);
    guard.cookie(ctx, NEXT_COOKIE, "", 0);
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  void signOut(Context ctx) {
    Guard.change(ctx);
    community.sessions().end(ctx.cookie(Sessions.COOKIE));
    guard.clearSession(ctx);
    ctx.redirect(Routes.HOME, HttpStatus.SEE_OTHER);
  }

  void account(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    User u = s.user();
    // The account's own address, when it has an active subscription.
    java.util.Optional<Subscription> digest =
        community
            .digests()
            .subscriptions()
            .byEmail(u.email())
            .filter(d -> d.state() == SubscriptionState.CONFIRMED);
    templates.sendPrivate(
        ctx,
        200,
        "account.jte",
        new AccountPage(
            u.displayName(),
            u.email(),
            u.role().name().toLowerCase(Locale.ROOT) + (u.banned() ? " (banned)" : ""),
            u.may(Role.CURATOR),
            s.csrfToken(),
            Accounts.MAX_NAME,
            digest.map(d -> "the " + d.frequency().label() + " digest").orElse(null),
            digest.map(d -> Subscriptions.MANAGE_PATH + d.manageToken()).orElse(Routes.SUBSCRIBE),
            u.may(Role.ADMIN),
            ForYouPages.profile(community.forYou(), s, 0)));
  }

  void rename(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    community.accounts().rename(s.user(), ctx.formParam("name"));
    ctx.redirect(Routes.ACCOUNT, HttpStatus.SEE_OTHER);
  }

  // Submissions

  void submitForm(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    templates.sendPrivate(
        ctx, 200, "submit.jte", new SubmitPage(s.csrfToken(), "", null, null, null, maxAgeDays));
  }

  void submit(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String value = ctx.formParam("paper");
    try {
      Submissions.Submitted done = community.submissions().submit(s.user(), value);
      templates.sendPrivate(
          ctx,
          200,
          "submit.jte",
          new SubmitPage(
              s.csrfToken(),
              "",
              null,
              done.paper().id() + " is on the list of " + done.date() + ": " + done.paper().title(),
              Routes.paper(done.paper().id()),
              maxAgeDays));
    } catch (CommunityException e) {
      if (e.reason() == CommunityException.Reason.UNAVAILABLE) {
        throw e;
      }
      templates.sendPrivate(
          ctx,
          WebApp.status(e),
          "submit.jte",
          new SubmitPage(
              s.csrfToken(),
              value == null ? "" : value.strip(),
              e.getMessage(),
              null,
              null,
              maxAgeDays));
    }
  }

  // A paper's buttons

  /** What a save sent in place answers: the confirmation to show next to the button. */
  record Saved(String paperId, String collection, String message) {}

  /** What "not for me" sent in place answers: whether the paper is now marked. */
  record Marked(String paperId, boolean notForMe) {}

  /**
   * Whether the form was sent by the page's script, which asks for the new state as JSON instead of
   * a redirect (a browser's own form post accepts HTML).
   */
  static boolean inPlace(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.startsWith(Api.JSON);
  }

  void vote(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = paperId(ctx);
    CommunityApi.Vote vote = CommunityApi.Vote.toggle(community, s.user(), id);
    if (inPlace(ctx)) {
      CommunityApi.json(ctx, 200, vote);
    } else {
      back(ctx, Routes.paper(id));
    }
  }

  void comment(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = paperId(ctx);
    Comment c = community.comments().post(s.user(), id, ctx.formParam("body"));
    ctx.redirect(commentHref(c, s.user()), HttpStatus.SEE_OTHER);
  }

  void save(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = paperId(ctx);
    String collection = ctx.formParam("collection");
    community.collections().add(s.user(), collection, id);
    if (inPlace(ctx)) {
      String name =
          community
              .collections()
              .find(collection, s.user())
              .map(PaperCollection::name)
              .orElse("your collection");
      CommunityApi.json(ctx, 200, new Saved(id, name, "Saved to " + name + "."));
    } else {
      back(ctx, Routes.paper(id));
    }
  }

  void notForMe(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = paperId(ctx);
    boolean mark = !"undo".equals(ctx.formParam("action"));
    if (mark) {
      community.collections().markNotForMe(s.user(), id);
    } else {
      community.collections().unmarkNotForMe(s.user(), id);
    }
    if (inPlace(ctx)) {
      CommunityApi.json(ctx, 200, new Marked(id, mark));
    } else {
      back(ctx, Routes.paper(id));
    }
  }

  /**
   * The community block of a paper's page, as the viewer sees it; {@code importedComments} were
   * made on Hugging Face (counted on the lists, not shown here).
   */
  PaperCommunity paperBlock(Context ctx, Paper paper, int importedComments) {
    Sessions.SignedIn s = Guard.session(ctx).orElse(null);
    User viewer = s == null ? null : s.user();
    String id = paper.id();
    String here = Routes.paper(id);
    List<PaperCommunity.CommentView> comments = new ArrayList<>();
    boolean moderator = viewer != null && viewer.may(Role.CURATOR);
    Comments.Page page = community.comments().page(id, viewer, commentsPage(ctx));
    for (Comment c : page.comments()) {
      comments.add(
          new PaperCommunity.CommentView(
              "comment-" + c.id(),
              c.authorName(),
              c.html(),
              c.body(),
              POSTED.format(c.createdAt()),
              c.editedAt() != null,
              !c.visible(),
              viewer != null && viewer.id().equals(c.authorId()),
              moderator,
              viewer != null,
              Routes.comment(c.id(), "edit"),
              Routes.comment(c.id(), "delete"),
              Routes.comment(c.id(), "report"),
              Routes.comment(c.id(), c.hidden() ? "show" : "hide")));
    }
    List<PaperCommunity.Option> collections =
        viewer == null
            ? List.of()
            : community.collections().mine(viewer).stream()
                .map(c -> new PaperCommunity.Option(c.id(), c.name()))
                .toList();
    return new PaperCommunity(
        here,
        viewer != null,
        Routes.signIn(here),
        s == null ? null : s.csrfToken(),
        Routes.vote(id),
        community.votes().count(id).total(),
        viewer != null && !community.votes().votedBy(viewer, List.of(id)).isEmpty(),
        Routes.comments(id),
        Comments.MAX_BODY,
        comments,
        page.total(),
        page.number(),
        page.pages(),
        page.number() > 1 ? Routes.paperComments(id, page.number() - 1) : null,
        page.number() < page.pages() ? Routes.paperComments(id, page.number() + 1) : null,
        importedComments,
        paper.hasArxivId() ? ExternalLinks.huggingFace(id) : null,
        Routes.save(id),
        collections,
        Routes.COLLECTIONS,
        Routes.notForMe(id),
        viewer != null && community.collections().notForMe(viewer.id()).contains(id));
  }

  // Comments

  void commentAction(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = ctx.pathParam(Routes.ID_PARAM);
    User actor = s.user();
    Comment c =
        community
            .comments()
            .find(id, actor)
            .orElseThrow(() -> HttpProblem.notFound("There is no such comment."));
    String back = commentHref(c, actor);
    switch (ctx.pathParam("action")) {
      case "edit" -> community.comments().edit(actor, id, ctx.formParam("body"));
      case "delete" -> community.comments().delete(actor, id);
      case "report" -> community.comments().report(actor, id, ctx.formParam("reason"));
      case "hide" -> community.comments().setHidden(actor, id, true);
      case "show" -> community.comments().setHidden(actor, id, false);
      default -> throw HttpProblem.notFound("No such action on a comment.");
    }
    back(ctx, "delete".equals(ctx.pathParam("action")) ? back.replaceAll("#.*$", "") : back);
  }

  /** Where a comment is shown to the viewer: its page of its paper's comments, at it. */
  private String commentHref(Comment c, User viewer) {
    return Routes.paperComments(c.paperId(), community.comments().pageOf(c, viewer))
        + "#comment-"
        + c.id();
  }

  /** The page of comments asked for; anything but a page number is the first page. */
  private static int commentsPage(Context ctx) {
    String text = ctx.queryParam(Routes.COMMENTS_PAGE_PARAM);
    if (text == null || !text.matches("[0-9]{1,6}")) {
      return 1;
    }
    return Integer.parseInt(text);
  }

  // Curation

  void curate(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    LocalDate date = Period.parseDay(ctx.pathParam(Routes.DATE_PARAM)).from();
    String paper = ctx.formParam("paper");
    User actor = s.user();
    Curation curation = community.curation();
    String action = ctx.formParam("action");
    switch (action == null ? "" : action) {
      case "pin" -> curation.pin(actor, date, paper, true);
      case "unpin" -> curation.pin(actor, date, paper, false);
      case "hide" -> curation.hide(actor, date, paper, true);
      case "show" -> curation.hide(actor, date, paper, false);
      case "remove" -> curation.remove(actor, date, paper);
      case "up", "down" -> move(actor, date, paper, action.equals("up") ? -1 : 1);
      default ->
          throw HttpProblem.badParameter(
              "action must be pin, unpin, hide, show, remove, up or down.");
    }
    back(ctx, Routes.day(date));
  }

  private void move(User actor, LocalDate date, String paper, int by) {
    List<String> order = new ArrayList<>();
    for (Curation.CuratedEntry e : community.curation().list(date, actor)) {
      order.add(e.entry().paper().id());
    }
    int at = order.indexOf(paper);
    if (at < 0) {
      throw HttpProblem.notFound(paper + " is not on the list of " + date + ".");
    }
    int to = at + by;
    if (to >= 0 && to < order.size()) {
      order.set(at, order.get(to));
      order.set(to, paper);
      community.curation().reorder(actor, date, order);
    }
  }

  // Collections

  void collections(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    List<CollectionsPage.Item> items =
        community.collections().mine(s.user()).stream()
            .map(
                c ->
                    new CollectionsPage.Item(
                        c.name(), Routes.collection(c.id()), c.isPublic(), c.size()))
            .toList();
    templates.sendPrivate(
        ctx,
        200,
        "collections.jte",
        new CollectionsPage(s.csrfToken(), items, PaperCollections.MAX_NAME));
  }

  void createCollection(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    PaperCollection c =
        community
            .collections()
            .create(
                s.user(),
                ctx.formParam("name"),
                ctx.formParam("description"),
                ctx.formParam("public") != null);
    ctx.redirect(Routes.collection(c.id()), HttpStatus.SEE_OTHER);
  }

  void collection(Context ctx) {
    Sessions.SignedIn s = Guard.session(ctx).orElse(null);
    User viewer = s == null ? null : s.user();
    String id = ctx.pathParam(Routes.ID_PARAM);
    PaperCollection c =
        community
            .collections()
            .find(id, viewer)
            .orElseThrow(() -> HttpProblem.notFound("There is no such collection."));
    List<CollectionPage.Entry> papers =
        community.collections().papers(id, viewer).stream()
            .map(p -> new CollectionPage.Entry(p.id(), p.title(), Routes.paper(p.id())))
            .toList();
    boolean own = viewer != null && viewer.id().equals(c.ownerId());
    boolean moderator = viewer != null && viewer.may(Role.CURATOR);
    templates.sendPrivate(
        ctx,
        200,
        "collection.jte",
        new CollectionPage(
            c.name(),
            c.description(),
            c.ownerName(),
            c.isPublic(),
            own,
            s == null ? null : s.csrfToken(),
            Routes.collectionChange(id),
            Routes.collectionExport(id, "json"),
            Routes.collectionExport(id, "bibtex"),
            papers,
            c.hidden() || c.ownerBanned(),
            c.hidden(),
            moderator ? Routes.adminCollection(id) : null));
  }

  void changeCollection(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = ctx.pathParam(Routes.ID_PARAM);
    PaperCollections collections = community.collections();
    String action = ctx.formParam("action");
    switch (action == null ? "" : action) {
      case "add" -> collections.add(s.user(), id, ctx.formParam("paper"));
      case "remove" -> collections.remove(s.user(), id, ctx.formParam("paper"));
      case "update" ->
          collections.update(
              s.user(),
              id,
              ctx.formParam("name"),
              ctx.formParam("description"),
              ctx.formParam("public") != null);
      case "delete" -> {
        collections.delete(s.user(), id);
        ctx.redirect(Routes.COLLECTIONS, HttpStatus.SEE_OTHER);
        return;
      }
      default -> throw HttpProblem.badParameter("action must be add, remove, update or delete.");
    }
    back(ctx, Routes.collection(id));
  }

  void exportCollection(Context ctx) {
    User viewer = Guard.viewer(ctx);
    String id = ctx.pathParam(Routes.ID_PARAM);
    String format = ctx.pathParam("format");
    PaperCollection c =
        community
            .collections()
            .find(id, viewer)
            .orElseThrow(() -> HttpProblem.notFound("There is no such collection."));
    String file = c.name().replaceAll("[^A-Za-z0-9_-]+", "-");
    ctx.header("Cache-Control", "private, no-store");
    Templates.markRendered(ctx);
    if (format.equals("json")) {
      ctx.header("Content-Disposition", "attachment; filename=\"" + file + ".json\"");
      ctx.contentType("application/json; charset=utf-8")
          .result(community.collections().exportJson(id, viewer));
    } else if (format.equals("bibtex")) {
      ctx.header("Content-Disposition", "attachment; filename=\"" + file + ".bib\"");
      ctx.contentType("application/x-bibtex; charset=utf-8")
          .result(community.collections().exportBibtex(id, viewer));
    } else {
      throw HttpProblem.notFound("Collections export as json or bibtex.");
    }
  }

  // Moderation

  void admin(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    User actor = s.user();
    Moderation m = community.moderation();
    List<AdminPage.Reported> reported =
        m.reportedComments(actor).stream()
            .map(r -> new AdminPage.Reported(row(r.comment()), r.reports(), r.reasons()))
            .toList();
    List<AdminPage.CommentRow> hidden = m.hiddenComments(actor).stream().map(this::row).toList();
    List<AdminPage.EntryRow> entries =
        m.hiddenEntries(actor).stream()
            .map(
                e ->
                    new AdminPage.EntryRow(
                        e.date().toString(),
                        Routes.day(e.date()),
                        e.paperId(),
                        e.title(),
                        Routes.curate(e.date())))
            .toList();
    List<AdminPage.UserRow> users =
        actor.may(Role.ADMIN)
            ? m.users(actor).stream()
                .map(
                    u ->
                        new AdminPage.UserRow(
                            u.displayName(),
                            u.email(),
                            u.role().name().toLowerCase(Locale.ROOT),
                            u.banned(),
                            u.id().equals(actor.id()),
                            Routes.adminUser(u.id())))
                .toList()
            : null;
    List<AdminPage.CollectionRow> collections =
        community.collections().withheld(actor).stream()
            .map(
                c ->
                    new AdminPage.CollectionRow(
                        c.name(),
                        c.ownerName(),
                        Routes.collection(c.id()),
                        Routes.adminCollection(c.id()),
                        c.hidden(),
                        c.ownerBanned()))
            .toList();
    templates.sendPrivate(
        ctx,
        200,
        "admin.jte",
        new AdminPage(
            s.csrfToken(),
            reported,
            hidden,
            entries,
            collections,
            Routes.ADMIN_COLLECTIONS,
            users));
  }

  private AdminPage.CommentRow row(Comment c) {
    return new AdminPage.CommentRow(
        c.authorName(),
        c.html(),
        Routes.paper(c.paperId()) + "#comment-" + c.id(),
        Routes.adminComment(c.id()),
        c.hidden(),
        c.authorBanned());
  }

  void adminUser(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = ctx.pathParam(Routes.ID_PARAM);
    Moderation m = community.moderation();
    String action = ctx.formParam("action");
    switch (action == null ? "" : action) {
      case "ban" -> {
        m.ban(s.user(), id);
        community.sessions().endAll(id);
      }
      case "unban" -> m.unban(s.user(), id);
      case "role" -> m.setRole(s.user(), id, role(ctx.formParam("role")));
      default -> throw HttpProblem.badParameter("action must be ban, unban or role.");
    }
    ctx.redirect(Routes.ADMIN, HttpStatus.SEE_OTHER);
  }

  private static Role role(String text) {
    for (Role r : Role.values()) {
      if (r.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return r;
      }
    }
    throw HttpProblem.badParameter("role must be reader, curator or admin.");
  }

  void adminComment(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = ctx.pathParam(Routes.ID_PARAM);
    String action = ctx.formParam("action");
    switch (action == null ? "" : action) {
      case "dismiss" -> community.moderation().dismissReports(s.user(), id);
      case "hide" -> community.comments().setHidden(s.user(), id, true);
      case "show" -> community.comments().setHidden(s.user(), id, false);
      default -> throw HttpProblem.badParameter("action must be dismiss, hide or show.");
    }
    ctx.redirect(Routes.ADMIN, HttpStatus.SEE_OTHER);
  }

  /**
   * A moderator hides or shows a collection: from its page (the id in the path), or from the
   * moderation page (its address, or id, in the {@code collection} field).
   */
  void adminCollection(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String fromPage = ctx.pathParamMap().get(Routes.ID_PARAM);
    String id = fromPage != null ? fromPage : collectionId(ctx.formParam("collection"));
    String action = ctx.formParam("action");
    switch (action == null ? "" : action) {
      case "hide" -> community.collections().setHidden(s.user(), id, true);
      case "show" -> community.collections().setHidden(s.user(), id, false);
      default -> throw HttpProblem.badParameter("action must be hide or show.");
    }
    ctx.redirect(fromPage != null ? Routes.collection(id) : Routes.ADMIN, HttpStatus.SEE_OTHER);
  }

  /** The id in a collection's address (or the id itself), as a moderator pastes it. */
  private static String collectionId(String address) {
    String text = address == null ? "" : address.strip();
    int at = text.indexOf(Routes.COLLECTIONS + "/");
    if (at >= 0) {
      text = text.substring(at + Routes.COLLECTIONS.length() + 1);
    }
    text = text.replaceAll("[/?#].*$", "");
    if (text.isEmpty()) {
      throw HttpProblem.badParameter("Paste the address of the collection to hide.");
    }
    return text;
  }

  // The trending explainer

  void aboutTrending(Context ctx) {
    TrendingScore example = TrendingScore.of(120, 5, 2_000, 30);
    templates.send(
        ctx,
        200,
        "abouttrending.jte",
        new AboutTrendingPage(
            TrendingScore.GRAVITY,
            TrendingScore.AGE_OFFSET_HOURS,
            TrendingScore.COMMENT_WEIGHT,
            TrendingScore.STAR_WEIGHT,
            Lists.TRENDING_DAYS,
            example.explanation()));
  }

  // Shared

  private static String paperId(Context ctx) {
    return ctx.pathParam(Routes.ID_PARAM);
  }

  /** Redirects to the form's {@code next} field when it is a local path, else to the fallback. */
  private static void back(Context ctx, String fallback) {
    ctx.redirect(Guard.localPath(ctx.formParam("next"), fallback), HttpStatus.SEE_OTHER);
  }

  private void rememberNext(Context ctx, String next) {
    if (!next.equals(Routes.HOME)) {
      guard.cookie(
          ctx,
          NEXT_COOKIE,
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(next.getBytes(StandardCharsets.UTF_8)),
          3600);
    }
  }

  private static String decode(String cookie) {
    if (cookie == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A page for one viewer: never cached. */
}
