package org.paperboy.web;

import java.util.List;

/**
 * One collection's page.
 *
 * @param name its name
 * @param description its description, possibly empty
 * @param ownerName the owner's display name
 * @param isPublic whether anyone may see it
 * @param own whether the viewer owns it (then the forms show)
 * @param csrf the viewer's form token, or null
 * @param changeAction where its forms post
 * @param jsonHref its JSON export
 * @param bibtexHref its BibTeX export
 * @param papers its papers, most recently added first
 * @param withheld whether others do not see it: hidden by a moderator, or its owner is banned
 * @param hidden whether a moderator hid it
 * @param moderateAction where a moderator's hide or show posts, or null for other viewers
 * @param feeds its feeds, empty unless anyone may see it
 */
public record CollectionPage(
    String name,
    String description,
    String ownerName,
    boolean isPublic,
    boolean own,
    String csrf,
    String changeAction,
    String jsonHref,
    String bibtexHref,
    List<Entry> papers,
    boolean withheld,
    boolean hidden,
    String moderateAction,
    List<ListPage.FeedLink> feeds) {

  /**
   * A paper of the collection.
   *
   * @param id its id
   * @param title its title (LaTeX kept)
   * @param href its page
   */
  public record Entry(String id, String title, String href) {}
}
