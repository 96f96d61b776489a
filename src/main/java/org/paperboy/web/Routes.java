package org.paperboy.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Every path the web app serves, defined once. {@link WebApp} registers the patterns; templates,
 * handlers and (later) emails build links with the methods here, so a path changes in one place.
 */
public final class Routes {

  /** The latest day's list. */
  public static final String HOME = "/";

  /** One day's list; the parameter is an ISO date (yyyy-mm-dd). */
  public static final String DAY = "/papers/date/{date}";

  /**
   * One paper. The angle-bracket parameter matches slashes too, because old-style arXiv ids have
   * one ({@code hep-th/9901001}). It also matches {@code date/…}, so {@link #DAY} must be
   * registered first: Javalin uses the first matching route.
   */
  public static final String PAPER = "/papers/<id>";

  /** The search page; the query string is read by {@code SearchQueries}. */
  public static final String SEARCH = "/search";

  /** Search as JSON, shaped like Hugging Face's {@code /api/papers/search}. */
  public static final String API_SEARCH = "/api/papers/search";

  /** Papers similar to one, as JSON; {@code <id>} matches old-style ids with a slash. */
  public static final String API_SIMILAR = "/api/papers/<id>/similar";

  /** The digest sign-up page. */
  public static final String SUBSCRIBE = "/subscribe";

  /** A liveness probe that answers {@code ok}. */
  public static final String HEALTH = "/health";

  /** Where the files under {@code src/main/resources/web} are served. */
  public static final String STATIC = "/static";

  /** The site's one stylesheet. */
  public static final String STYLESHEET = STATIC + "/paperboy.css";

  static final String DATE_PARAM = "date";
  static final String ID_PARAM = "id";

  private Routes() {}

  /** The path of a day's list. */
  public static String day(LocalDate date) {
    return DAY.replace("{" + DATE_PARAM + "}", date.toString());
  }

  /** The path of a paper's page; slashes in old-style ids stay slashes. */
  public static String paper(String id) {
    return PAPER.replace("<" + ID_PARAM + ">", encodePath(id));
  }

  /** The path of a paper's similar papers in the JSON API. */
  public static String similar(String id) {
    return API_SIMILAR.replace("<" + ID_PARAM + ">", encodePath(id));
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters and {@code /}. Ids we store are
   * plain ASCII, but a path built from imported text must never break out of its attribute or path.
   */
  static String encodePath(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
