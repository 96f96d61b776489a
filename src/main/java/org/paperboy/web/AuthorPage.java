package org.paperboy.web;

import java.util.List;

/**
 * An author's page: their papers, the ways their name is written, and a follow button.
 *
 * @param name the name shown (the most used variant)
 * @param variants the other ways the catalog writes it
 * @param papers their papers, newest first
 * @param csrf the viewer's form token, or null when signed out
 * @param following whether the viewer follows this author
 * @param here this page's path, which the follow form comes back to
 * @param feeds the author's feeds
 */
public record AuthorPage(
    String name,
    List<String> variants,
    List<ForYouPage.Card> papers,
    String csrf,
    boolean following,
    String here,
    List<ListPage.FeedLink> feeds) {}
