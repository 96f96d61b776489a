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
import java.util.Set;
import org.paperboy.community.Accounts;
import org.paperboy.community.Comment;
import org.paperboy.community.Comments;
import org.paperboy.community.CommunityException;
import org.paperboy.community.Curation;
import org.paperboy.community.Markdown;
import org.paperboy.community.Moderation;
import org.paperboy.community.PaperCollection;
import org.paperboy.community.PaperCollections;
import org.paperboy.community.Role;
import org.paperboy.community.Sessions;
import org.paperboy.community.SignIn;
import org.paperboy.community.Submissions;
import org.paperboy.community.User;
import org.paperboy.community.Votes;
import org.paperboy.digest.Subscription;
import org.paperboy.digest.SubscriptionState;
import org.paperboy.digest.Subscriptions;
import org.paperboy.lists.Lists;
import org.paperboy.lists.Period;
import org.paperboy.paper.Catalog;
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
 *
 * <p>What a form did is said once on the page its redirect leads to ({@link Flash}); a removal's
 * flash carries its Undo. Two answers are pages rather than redirects: a curator's "Remove" without
 * {@code confirm=yes} asks first, and a comment that is previewed or refused comes back on the
 * paper's page with its text in the form ({@link PaperCommunity.Draft}), never lost.
 */
final class CommunityPages {

  /** Where the page to return to after sign-in waits while the mail is on its way. */
  static final String NEXT_COOKIE = "paperboy_next";

  private static final DateTimeFormatter POSTED =
      DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter VOTED =
      DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter LIST_DAY =
      DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

  private final Community community;
  private final Catalog catalog;
  private final Guard guard;
  private final Templates templates;
  private final int maxAgeDays;

  private final ForYouPages forYouPages;

