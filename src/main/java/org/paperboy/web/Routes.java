package org.paperboy.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;

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

  /** One ISO week's papers; the parameter is an ISO week such as {@code 2025-W12}. */
  public static final String WEEK = "/papers/week/{week}";

  /** One month's papers; the parameter is a month such as {@code 2025-03}. */
  public static final String MONTH = "/papers/month/{month}";

  /** The papers of the last two weeks' lists ordered by the trending score. */
  public static final String TRENDING = "/papers/trending";

  /**
   * An Atom or RSS feed; the parameter is {@code daily}, {@code trending} or {@code search}, then
   * {@code .atom} or {@code .rss}. The daily and trending feeds take {@code ?category=}, the search
   * feed {@code ?q=}.
   */
  public static final String FEED = "/feeds/{feed}";

  /** A day's, week's or month's list as JSON, in the shape of Hugging Face's API. */
  public static final String API_DAILY_PAPERS = "/api/daily_papers";

  /** Every paper, a page at a time ({@code ?cursor=&limit=}), next page in the Link header. */
  public static final String API_PAPERS = "/api/papers";

  /** One paper as JSON. Like {@link #PAPER}, the id may contain a slash. */
  public static final String API_PAPER = "/api/papers/<id>";

  /** The OpenAPI document describing the JSON API. */
  public static final String API_OPENAPI = "/api/openapi.json";

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

  /** The site's one script: renders the math in titles and abstracts. */
  public static final String SCRIPT = STATIC + "/paperboy.js";

  /** KaTeX's stylesheet, served from the jar. */
  public static final String KATEX_CSS = STATIC + "/katex/katex.min.css";

  /** KaTeX itself, served from the jar. */
  public static final String KATEX_JS = STATIC + "/katex/katex.min.js";

  /** KaTeX's auto-render extension, which finds {@code $…$} in text. */
  public static final String KATEX_AUTO_RENDER = STATIC + "/katex/contrib/auto-render.min.js";

  /** Every path under which the JSON API answers, for CORS and problem+json errors. */
  static final String API_PREFIX = "/api/";

  static final String DATE_PARAM = "date";
  static final String WEEK_PARAM = "week";
  static final String MONTH_PARAM = "month";
  static final String FEED_PARAM = "feed";
  static final String ID_PARAM = "id";

  private Routes() {}

  /** The path of a day's list. */
  public static String day(LocalDate date) {
    return DAY.replace("{" + DATE_PARAM + "}", date.toString());
  }

  /** The path of an ISO week's list, e.g. {@code /papers/week/2025-W12}. */
  public static String week(String isoWeek) {
    return WEEK.replace("{" + WEEK_PARAM + "}", isoWeek);
  }

  /** The path of a month's list, e.g. {@code /papers/month/2025-03}. */
  public static String month(YearMonth month) {
    return MONTH.replace("{" + MONTH_PARAM + "}", month.toString());
  }

  /** The path of a feed, e.g. {@code feed("daily", "atom")}; the query is added by the caller. */
  public static String feed(String name, String format) {
    return FEED.replace("{" + FEED_PARAM + "}", name + "." + format);
  }

  /** The path of a paper in the JSON API. */
  public static String apiPaper(String id) {
    return API_PAPER.replace("<" + ID_PARAM + ">", encodePath(id));
  }

  /** The path of a paper's page; slashes in old-style ids stay slashes. */
  public static String paper(String id) {
    return PAPER.replace("<" + ID_PARAM + ">", encodePath(id));
  }

  /** Percent-encodes a query parameter's value. */
  static String encodeQuery(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
