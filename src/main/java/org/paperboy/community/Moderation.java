package org.paperboy.community;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.store.ChangeCounters;
import org.paperboy.store.Database;

/**
 * What the moderation page shows and does: reported and hidden comments and hidden list entries
 * (for curators and admins), the accounts with their roles and bans (for admins). A ban is a flag
 * read wherever comments and votes are counted, so it takes effect at once and an unban restores
 * everything as it was.
 */
public final class Moderation {

  /**
   * A comment with its open reports.
   *
   * @param comment the comment
   * @param reports how many accounts reported it
   * @param reasons their reasons, newest first (empty reasons left out)
   * @param lastReportedAt the newest report
   */
  public record ReportedComment(
      Comment comment, int reports, List<String> reasons, Instant lastReportedAt) {}

  /**
   * A daily-list entry a curator hid.
   *
   * @param date the list's day
   * @param paperId the paper
   * @param title the paper's title
   */
  public record HiddenEntry(LocalDate date, String paperId, String title) {}

  private final Jdbi jdbi;
  private final ChangeCounters changes;
  private final Accounts accounts;

  /** Moderation on the given database and its accounts. */
  public Moderation(Database database, Accounts accounts) {
    this.jdbi = database.jdbi();
    this.changes = database.changeCounters();
    this.accounts = accounts;
  }

  /** Comments with open reports, most reported first. */
  public List<ReportedComment> reportedComments(User actor) {
    Comments.requireRole(actor, Role.CURATOR, "Only curators can read reports");
    return jdbi.withHandle(
        h -> {
          List<ReportedComment> out = new ArrayList<>();
          List<Object[]> rows =
              h.createQuery(
                      "SELECT comment_id, COUNT(*), MAX(created_at) FROM comment_reports WHERE NOT"
                          + " resolved GROUP BY comment_id ORDER BY COUNT(*) DESC, MAX(created_at)"
                          + " DESC")
                  .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getLong(3)})
                  .list();
          for (Object[] row : rows) {
            String id = (String) row[0];
            List<String> reasons =
                h.createQuery(
                        "SELECT reason FROM comment_reports WHERE comment_id = :c AND NOT resolved"
                            + " AND reason <> '' ORDER BY created_at DESC")
                    .bind("c", id)
                    .mapTo(String.class)
                    .list();
            Comments.byId(h, id)
                .ifPresent(
                    c ->
                        out.add(
                            new ReportedComment(
                                c,
                                (Integer) row[1],
                                reasons,
                                Instant.ofEpochMilli((Long) row[2]))));
          }
          return out;
        });
  }

  /** Closes a comment's reports without hiding it (the moderator found nothing wrong). */
  public void dismissReports(User actor, String commentId) {
    Comments.requireRole(actor, Role.CURATOR, "Only curators can dismiss reports");
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE comment_reports SET resolved = TRUE WHERE comment_id = :c")
                .bind("c", commentId)
                .execute());
  }

  /** Comments that are hidden, or whose author is banned, newest first. */
  public List<Comment> hiddenComments(User actor) {
    Comments.requireRole(actor, Role.CURATOR, "Only curators can see hidden comments");
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    Comments.SELECT
                        + " WHERE c.hidden OR u.banned ORDER BY c.created_at DESC, c.id LIMIT 500")
                .map((rs, ctx) -> Comments.read(rs))
                .list());
  }

  /** Daily-list entries that curators hid, newest day first. */
  public List<HiddenEntry> hiddenEntries(User actor) {
    Comments.requireRole(actor, Role.CURATOR, "Only curators can see hidden entries");
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT e.list_date, e.paper_id, p.title FROM daily_entries e JOIN papers p ON"
                        + " p.id = e.paper_id WHERE e.hidden ORDER BY e.list_date DESC, e.paper_id"
                        + " LIMIT 500")
                .map(
                    (rs, ctx) ->
                        new HiddenEntry(
                            LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getString(3)))
                .list());
  }

  /** Every account, newest first. */
  public List<User> users(User actor) {
    Comments.requireRole(actor, Role.ADMIN, "Only admins can list accounts");
    return accounts.all();
  }

  /** Bans an account: its comments are hidden and its votes stop counting. */
  public User ban(User actor, String userId) {
    return setBanned(actor, userId, true);
  }

  /** Lifts a ban; the account's comments and votes count again. */
  public User unban(User actor, String userId) {
    return setBanned(actor, userId, false);
  }

  /** Gives an account another role. An admin cannot demote themselves (someone must remain). */
  public User setRole(User actor, String userId, Role role) {
    Comments.requireRole(actor, Role.ADMIN, "Only admins can change roles");
    if (actor.id().equals(userId) && role != Role.ADMIN) {
      throw CommunityException.badInput("You cannot take away your own admin role");
    }
    return update(userId, "UPDATE users SET role = :v WHERE id = :id", role.name(), false);
  }

  private User setBanned(User actor, String userId, boolean banned) {
    Comments.requireRole(actor, Role.ADMIN, "Only admins can ban accounts");
    if (actor.id().equals(userId)) {
      throw CommunityException.badInput("You cannot ban yourself");
    }
    // The account's votes and comments stop (or start again) counting on every list.
    return update(userId, "UPDATE users SET banned = :v WHERE id = :id", banned, true);
  }

  private User update(String userId, String sql, Object value, boolean listsChange) {
    return jdbi.inTransaction(
        h -> {
          int n = h.createUpdate(sql).bind("v", value).bind("id", userId).execute();
          if (n == 0) {
            throw CommunityException.notFound("No such account");
          }
          User u = Accounts.byId(h, userId).orElseThrow();
          if (listsChange) {
            changes.bump(h, ChangeCounters.COMMUNITY);
          }
          return u;
        });
  }
}
