package org.paperboy.web;

import java.util.List;

/**
 * The moderation page: reported comments, hidden items, and (for admins) the accounts.
 *
 * @param csrf the session's form token
 * @param reported comments with open reports, most reported first
 * @param hiddenComments comments hidden or written by a banned account
 * @param hiddenEntries daily-list entries curators hid
 * @param collections collections others do not see: hidden, or public ones of banned accounts
 * @param hideCollectionAction where the form that hides a collection by its address posts
 * @param users every account, or null when the viewer is not an admin
 */
public record AdminPage(
    String csrf,
    List<Reported> reported,
    List<CommentRow> hiddenComments,
    List<EntryRow> hiddenEntries,
    List<RemovedRow> removedEntries,
    List<CollectionRow> collections,
    String hideCollectionAction,
    List<UserRow> users) {

  /**
   * A collection others do not see.
   *
   * @param name its name
   * @param ownerName its owner's display name
   * @param href its page
   * @param action where hide and show post
   * @param hidden whether a moderator hid it
   * @param ownerBanned whether its owner is banned
   */
  public record CollectionRow(
      String name,
      String ownerName,
      String href,
      String action,
      boolean hidden,
      boolean ownerBanned) {}

  /**
   * A reported comment.
   *
   * @param comment the comment
   * @param reports how many accounts reported it
   * @param reasons their reasons
   */
  public record Reported(CommentRow comment, int reports, List<String> reasons) {}

  /**
   * A comment in a moderation table.
   *
   * @param authorName its author's name
   * @param html its body, rendered safely
   * @param paperHref the paper it is on
   * @param action where decisions on it post
   * @param hidden whether it is hidden
   * @param authorBanned whether its author is banned
   */
  public record CommentRow(
      String authorName,
      String html,
      String paperHref,
      String action,
      boolean hidden,
      boolean authorBanned) {}

  /**
   * A hidden daily-list entry.
   *
   * @param date the list's day
   * @param dayHref the list
   * @param paperId the paper
   * @param title its title
   * @param curateAction where "show again" posts
   */
  public record EntryRow(
      String date, String dayHref, String paperId, String title, String curateAction) {}

  /**
   * A daily-list entry a curator removed, which may be restored.
   *
   * @param date the list's day
   * @param dayHref the list
   * @param paperId the paper
   * @param title its title
   * @param removedBy who removed it, or null when not recorded
   * @param removedAt when, or null when not recorded
   * @param restorable whether restoring puts it back at once
   * @param curateAction where "restore" posts
   */
  public record RemovedRow(
      String date,
      String dayHref,
      String paperId,
      String title,
      String removedBy,
      String removedAt,
      boolean restorable,
      String curateAction) {

    /** The row's element id. */
    public String anchor() {
      return "removed-" + date + "-" + paperId.replaceAll("[^A-Za-z0-9]", "-");
    }
  }

  /**
   * An account.
   *
   * @param displayName its name
   * @param email its address
   * @param role its role
   * @param banned whether it is banned
   * @param self whether it is the viewer's own
   * @param action where changes to it post
   */
  public record UserRow(
      String displayName, String email, String role, boolean banned, boolean self, String action) {}
}