  CommunityPages(
      Community community,
      Catalog catalog,
      Guard guard,
      Templates templates,
      int maxAgeDays,
      ForYouPages forYouPages) {
    this.forYouPages = forYouPages;
    this.community = community;
    this.catalog = catalog;
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
            forYouPages.profile(s, 0),
            community.forYou().follows().hidesMuted(u.id())));
  }

  /**
   * Everything the reader owns as one JSON file ({@code CommunityExport.readerRows}): never cached,
   * offered as a download.
   */
  void exportAccount(Context ctx) throws java.io.IOException {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    var doc = community.export().readerRows(s.user().id());
    if (doc == null) {
      throw HttpProblem.notFound("This account is gone.");
    }
    ctx.header("Cache-Control", "private, no-store");
    ctx.header("Content-Disposition", "attachment; filename=\"paperboy-account.json\"");
    ctx.contentType("application/json; charset=utf-8");
    ctx.result(
        org.paperboy.paper.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
  }

  void rename(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    User renamed = community.accounts().rename(s.user(), ctx.formParam("name"));
    guard.flash(ctx, Flash.of("Your name is now " + renamed.displayName() + "."));
    ctx.redirect(Routes.ACCOUNT, HttpStatus.SEE_OTHER);
  }

  /** The papers the reader upvoted, newest vote first, each with its (pressed) upvote button. */
  void upvotes(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    Votes.UpvotedPage page = community.votes().upvotedBy(s.user(), ListPages.page(ctx));
    String here = Routes.myUpvotes(page.number());
    Set<String> voted =
        community
            .votes()
            .votedBy(s.user(), page.upvoted().stream().map(Votes.Upvoted::paperId).toList());
    var counts =
        community.votes().counts(page.upvoted().stream().map(Votes.Upvoted::paperId).toList());
    List<UpvotesPage.Item> items =
        page.upvoted().stream()
            .map(
                u ->
                    new UpvotesPage.Item(
                        u.paperId(),
                        u.title(),
                        Routes.paper(u.paperId()),
                        VOTED.format(u.at()),
                        u.at().toString(),
                        new VoteButton(
                            Routes.vote(u.paperId()),
                            s.csrfToken(),
                            here,
                            voted.contains(u.paperId()),
                            counts.containsKey(u.paperId()) ? counts.get(u.paperId()).total() : 0)))
            .toList();
    templates.sendPrivate(
        ctx,
        200,
        "upvotes.jte",
        new UpvotesPage(
            items,
            page.total(),
            page.number(),
            page.pages(),
            page.number() > 1 ? Routes.myUpvotes(page.number() - 1) : null,
            page.number() < page.pages() ? Routes.myUpvotes(page.number() + 1) : null));
  }

  // Submissions

  void submitForm(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    templates.sendPrivate(
        ctx, 200, "submit.jte", new SubmitPage(s.csrfToken(), "", null, maxAgeDays));
  }

  /**
   * Submits and sends the reader to their submissions, where it shows as added or as waiting for
   * arXiv: nothing here waits on arXiv. A refusal shows the form again with what was typed.
   */
  void submit(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String value = ctx.formParam("paper");
    try {
      Submissions.Submission done = community.submissions().submit(s.user(), value);
      ctx.redirect(Routes.submissionsAfter(done.id()), HttpStatus.SEE_OTHER);
    } catch (CommunityException e) {
      e.retryAfter().ifPresent(d -> ctx.header("Retry-After", String.valueOf(d.toSeconds())));
      templates.sendPrivate(
          ctx,
          WebApp.status(e),
          "submit.jte",
          new SubmitPage(
              s.csrfToken(), value == null ? "" : value.strip(), e.getMessage(), maxAgeDays));
    }
  }

  /** The reader's submissions, the one just made ({@code ?new=}) marked. */
  void submissions(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    templates.sendPrivate(
        ctx,
        200,
        "submissions.jte",
        SubmissionsPage.of(
            community.submissions().mine(s.user(), MY_SUBMISSIONS), ctx.queryParam("new")));
  }

  /** How many of a reader's latest submissions their page lists. */
  static final int MY_SUBMISSIONS = 50;

  // A paper's buttons

  /**
   * What a save sent in place answers: whether the collection holds the paper now, and the
   * confirmation to show next to the buttons.
   */
  record Saved(
      String paperId, String collectionId, String collection, boolean saved, String message) {}

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
      guard.flash(
          ctx,
          Flash.of((vote.upvoted() ? "Upvoted " : "Took back your upvote of ") + title(id) + "."));
      back(ctx, Routes.paper(id));
    }
  }

  /**
   * Posts a comment or a reply, and leads to it. The form's "Preview" button, and a refusal (a
   * banned account, too many comments, an empty or too long text), answer with a draft instead: the
   * caller shows the paper's page again with the text in its form, so nothing typed is lost.
   */
  PaperCommunity.Draft comment(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = paperId(ctx);
    String body = ctx.formParam("body");
    String parent = ctx.formParam("parent");
    String text = body == null ? "" : body;
    if (ctx.formParam("preview") != null) {
      ctx.status(200);
      return new PaperCommunity.Draft(parent, text, preview(text), null);
    }
    try {
      Comment c = community.comments().post(s.user(), id, body, parent);
      guard.flash(ctx, Flash.of(c.isReply() ? "Your reply is posted." : "Your comment is posted."));
      ctx.redirect(commentHref(c, s.user()), HttpStatus.SEE_OTHER);
      return null;
    } catch (CommunityException e) {
      if (e.reason() == CommunityException.Reason.NOT_FOUND && catalog.find(id).isEmpty()) {
        throw e;
      }
      WebApp.retryAfter(e, ctx);
      ctx.status(WebApp.status(e));
      return new PaperCommunity.Draft(
          parent, text, null, e.getMessage() + ". Your text is still here.");
    }
  }

  /** A comment's Markdown rendered as it would be posted, for the forms' preview (JSON). */
  void previewComment(Context ctx) {
    Guard.change(ctx);
    String body = ctx.formParam("body");
    CommunityApi.json(ctx, 200, new Preview(preview(body == null ? "" : body)));
  }

  /** What the preview answers: the HTML the comment would show, made safe by the renderer. */
  record Preview(String html) {}

  private static String preview(String text) {
    if (text.length() > Comments.MAX_BODY) {
      throw HttpProblem.badParameter("A comment has at most " + Comments.MAX_BODY + " characters.");
    }
    return text.isBlank() ? "<p>Nothing to preview yet.</p>" : Markdown.toHtml(text);
  }

  /**
   * Saves a paper to one of the reader's collections ({@code add}, or {@code collection} as forms
   * before had it) or takes it out ({@code remove}), and says so.
   */
  void save(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = paperId(ctx);
    String removed = ctx.formParam("remove");
    String added =
        ctx.formParam("add") != null ? ctx.formParam("add") : ctx.formParam("collection");
    boolean save = removed == null;
    String collection = save ? added : removed;
    if (save) {
      community.collections().add(s.user(), collection, id);
    } else {
      community.collections().remove(s.user(), collection, id);
    }
    String name =
        community
            .collections()
            .find(collection, s.user())
            .map(PaperCollection::name)
            .orElse("your collection");
    String message = save ? "Saved to " + name + "." : "Taken out of " + name + ".";
    if (inPlace(ctx)) {
      CommunityApi.json(ctx, 200, new Saved(id, collection, name, save, message));
    } else {
      guard.flash(ctx, Flash.of(message));
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
      guard.flash(
          ctx,
          Flash.of(
              mark
                  ? "Marked not for me: it stays out of your digest and picks."
                  : "No longer marked not for me."));
      back(ctx, Routes.paper(id));
    }
  }

  /**
   * The community block of a paper's page, as the viewer sees it; {@code importedComments} were
   * made on Hugging Face (counted on the lists, not shown here).
   */
  PaperCommunity paperBlock(
      Context ctx, Paper paper, int importedComments, PaperCommunity.Draft draft) {
    Sessions.SignedIn s = Guard.session(ctx).orElse(null);
    User viewer = s == null ? null : s.user();
    String id = paper.id();
    String here = Routes.paper(id);
    List<PaperCommunity.CommentView> comments = new ArrayList<>();
    boolean moderator = viewer != null && viewer.may(Role.CURATOR);
    Comments.Page page = community.comments().page(id, viewer, commentsPage(ctx));
    for (Comment c : page.comments()) {
      List<PaperCommunity.CommentView> replies = new ArrayList<>();
      for (Comment r : page.repliesTo(c.id())) {
        replies.add(view(r, viewer, moderator, List.of()));
      }
      comments.add(view(c, viewer, moderator, replies));
    }
    PaperCommunity.Draft shown = draft;
    if (draft != null
        && draft.parentId() != null
        && page.comments().stream().noneMatch(c -> c.id().equals(draft.parentId()))) {
      // the comment it answers is not on this page (gone, or another paper's): keep the text in
      // the form of a new comment
      shown = new PaperCommunity.Draft(null, draft.text(), draft.previewHtml(), draft.error());
    }
    Set<String> holding = viewer == null ? Set.of() : community.collections().holding(viewer, id);
    List<PaperCommunity.Option> collections =
        viewer == null
            ? List.of()
            : community.collections().mine(viewer).stream()
                .map(c -> new PaperCommunity.Option(c.id(), c.name(), holding.contains(c.id())))
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
        viewer != null && community.collections().notForMe(viewer.id()).contains(id),
        viewer != null && viewer.banned(),
        Routes.COMMENT_PREVIEW,
        shown);
  }

  private static PaperCommunity.CommentView view(
      Comment c, User viewer, boolean moderator, List<PaperCommunity.CommentView> replies) {
    return new PaperCommunity.CommentView(
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
        Routes.comment(c.id(), c.hidden() ? "show" : "hide"),
        c.id(),
        replies);
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
    String done =
        switch (ctx.pathParam("action")) {
          case "edit" -> {
            community.comments().edit(actor, id, ctx.formParam("body"));
            yield "Your comment is saved.";
          }
          case "delete" -> {
            community.comments().delete(actor, id);
            yield "Your comment is deleted.";
          }
          case "report" -> {
            community.comments().report(actor, id, ctx.formParam("reason"));
            yield "Thank you: the moderators will look at this comment.";
          }
          case "hide" -> {
            community.comments().setHidden(actor, id, true);
            yield "The comment is hidden from readers.";
          }
          case "show" -> {
            community.comments().setHidden(actor, id, false);
            yield "The comment is shown again.";
          }
          default -> throw HttpProblem.notFound("No such action on a comment.");
        };
    guard.flash(ctx, Flash.of(done));
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

  /**
   * A curator's change to a day's list, said in a flash. Remove asks to confirm first (a page with
   * the button that does it, which the page's script shows in place instead), and its flash has an
   * "Undo" that restores the entry. A move keeps pinned entries above the others and says so when
   * an entry is at the edge of its group.
   */
  void curate(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    LocalDate date = Period.parseDay(ctx.pathParam(Routes.DATE_PARAM)).from();
    String paper = ctx.formParam("paper");
    User actor = s.user();
    Curation curation = community.curation();
    String action = ctx.formParam("action");
    String next = Guard.localPath(ctx.formParam("next"), Routes.day(date));
    String on = " on the list of " + LIST_DAY.format(date);
    Flash done =
        switch (action == null ? "" : action) {
          case "pin" -> {
            curation.pin(actor, date, paper, true);
            yield Flash.of("Pinned " + title(paper) + on + ".");
          }
          case "unpin" -> {
            curation.pin(actor, date, paper, false);
            yield Flash.of("Unpinned " + title(paper) + on + ".");
          }
          case "hide" -> {
            curation.hide(actor, date, paper, true);
            yield Flash.of("Hid " + title(paper) + " from readers" + on + ".");
          }
          case "show" -> {
            curation.hide(actor, date, paper, false);
            yield Flash.of("Showing " + title(paper) + " to readers again" + on + ".");
          }
          case "remove" -> {
            if (!"yes".equals(ctx.formParam("confirm"))) {
              confirmRemove(ctx, s, date, paper, next);
              yield null;
            }
            curation.remove(actor, date, paper);
            yield new Flash(
                "Removed " + title(paper) + " from the list of " + LIST_DAY.format(date) + ".",
                new Flash.Undo("Undo", Routes.curate(date), "restore", paper, next));
          }
          case "restore" ->
              Flash.of(
                  curation.restore(actor, date, paper)
                      ? "Restored " + title(paper) + on + "."
                      : title(paper)
                          + " comes back"
                          + on
                          + " when Hugging Face's list of that day is next read.");
          case "up", "down" -> moved(actor, date, paper, action.equals("up"));
          default ->
              throw HttpProblem.badParameter(
                  "action must be pin, unpin, hide, show, remove, restore, up or down.");
        };
    if (done != null) {
      guard.flash(ctx, done);
      ctx.redirect(next, HttpStatus.SEE_OTHER);
    }
  }

  private Flash moved(User actor, LocalDate date, String paper, boolean up) {
    return switch (community.curation().move(actor, date, paper, up ? -1 : 1)) {
      case MOVED -> Flash.of("Moved " + title(paper) + (up ? " up." : " down."));
      case PINNED_EDGE ->
          Flash.of(
              title(paper)
                  + (up
                      ? " is the first of the unpinned papers: the pinned ones stay above it. Pin it"
                          + " to move it among them."
                      : " is the last of the pinned papers, which stay above the others. Unpin it"
                          + " to move it lower."));
      case LIST_EDGE ->
          Flash.of(title(paper) + (up ? " is first on the list." : " is last on the list."));
    };
  }

  /** The page that asks a curator to confirm a removal; it works without script. */
  private void confirmRemove(
      Context ctx, Sessions.SignedIn s, LocalDate date, String paper, String next) {
    String id = paper == null ? "" : paper.strip();
    boolean listed =
        community.curation().list(date, s.user()).stream()
            .anyMatch(e -> e.entry().paper().id().equals(id));
    if (!listed) {
      throw HttpProblem.notFound(id + " is not on the list of " + date + ".");
    }
    templates.sendPrivate(
        ctx,
        200,
        "removeconfirm.jte",
        new RemoveConfirmPage(
            catalog.find(id).map(Paper::title).orElse(id),
            LIST_DAY.format(date),
            Routes.curate(date),
            s.csrfToken(),
            id,
            next,
            next + "#" + RemoveConfirmPage.cardAnchor(id)));
  }

  /** A paper's title in quotes, for a flash; its id when the catalog does not have it. */
  private String title(String paperId) {
    String id = paperId == null ? "" : paperId.strip();
    return "“" + catalog.find(id).map(Paper::title).orElse(id) + "”";
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
    guard.flash(ctx, Flash.of("Made the collection " + c.name() + "."));
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
            moderator ? Routes.adminCollection(id) : null,
            // Only what anyone may see has a feed: a private or withheld collection's would leak.
            c.isPublic() && !c.hidden() && !c.ownerBanned()
                ? ListPage.FeedLink.both(
                    c.name(), Routes.collectionFeed(id, "atom"), Routes.collectionFeed(id, "rss"))
                : List.of()));
  }

  void changeCollection(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    String id = ctx.pathParam(Routes.ID_PARAM);
    PaperCollections collections = community.collections();
    String action = ctx.formParam("action");
    String done =
        switch (action == null ? "" : action) {
          case "add" -> {
            collections.add(s.user(), id, ctx.formParam("paper"));
            yield "Added " + title(ctx.formParam("paper")) + ".";
          }
          case "remove" -> {
            collections.remove(s.user(), id, ctx.formParam("paper"));
            yield "Took " + title(ctx.formParam("paper")) + " out of the collection.";
          }
          case "update" -> {
            collections.update(
                s.user(),
                id,
                ctx.formParam("name"),
                ctx.formParam("description"),
                ctx.formParam("public") != null);
            yield "The collection is saved.";
          }
          case "delete" -> {
            collections.delete(s.user(), id);
            guard.flash(ctx, Flash.of("The collection is deleted."));
            ctx.redirect(Routes.COLLECTIONS, HttpStatus.SEE_OTHER);
            yield null;
          }
          default ->
              throw HttpProblem.badParameter("action must be add, remove, update or delete.");
        };
    if (done != null) {
      guard.flash(ctx, Flash.of(done));
      back(ctx, Routes.collection(id));
    }
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
    List<AdminPage.RemovedRow> removed =
        community.curation().removed(actor).stream()
            .map(
                e ->
                    new AdminPage.RemovedRow(
                        e.date().toString(),
                        Routes.day(e.date()),
                        e.paperId(),
                        e.title(),
                        e.removedBy(),
                        e.removedAt() == null ? null : POSTED.format(e.removedAt()),
                        e.restorable(),
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
            removed,
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
    User changed =
        switch (action == null ? "" : action) {
          case "ban" -> {
            User banned = m.ban(s.user(), id);
            community.sessions().endAll(id);
            yield banned;
          }
          case "unban" -> m.unban(s.user(), id);
          case "role" -> m.setRole(s.user(), id, role(ctx.formParam("role")));
          default -> throw HttpProblem.badParameter("action must be ban, unban or role.");
        };
    guard.flash(
        ctx,
        Flash.of(
            changed.displayName()
                + " ("
                + changed.email()
                + ") is now "
                + changed.role().name().toLowerCase(Locale.ROOT)
                + (changed.banned() ? ", banned." : ".")));
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
    String done =
        switch (action == null ? "" : action) {
          case "dismiss" -> {
            community.moderation().dismissReports(s.user(), id);
            yield "The reports are dismissed; the comment stays.";
          }
          case "hide" -> {
            community.comments().setHidden(s.user(), id, true);
            yield "The comment is hidden from readers.";
          }
          case "show" -> {
            community.comments().setHidden(s.user(), id, false);
            yield "The comment is shown again.";
          }
          default -> throw HttpProblem.badParameter("action must be dismiss, hide or show.");
        };
    guard.flash(ctx, Flash.of(done));
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
    PaperCollection changed =
        switch (action == null ? "" : action) {
          case "hide" -> community.collections().setHidden(s.user(), id, true);
          case "show" -> community.collections().setHidden(s.user(), id, false);
          default -> throw HttpProblem.badParameter("action must be hide or show.");
        };
    guard.flash(
        ctx,
        Flash.of(
            "The collection "
                + changed.name()
                + (changed.hidden() ? " is hidden from others." : " is shown again.")));
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
