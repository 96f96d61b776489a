package org.paperboy.web;

/**
 * Asks a curator to confirm taking an entry off a day's list: the "Remove" button of a card leads
 * here without script (the page's script asks in place instead).
 *
 * @param title the paper's title (imported text: escaped when shown)
 * @param day the list's day, as shown
 * @param action where the confirmed removal posts
 * @param csrf the curator's form token
 * @param paperId the paper
 * @param next the page to come back to
 * @param cancelHref where "Keep it" leads: the card on that page
 */
public record RemoveConfirmPage(
    String title,
    String day,
    String action,
    String csrf,
    String paperId,
    String next,
    String cancelHref) {

  /** The element id of a paper's card on a list. */
  static String cardAnchor(String paperId) {
    return "card-" + paperId;
  }
}
