package org.paperboy.web;

import java.util.List;

/**
 * A list of papers: a day, an ISO week, a month, or trending; or the empty state of a period
 * without one.
 *
 * @param title the document title
 * @param heading the period as shown, e.g. "Mar 17" or "Week 12, 2025"
 * @param isoDate the period as yyyy-mm-dd, yyyy-Www or yyyy-mm, for the time element
 * @param canonical this list's own path (the home page shows the latest day under another path)
 * @param tabs Daily, Weekly, Monthly and Trending, the current one marked
 * @param previous the closest earlier period with a list, or null
 * @param next the closest later period with a list, or null
 * @param previousNone what to say when there is no earlier period, e.g. "No earlier list"
 * @param nextNone what to say when there is no later period
 * @param cards the papers of this page of the list
 * @param total how many papers the whole list has (all pages)
 * @param emptyMessage what to say when the list is empty
 * @param filter the category filter's state
 * @param pager links to the other pages of the list
 * @param feeds the feeds of this list, for {@code <link rel="alternate">} and the page's links
 * @param explainer a sentence about how the list is ordered, or null
 * @param dayPicker the form that goes to another day's list (a day's list only), or null
 * @param hiddenByMutes how many papers of the list are left out for this reader, who asked the
 *     lists to hide what they muted (0 for everyone else)
 */
public record ListPage(
    String title,
    String heading,
    String isoDate,
    String canonical,
    List<Tab> tabs,
    NavLink previous,
    NavLink next,
    String previousNone,
    String nextNone,
    List<PaperCard> cards,
    int total,
    String emptyMessage,
    Filter filter,
    Pager pager,
    List<FeedLink> feeds,
    String explainer,
    DayPicker dayPicker,
    int hiddenByMutes) {

  /**
   * A date field that opens another day's list: a plain GET form to {@link Routes#DAY_PICK}, which
   * sends the browser on to that day.
   *
   * @param action the form's target
   * @param value the day shown, yyyy-mm-dd
   * @param max the latest day with a list, yyyy-mm-dd
   */
  public record DayPicker(String action, String value, String max) {}

  /**
   * One of the list tabs.
   *
   * @param label e.g. "Weekly"
   * @param href the list it opens
   * @param current whether it is this page's tab
   */
  public record Tab(String label, String href, boolean current) {}

  /**
   * A link to another period's list.
   *
   * @param href the period's path
   * @param label the period as shown
   * @param isoDate the period as written in paths
   */
  public record NavLink(String href, String label, String isoDate) {}

  /**
   * The category filter: a form that reloads the list with {@code ?category=}.
   *
   * @param action the list's path
   * @param selected the category shown, or null for all
   * @param options the categories the list's papers have, sorted
   */
  public record Filter(String action, String selected, List<String> options) {}

  /**
   * Pagination of a long list.
   *
   * @param page the current page, from 1
   * @param pages how many pages there are
   * @param previousHref the previous page, or null
   * @param nextHref the next page, or null
   */
  public record Pager(int page, int pages, String previousHref, String nextHref) {}

  /**
   * A feed of this list.
   *
   * @param title e.g. "Daily papers (Atom)"
   * @param type the media type, e.g. application/atom+xml
   * @param href the feed's path and query
   */
  public record FeedLink(String title, String type, String href) {

    /** The Atom and the RSS feed of one view, titled "{label} (Atom)" and "{label} (RSS)". */
    static List<FeedLink> both(String label, String atomHref, String rssHref) {
      return List.of(
          new FeedLink(label + " (Atom)", "application/atom+xml", atomHref),
          new FeedLink(label + " (RSS)", "application/rss+xml", rssHref));
    }
  }
}
