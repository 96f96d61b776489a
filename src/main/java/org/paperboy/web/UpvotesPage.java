package org.paperboy.web;

import java.util.List;

/**
 * The papers the signed-in reader upvoted ({@link Routes#MY_UPVOTES}), newest vote first.
 *
 * @param items this page's papers
 * @param total how many papers the reader upvoted
 * @param page this page's number, from 1
 * @param pages how many pages there are
 * @param newerHref the page of newer votes, or null
 * @param olderHref the page of older votes, or null
 */
public record UpvotesPage(
    List<Item> items, int total, int page, int pages, String newerHref, String olderHref) {

  /**
   * One upvoted paper.
   *
   * @param paperId the paper
   * @param title its title (imported text: escaped when shown)
   * @param href its page
   * @param votedOn when the reader upvoted it, as shown
   * @param votedAt the same instant, ISO 8601, for {@code <time>}
   * @param vote its upvote button, pressed while the vote stands
   */
  public record Item(
      String paperId, String title, String href, String votedOn, String votedAt, VoteButton vote) {}
}
