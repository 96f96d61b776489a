package org.paperboy.web;

import java.util.List;

/**
 * A reader's {@code /for-you} page.
 *
 * @param cards the page's papers, ranked, each with why it is there
 * @param window the days the feed looks at, in words
 * @param page the page number, from 1
 * @param pages how many pages there are
 * @param total how many papers the feed has
 * @param previousHref the previous page, or null
 * @param nextHref the next page, or null
 * @param askInterests whether to ask for interests first (the reader told nothing yet)
 * @param interests the reader's interests as written, possibly empty
 * @param csrf the session's form token
 * @param here this page's path, which forms come back to
 * @param newFromFollows "3 new papers from your follows", or null
 * @param feeds the reader's private feeds of this page, empty when they made none
 */
public record ForYouPage(
    List<Card> cards,
    String window,
    int page,
    int pages,
    int total,
    String previousHref,
    String nextHref,
    boolean askInterests,
    String interests,
    String csrf,
    String here,
    String newFromFollows,
    List<ListPage.FeedLink> feeds) {

  /**
   * One paper of the feed.
   *
   * @param id its id
   * @param href its page
   * @param title its title (LaTeX kept)
   * @param authors the names of its first authors
   * @param moreAuthors how many authors there are beyond those
   * @param firstAuthor the first author's name, which "mute" offers, or null
   * @param category its primary category, which "mute" offers, or null
   * @param excerpt the start of its abstract
   * @param why why it is in the feed, one reason a line
   * @param notForMeAction where "not for me" posts
   */
  public record Card(
      String id,
      String href,
      String title,
      List<String> authors,
      int moreAuthors,
      String firstAuthor,
      String category,
      String excerpt,
      List<String> why,
      String notForMeAction) {}
}
