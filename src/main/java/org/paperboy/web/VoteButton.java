package org.paperboy.web;

/**
 * A paper's upvote button, on its card and on its page: a form that posts the toggle and comes back
 * to {@code next}. For a signed-in viewer the page's script sends it in place and updates every
 * count of the paper on the page; signed out, it leads to the sign-in page.
 *
 * @param action where the form posts
 * @param csrf the viewer's form token, or null when signed out
 * @param next the page to come back to without script
 * @param voted whether the viewer has upvoted the paper (the button shows pressed)
 * @param upvotes the upvotes shown
 */
public record VoteButton(String action, String csrf, String next, boolean voted, int upvotes) {

  /** Whether the page's script may send it in place: only a signed-in viewer's vote counts. */
  public boolean inPlace() {
    return csrf != null;
  }
}
