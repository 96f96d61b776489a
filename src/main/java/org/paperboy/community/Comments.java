package org.paperboy.community;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.store.ChangeCounters;
import org.paperboy.store.Database;

/**
 * Comments on papers, in Markdown with math. Authors edit and delete their own; curators hide any;
 * anyone signed in reports one. Comments that are hidden or whose author is banned are shown only
 * to curators and admins, and are not counted.
 *
 * <p>Replies are one level deep: a reply belongs to a top-level comment (a reply to a reply joins
 * the same top-level comment), is shown under it and goes with it: a reply under a comment a viewer
 * does not see is not shown to that viewer nor counted for readers. Deleting a comment makes its
 * replies top-level comments.
 */
public final class Comments {

  /** The longest comment accepted, in characters. */
  public static final int MAX_BODY = 10_000;

  /** How many comments a page of a paper's comments shows. */
  public static final int PAGE_SIZE = 50;

  /**
   * One page of a paper's comments.
   *
   * @param comments the page's top-level comments, oldest first
   * @param replies the replies to each of them the viewer may see, oldest first, by the top-level
   *     comment's id
   * @param number the page's number, from 1
   * @param pages how many pages there are (at least 1)
   * @param total how many comments the viewer may see in all, replies included
   */
  public record Page(
      List<Comment> comments,
      Map<String, List<Comment>> replies,
      int number,
      int pages,
      int total) {

    /** The replies to a top-level comment of this page. */
    public List<Comment> repliesTo(String commentId) {
      return replies.getOrDefault(commentId, List.of());
    }
  }

  // What a viewer may see: visible comments, all of them for moderators, and their own.
  private static final String SEES =
      " ((NOT c.hidden AND NOT u.banned) OR :all OR c.user_id = :viewer)";

  // ...and of a reply, also its top-level comment (pc, by pu): a reply goes with its thread.
  private static final String SEES_THREAD =
      SEES
          + " AND (c.parent_id IS NULL OR EXISTS (SELECT 1 FROM comments pc JOIN users pu ON pu.id"
          + " = pc.user_id WHERE pc.id = c.parent_id AND ((NOT pc.hidden AND NOT pu.banned) OR :all"
          + " OR pc.user_id = :viewer)))";

  /** The longest report reason accepted. */
  public static final int MAX_REASON = 500;

  static final String SELECT =
      "SELECT c.id, c.paper_id, c.user_id, u.display_name, c.body, c.created_at, c.edited_at,"
          + " c.hidden, u.banned, c.parent_id FROM comments c JOIN users u ON u.id = c.user_id";

  private final Jdbi jdbi;
  private final ChangeCounters changes;
  private final Clock clock;
  private final Writes writes;

  /** Comments in the given database, written within the limits of {@code writes}. */
  public Comments(Database database, Writes writes, Clock clock) {
    this.jdbi = database.jdbi();
    this.changes = database.changeCounters();
    this.clock = clock;
    this.writes = writes;
  }

  /** Posts a comment on a paper. */
  public Comment post(User actor, String paperId, String markdown) {
    return post(actor, paperId, markdown, null);
  }

  /**
   * Posts a comment on a paper, as a reply to {@code parentId} when it is given (a reply to a reply
   * goes under the same top-level comment). The comment replied to must be on the same paper and
   * visible to the actor.
   */
  public Comment post(User actor, String paperId, String markdown, String parentId) {
    writes.check(actor, Writes.Kind.COMMENT, "Sign in to comment");
    String body = Texts.require("Comment", markdown, MAX_BODY);
    String paper = Votes.paperKey(paperId);
    String id = Secrets.id();
    return jdbi.inTransaction(
        h -> {
          String parent = null;
          if (parentId != null && !parentId.isBlank()) {
            Comment replied =
                byId(h, parentId.strip())
                    .filter(c -> c.paperId().equals(paper))
                    .filter(c -> c.visible() || moderates(actor) || isAuthor(actor, c))
                    .orElseThrow(
                        () ->
                            CommunityException.notFound(
                                "The comment you replied to is no longer there"));
            parent = replied.isReply() ? replied.parentId() : replied.id();
          }
          int inserted =
              h.createUpdate(
                      "INSERT INTO comments (id, paper_id, user_id, body, created_at, hidden,"
                          + " parent_id) SELECT :id, :p, :u, :body, :now, FALSE, :parent WHERE"
                          + " EXISTS (SELECT 1 FROM papers WHERE id = :p)")
                  .bind("id", id)
                  .bind("p", paper)
                  .bind("u", actor.id())
                  .bind("body", body)
                  .bind("now", clock.millis())
                  .bind("parent", parent)
                  .execute();
          if (inserted == 0) {
            throw CommunityException.notFound("No paper " + paper);
          }
          Comment c = byId(h, id).orElseThrow();
          changes.bump(h, ChangeCounters.COMMUNITY);
          return c;
        });
  }

