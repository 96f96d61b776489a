package org.paperboy.web;

import java.util.List;

/**
 * The community part of a paper's page: its upvote button, comments and the viewer's forms.
 *
 * @param next this paper's page, where the forms come back to
 * @param signedIn whether the viewer is signed in
 * @param signInHref the sign-in page, coming back here
 * @param csrf the viewer's form token, or null when signed out
 * @param voteAction where the upvote form posts
 * @param upvotes the upvotes shown: imported plus those cast here
 * @param voted whether the viewer upvoted it
 * @param commentAction where a new comment posts
 * @param maxComment the longest comment accepted
 * @param comments the page of comments the viewer may see, oldest first
 * @param commentCount how many comments the viewer may see, on all pages
 * @param commentsPage the number of this page of comments, from 1
 * @param commentsPages how many pages of comments there are
 * @param olderCommentsHref the page of comments before this one, or null
 * @param newerCommentsHref the page of comments after this one, or null
 * @param importedComments comments made on Hugging Face, counted on the lists but not shown here
 * @param importedCommentsHref the paper's Hugging Face page, or null
 * @param saveAction where "save to collection" posts
 * @param collections the viewer's collections
 * @param collectionsHref the viewer's collections page
 * @param notForMeAction where "not for me" posts
 * @param notForMe whether the viewer marked the paper "not for me"
 * @param banned whether the viewer's account is banned (then it sees why instead of the forms)
 * @param previewAction where the comment forms' script asks for a preview
 * @param draft the comment the viewer sent that is shown again (a preview, or refused), or null
 */
public record PaperCommunity(
    String next,
    boolean signedIn,
    String signInHref,
    String csrf,
    String voteAction,
    int upvotes,
    boolean voted,
    String commentAction,
    int maxComment,
    List<CommentView> comments,
    int commentCount,
    int commentsPage,
    int commentsPages,
    String olderCommentsHref,
    String newerCommentsHref,
    int importedComments,
    String importedCommentsHref,
    String saveAction,
    List<Option> collections,
    String collectionsHref,
    String notForMeAction,
    boolean notForMe,
    boolean banned,
    String previewAction,
    Draft draft) {

  /** Why a banned account sees no comment form. */
  public static final String BANNED =
      "This account is banned: a moderator stopped it from commenting, upvoting and saving, and"
          + " its comments and upvotes are no longer shown to others.";

  /** The text for the form of a new comment ({@code parentId} null) or of a reply. */
  public String draftText(String parentId) {
    return draft != null && java.util.Objects.equals(draft.parentId(), parentId)
        ? draft.text()
        : "";
  }

  /** The draft shown in the form of a new comment or of a reply to {@code parentId}, or null. */
  public Draft draftFor(String parentId) {
    return draft != null && java.util.Objects.equals(draft.parentId(), parentId) ? draft : null;
  }

  /**
   * A comment sent back to its form: to preview it (no script), or because it was refused. Nothing
   * typed is lost.
   *
   * @param parentId the comment it replies to, or null for a new comment
   * @param text the Markdown as typed
   * @param previewHtml the text rendered as it would be posted, or null
   * @param error why it was refused, or null
   */
  public record Draft(String parentId, String text, String previewHtml, String error) {}

  /** The paper's upvote button. */
  public VoteButton vote() {
    return new VoteButton(voteAction, csrf, next, voted, upvotes);
  }

  /**
   * One comment as the viewer sees it.
   *
   * @param anchor the element id, for links to it
   * @param authorName the author's display name (escaped when shown)
   * @param html the body rendered from Markdown: safe to insert as it is
   * @param body the Markdown, for the author's edit form
   * @param posted when it was posted, as shown
   * @param edited whether it was edited since
   * @param hidden whether it is hidden from readers (shown to moderators and its author)
   * @param mine whether the viewer wrote it (edit and delete)
   * @param moderator whether the viewer may hide it
   * @param signedIn whether the viewer may report it
   * @param editAction where its edit form posts
   * @param deleteAction where its delete form posts
   * @param reportAction where its report form posts
   * @param hideAction where hiding or showing it posts
   * @param id the comment's id, which a reply to it names
   * @param replies the replies shown under it (none under a reply)
   */
  public record CommentView(
      String anchor,
      String authorName,
      String html,
      String body,
      String posted,
      boolean edited,
      boolean hidden,
      boolean mine,
      boolean moderator,
      boolean signedIn,
      String editAction,
      String deleteAction,
      String reportAction,
      String hideAction,
      String id,
      List<CommentView> replies) {

    /** The element id of its reply form. */
    public String replyAnchor() {
      return "reply-" + id;
    }
  }

  /**
   * A collection to choose.
   *
   * @param id its id
   * @param name its name (escaped when shown)
   * @param holds whether it holds the paper already (its button shows pressed)
   */
  public record Option(String id, String name, boolean holds) {}
}
