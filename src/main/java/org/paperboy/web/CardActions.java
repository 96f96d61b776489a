package org.paperboy.web;

/**
 * The buttons of a card: the upvote toggle for everyone (it leads to the sign-in page when signed
 * out) and, for curators on a day's list, the curation controls.
 *
 * @param voteAction where the upvote form posts
 * @param voted whether the viewer has upvoted the paper (the button shows pressed)
 * @param csrf the viewer's form token, or null when signed out
 * @param next the page to come back to after the form
 * @param curate the curation controls, or null when the viewer does not curate this list
 */
public record CardActions(
    String voteAction, boolean voted, String csrf, String next, Curate curate) {

  /**
   * A curator's controls of one entry of a day's list.
   *
   * @param action where the forms post
   * @param paperId the entry's paper
   * @param pinned whether it is pinned
   * @param hidden whether it is hidden from readers
   * @param first whether it is first of its group (pinned, or not) and cannot move up
   * @param last whether it is last of its group and cannot move down
   * @param lastOfList whether it is last on the whole list
   */
  public record Curate(
      String action,
      String paperId,
      boolean pinned,
      boolean hidden,
      boolean first,
      boolean last,
      boolean lastOfList) {}
}
