package org.paperboy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import org.paperboy.community.Comment;
import org.paperboy.community.Sessions;
import org.paperboy.community.Submissions;
import org.paperboy.community.Upvotes;
import org.paperboy.community.User;
import org.paperboy.paper.Json;

/**
 * The community's JSON API for programs signed in with the session cookie: {@link Routes#API_ME}
 * (which gives the CSRF token), and the upvote toggle, comments and submissions, each a POST that
 * carries the token in the {@value Guard#CSRF_HEADER} header. Without a session the answer is 401,
 * without the token 403, both as {@code application/problem+json}.
 */
final class CommunityApi {

  /** The caller's account and form token. */
  record Me(String id, String displayName, String role, boolean banned, String csrfToken) {}

  /** A paper's upvotes after a toggle. */
  record Vote(String paperId, boolean upvoted, int upvotes, int imported, int community) {

    /** Toggles the actor's vote on the paper, then reads its upvotes as every view shows them. */
    static Vote toggle(Community community, User actor, String paperId) {
      boolean upvoted = community.votes().toggle(actor, paperId);
      Upvotes votes = community.votes().count(paperId);
      return new Vote(paperId, upvoted, votes.total(), votes.imported(), votes.community());
    }
  }

  /** A comment as posted. */
  record PostedComment(
      String id, String paperId, String author, String body, String html, String parentId) {}

  /**
   * A submission and where it stands: {@code pending} while arXiv is asked, then {@code added},
   * {@code not_found}, {@code refused} or {@code failed}; {@code statusUrl} answers with it again.
   */
  record Submitted(
      String id,
      String paperId,
      String title,
      String date,
      String state,
      String detail,
      int attempts,
      String statusUrl) {

    static Submitted of(Submissions.Submission s) {
      return new Submitted(
          s.id(),
          s.paperId(),
          s.title(),
          s.date().toString(),
          s.state().name().toLowerCase(java.util.Locale.ROOT),
          s.detail(),
          s.attempts(),
          Routes.apiSubmission(s.id()));
    }
  }

  private final Community community;

  CommunityApi(Community community) {
    this.community = community;
  }

  void me(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    json(
        ctx,
        200,
        new Me(
            s.user().id(),
            s.user().displayName(),
            s.user().role().name().toLowerCase(java.util.Locale.ROOT),
            s.user().banned(),
            s.csrfToken()));
  }

  void vote(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    json(ctx, 200, Vote.toggle(community, s.user(), ctx.pathParam(Routes.ID_PARAM)));
  }

  void comment(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    Comment c =
        community
            .comments()
            .post(
                s.user(), ctx.pathParam(Routes.ID_PARAM), field(ctx, "body"), field(ctx, "parent"));
    json(
        ctx,
        201,
        new PostedComment(c.id(), c.paperId(), c.authorName(), c.body(), c.html(), c.parentId()));
  }

  /** 201 when the paper went on the list at once, 202 when it waits for its arXiv lookup. */
  void submit(Context ctx) {
    Sessions.SignedIn s = Guard.change(ctx);
    Submissions.Submission done = community.submissions().submit(s.user(), field(ctx, "id"));
    ctx.header("Location", Routes.apiSubmission(done.id()));
    json(ctx, done.state().pending() ? 202 : 201, Submitted.of(done));
  }

  void submission(Context ctx) {
    Sessions.SignedIn s = Guard.signedIn(ctx);
    json(
        ctx,
        200,
        Submitted.of(community.submissions().find(s.user(), ctx.pathParam(Routes.ID_PARAM))));
  }

  /** A field of a JSON object body, or of a form body. */
  private static String field(Context ctx, String name) {
    String type = ctx.contentType();
    if (type != null && type.startsWith("application/json")) {
      try {
        JsonNode node = Json.MAPPER.readTree(ctx.body());
        JsonNode value = node == null ? null : node.get(name);
        return value == null || !value.isTextual() ? null : value.asText();
      } catch (JsonProcessingException e) {
        throw HttpProblem.badParameter("The body is not JSON.");
      }
    }
    return ctx.formParam(name);
  }

  /** Answers with a JSON body meant for this caller only. */
  static void json(Context ctx, int status, Object body) {
    Templates.markRendered(ctx);
    ctx.header("Cache-Control", "private, no-store");
    ctx.status(status).contentType(Api.JSON).result(ApiJson.bytes(body));
  }
}