  /** Replaces the text of the actor's own comment. */
  public Comment edit(User actor, String commentId, String markdown) {
    writes.check(actor, Writes.Kind.COMMENT, "Sign in to comment");
    String body = Texts.require("Comment", markdown, MAX_BODY);
    return jdbi.inTransaction(
        h -> {
          requireOwn(h, actor, commentId);
          h.createUpdate("UPDATE comments SET body = :b, edited_at = :now WHERE id = :id")
              .bind("b", body)
              .bind("now", clock.millis())
              .bind("id", commentId)
              .execute();
          return byId(h, commentId).orElseThrow();
        });
  }

  /** Deletes the actor's own comment, with its reports. */
  public void delete(User actor, String commentId) {
    writes.check(actor, Writes.Kind.COMMENT, "Sign in to delete your comments");
    jdbi.useTransaction(
        h -> {
          requireOwn(h, actor, commentId);
          h.createUpdate("DELETE FROM comment_reports WHERE comment_id = :id")
              .bind("id", commentId)
              .execute();
          h.createUpdate("DELETE FROM comments WHERE id = :id").bind("id", commentId).execute();
          h.createUpdate("UPDATE comments SET parent_id = NULL WHERE parent_id = :id")
              .bind("id", commentId)
              .execute();
          changes.bump(h, ChangeCounters.COMMUNITY);
        });
  }

  /** Hides or shows a comment; curators and admins only. */
  public Comment setHidden(User actor, String commentId, boolean hidden) {
    requireRole(actor, Role.CURATOR, "Only curators can hide comments");
    return jdbi.inTransaction(
        h -> {
          int n =
              h.createUpdate("UPDATE comments SET hidden = :h WHERE id = :id")
                  .bind("h", hidden)
                  .bind("id", commentId)
                  .execute();
          if (n == 0) {
            throw CommunityException.notFound("No such comment");
          }
          if (hidden) {
            // hiding settles the reports about it
            h.createUpdate("UPDATE comment_reports SET resolved = TRUE WHERE comment_id = :id")
                .bind("id", commentId)
                .execute();
          }
          Comment c = byId(h, commentId).orElseThrow();
          changes.bump(h, ChangeCounters.COMMUNITY);
          return c;
        });
  }

  /**
   * Reports a comment to the moderators. One report per account and comment: reporting again
   * replaces the reason and reopens it.
   */
  public void report(User actor, String commentId, String reason) {
    writes.check(actor, Writes.Kind.REPORT, "Sign in to report a comment");
    String why = Texts.optional("Reason", reason, MAX_REASON);
    jdbi.useTransaction(
        h -> {
          if (byId(h, commentId).filter(c -> c.visible()).isEmpty()) {
            throw CommunityException.notFound("No such comment");
          }
          h.createUpdate(
                  "INSERT INTO comment_reports (comment_id, user_id, reason, created_at, resolved)"
                      + " VALUES (:c, :u, :r, :now, FALSE) ON CONFLICT (comment_id, user_id) DO"
                      + " UPDATE SET reason = excluded.reason, created_at = excluded.created_at,"
                      + " resolved = FALSE")
              .bind("c", commentId)
              .bind("u", actor.id())
              .bind("r", why)
              .bind("now", clock.millis())
              .execute();
        });
  }

  /** A comment as the viewer may see it (viewer null when signed out). */
  public Optional<Comment> find(String commentId, User viewer) {
    return jdbi.withHandle(h -> byId(h, commentId))
        .filter(c -> c.visible() || moderates(viewer) || isAuthor(viewer, c));
  }

