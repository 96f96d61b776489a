package org.paperboy.web;

import java.util.List;

/**
 * A reader's follows and mutes, with the forms that add and remove them.
 *
 * @param follows what they follow
 * @param mutes what they muted
 * @param interests their interests as written, possibly empty
 * @param newPapers "3 new papers from your follows" since they last looked, or null
 * @param csrf the session's form token
 * @param summary what the reader's upvoted and saved papers are about, in words
 * @param forYouFeed the absolute URL of the reader's private Atom feed of {@code /for-you}, or null
 *     when they have none
 * @param forYouFeedRss the same feed as RSS, or null
 * @param opmlHref the OPML outline of all the reader's feeds
 * @param feeds the feeds of what the reader follows, for the page's head
 */
public record FollowsPage(
    List<Item> follows,
    List<Item> mutes,
    String interests,
    String newPapers,
    String csrf,
    String summary,
    String forYouFeed,
    String forYouFeedRss,
    String opmlHref,
    List<ListPage.FeedLink> feeds) {

  /**
   * One follow or mute.
   *
   * @param kind its kind in lower case (author, organization, category, search, keyword)
   * @param what what it names, in words
   * @param target its key, which the remove form posts
   * @param href the page of what it names, or null
   * @param atomHref its Atom feed, or null when it has none (organizations, mutes)
   * @param rssHref its RSS feed, or null
   */
  public record Item(
      String kind, String what, String target, String href, String atomHref, String rssHref) {}
}
