package org.paperboy.web;

import java.util.List;

/**
 * The new papers from a reader's follows ({@code /follows/new}).
 *
 * @param cards the papers, the newest arrivals first, each with the follows that brought it
 * @param total how many new papers there are (the list holds at most {@code FollowNews.MAX_LISTED})
 * @param upTo the arrival (epoch milliseconds) of the newest shown, which "Mark these as seen"
 *     marks up to
 * @param csrf the session's form token
 */
public record FollowNewsPage(List<ForYouPage.Card> cards, int total, long upTo, String csrf) {}