  /**
   * A page of a paper's comments, oldest first, as the viewer may see them: readers and signed-out
   * visitors see the visible ones (and their own, even when hidden), curators and admins all of
   * them. A page holds {@link #PAGE_SIZE} top-level comments, each with its replies. A number past
   * the last page gives the last page; below 1, the first.
   */
  public Page page(String paperId, User viewer, int number) {
    String paper = Votes.paperKey(paperId);
    return jdbi.withHandle(
        h -> {
          int total =
              h.createQuery(
                      "SELECT COUNT(*) FROM comments c JOIN users u ON u.id = c.user_id WHERE"
                          + " c.paper_id = :p AND"
                          + SEES_THREAD)
                  .bind("p", paper)
                  .bind("all", moderates(viewer))
                  .bind("viewer", viewer == null ? "" : viewer.id())
                  .mapTo(Integer.class)
                  .one();
          int threads =
              h.createQuery(
                      "SELECT COUNT(*) FROM comments c JOIN users u ON u.id = c.user_id WHERE"
                          + " c.paper_id = :p AND c.parent_id IS NULL AND"
                          + SEES)
                  .bind("p", paper)
                  .bind("all", moderates(viewer))
                  .bind("viewer", viewer == null ? "" : viewer.id())
                  .mapTo(Integer.class)
                  .one();
          int pages = Math.max(1, (threads + PAGE_SIZE - 1) / PAGE_SIZE);
          int n = Math.min(Math.max(number, 1), pages);
          List<Comment> comments =
              h.createQuery(
                      SELECT
                          + " WHERE c.paper_id = :p AND c.parent_id IS NULL AND"
                          + SEES
                          + " ORDER BY c.created_at, c.id LIMIT :limit OFFSET :offset")
                  .bind("p", paper)
                  .bind("all", moderates(viewer))
                  .bind("viewer", viewer == null ? "" : viewer.id())
                  .bind("limit", PAGE_SIZE)
                  .bind("offset", (n - 1) * PAGE_SIZE)
                  .map((rs, ctx) -> read(rs))
                  .list();
          Map<String, List<Comment>> replies = new HashMap<>();
          if (!comments.isEmpty()) {
            h.createQuery(
                    SELECT
                        + " WHERE c.parent_id IN (<parents>) AND"
                        + SEES
                        + " ORDER BY c.created_at, c.id")
                .bindList("parents", comments.stream().map(Comment::id).toList())
                .bind("all", moderates(viewer))
                .bind("viewer", viewer == null ? "" : viewer.id())
                .map((rs, ctx) -> read(rs))
                .forEach(r -> replies.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(r));
          }
          return new Page(comments, replies, n, pages, total);
        });
  }

  /**
   * The number of the page of its paper's comments on which the viewer finds this comment (a reply
   * is on its top-level comment's page).
   */
  public int pageOf(Comment comment, User viewer) {
    Comment top =
        comment.isReply()
            ? jdbi.withHandle(h -> byId(h, comment.parentId())).orElse(comment)
            : comment;
    int before =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT COUNT(*) FROM comments c JOIN users u ON u.id = c.user_id WHERE"
                            + " c.paper_id = :p AND c.parent_id IS NULL AND (c.created_at < :at OR"
                            + " (c.created_at = :at AND c.id < :id)) AND"
                            + SEES)
                    .bind("p", top.paperId())
                    .bind("at", top.createdAt().toEpochMilli())
                    .bind("id", top.id())
                    .bind("all", moderates(viewer))
                    .bind("viewer", viewer == null ? "" : viewer.id())
                    .mapTo(Integer.class)
                    .one());
    return before / PAGE_SIZE + 1;
  }

  /** The number of visible comments of each paper; papers without any are left out. */
  public Map<String, Integer> counts(Collection<String> paperIds) {
    Map<String, Integer> out = new HashMap<>();
    if (paperIds.isEmpty()) {
      return out;
    }
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT c.paper_id, COUNT(*) FROM comments c JOIN users u ON u.id = c.user_id"
                        + " WHERE c.paper_id IN (<ids>) AND NOT c.hidden AND NOT u.banned AND"
                        + " (c.parent_id IS NULL OR EXISTS (SELECT 1 FROM comments pc JOIN users pu"
                        + " ON pu.id = pc.user_id WHERE pc.id = c.parent_id AND NOT pc.hidden AND"
                        + " NOT pu.banned)) GROUP BY c.paper_id")
                .bindList("ids", new ArrayList<>(new LinkedHashSet<>(paperIds)))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  static Optional<Comment> byId(Handle h, String id) {
    return h.createQuery(SELECT + " WHERE c.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  static Comment read(ResultSet rs) throws SQLException {
    long edited = rs.getLong(7);
    Instant editedAt = rs.wasNull() ? null : Instant.ofEpochMilli(edited);
    String body = rs.getString(5);
    return new Comment(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        body,
        Markdown.toHtml(body),
        Instant.ofEpochMilli(rs.getLong(6)),
        editedAt,
        rs.getBoolean(8),
        rs.getBoolean(9),
        rs.getString(10));
  }

  private static void requireOwn(Handle h, User actor, String commentId) {
    Comment c =
        byId(h, commentId).orElseThrow(() -> CommunityException.notFound("No such comment"));
    if (!c.authorId().equals(actor.id())) {
      throw CommunityException.forbidden("You can only change your own comments");
    }
  }

  static void requireRole(User actor, Role role, String message) {
    if (actor == null || !actor.may(role)) {
      throw CommunityException.forbidden(message);
    }
  }

  private static boolean moderates(User viewer) {
    return viewer != null && viewer.may(Role.CURATOR);
  }

  private static boolean isAuthor(User viewer, Comment c) {
    return viewer != null && viewer.id().equals(c.authorId());
  }
}
