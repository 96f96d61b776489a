package org.paperboy.web;

import java.util.List;

/**
 * A day's list of papers, or the empty state of a day without one.
 *
 * @param title the document title
 * @param heading the day as shown, e.g. "Mar 17"
 * @param isoDate the day as yyyy-mm-dd, for the time element
 * @param canonical this day's own path (the home page shows the latest day under another path)
 * @param previous the closest earlier day with a list, or null
 * @param next the closest later day with a list, or null
 * @param cards the papers in list order; empty when the day has no list
 */
public record DayPage(
    String title,
    String heading,
    String isoDate,
    String canonical,
    DayLink previous,
    DayLink next,
    List<PaperCard> cards) {

  /**
   * A link to another day's list.
   *
   * @param href the day's path
   * @param label the day as shown
   * @param isoDate the day as yyyy-mm-dd
   */
  public record DayLink(String href, String label, String isoDate) {}
}
