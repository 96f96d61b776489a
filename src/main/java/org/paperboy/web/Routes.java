package org.paperboy.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import org.paperboy.community.SignIn;
import org.paperboy.digest.Subscriptions;
import org.paperboy.lists.Period;

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
   * An Atom or RSS feed; the parameter is the feed's name, then {@code .atom} or {@code .rss}:
   * {@code daily} and {@code trending} (both take {@code ?category=}), {@code search} ({@code
   * ?q=}), {@code author} ({@code ?name=}), {@code category} ({@code ?category=}), {@code
   * saved-search} ({@code ?q=&mode=&floor=}) and {@code collection} ({@code ?id=}).
   */
  public static final String FEED = "/feeds/{feed}";

  /**
   * A reader's {@code /for-you} as a private feed: the parameter is the reader's feed token, then
   * {@code .atom} or {@code .rss}.
   */
  public static final String FEED_FOR_YOU = "/feeds/for-you/{token}";

  /** Makes, rotates or revokes the reader's private feed token (POST). */
  public static final String FOR_YOU_FEED_TOKEN = "/for-you/feed-token";

  /** Every feed of the signed-in reader as an OPML outline, for a feed reader to import. */
  public static final String FOLLOWS_OPML = "/follows/feeds.opml";

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

  /** Confirms a subscription: a page with a button on GET, the confirmation on POST. */
  public static final String SUBSCRIBE_CONFIRM = Subscriptions.CONFIRM_PATH;

  /** A subscription's preferences, reached by the token in every digest. */
  public static final String SUBSCRIPTION = Subscriptions.MANAGE_PATH + "{token}";

  /** Unsubscribe: a page with a button on GET; RFC 8058 one-click (and the button) on POST. */
  public static final String UNSUBSCRIBE = Subscriptions.UNSUBSCRIBE_PATH + "{token}";

  /** Subscribes by API (JSON). */
  public static final String API_SUBSCRIPTIONS = "/api/subscriptions";

  /** The mail admin page: subscriptions, the digest outbox, attempts, the .eml outbox folder. */
  public static final String ADMIN_MAIL = "/admin/mail";

  /** The Sources page: each background job's last run, next run, records, errors and lag. */
  public static final String ADMIN_SOURCES = "/admin/sources";

  /** Ends or suppresses an address's subscription by hand. */
  public static final String ADMIN_MAIL_END = "/admin/mail/end";

  /** The liveness probe, kept as an alias of {@link #HEALTH_LIVE}. */
  public static final String HEALTH = "/health";

  /** Liveness: the process answers ({@code {"status":"up"}}). */
  public static final String HEALTH_LIVE = "/health/live";

  /** Readiness: each check's state and time as JSON; 503 when a check fails. */
  public static final String HEALTH_READY = "/health/ready";

  /** Prometheus metrics, in the text format. */
  public static final String METRICS = "/metrics";

  /**
   * The last commit of this node's search index, for another node of the cluster starting with an
   * empty one; asks for the cluster's token ({@code IndexCopies}).
   */
  public static final String INDEX_COPY = org.paperboy.search.IndexCopies.PATH;

  /** Where the files under {@code src/main/resources/web} are served. */
  public static final String STATIC = "/static";

  /** The site's one stylesheet. */
  public static final String STYLESHEET = STATIC + "/paperboy.css";

  /**
   * The site's one script: renders the math in titles and abstracts, and sends a paper's buttons
   * and the curation forms in place.
   */
  public static final String SCRIPT = STATIC + "/paperboy.js";

  /** KaTeX's stylesheet, served from the jar. */
  public static final String KATEX_CSS = STATIC + "/katex/katex.min.css";

  /** KaTeX itself, served from the jar. */
  public static final String KATEX_JS = STATIC + "/katex/katex.min.js";

  /** KaTeX's auto-render extension, which finds {@code $…$} in text. */
  public static final String KATEX_AUTO_RENDER = STATIC + "/katex/contrib/auto-render.min.js";

  /** The sign-in form: an address in, a link mailed out. Takes {@code ?next=} (a local path). */
  public static final String SIGN_IN = "/signin";

  /** The link in the sign-in mail; it starts the session. */
  public static final String VERIFY = SignIn.VERIFY_PATH;

  /** Signs out (POST). */
  public static final String SIGN_OUT = "/signout";

  /** The signed-in account: display name, sign out. */
  public static final String ACCOUNT = "/account";

  /** Everything the signed-in reader owns, as one JSON file to download. */
  public static final String ACCOUNT_EXPORT = "/account/export.json";

  /** The papers the signed-in reader upvoted, newest vote first; takes {@code ?page=}. */
  public static final String MY_UPVOTES = "/account/upvotes";

  /** Submits a paper to today's list by arXiv id or URL. */
  public static final String SUBMIT = "/submit";

  /** The signed-in reader's submissions, each with where it stands. */
  public static final String SUBMISSIONS = "/submissions";

  /**
   * The daily view's date picker sends {@code ?date=} here and is sent on to that day's list. Like
   * {@link #DAY}, it is registered before {@link #PAPER}, which would match it.
   */
  public static final String DAY_PICK = "/papers/date";

  /** Toggles the viewer's upvote of a paper (POST). */
  public static final String PAPER_VOTE = "/papers/<id>/vote";

  /** Posts a comment on a paper (POST). */
  public static final String PAPER_COMMENTS = "/papers/<id>/comments";

  /** Adds a paper to one of the viewer's collections (POST). */
  public static final String PAPER_SAVE = "/papers/<id>/save";

  /** Marks a paper "not for me", or takes the mark back (POST). */
  public static final String PAPER_NOT_FOR_ME = "/papers/<id>/not-for-me";

  /**
   * A curator's change to a day's list: pin, unpin, up, down, hide, show, remove (which asks to
   * confirm first) and restore (POST).
   */
  public static final String CURATE = "/papers/date/{date}/curate";

  /**
   * A comment's Markdown rendered as it would be posted (POST, JSON {@code {"html": …}}), for the
   * comment forms' preview. One path segment: {@link #COMMENT_ACTION} has two.
   */
  public static final String COMMENT_PREVIEW = "/comments/preview";

  /** An action on a comment: edit, delete, report, hide, show (POST). */
  public static final String COMMENT_ACTION = "/comments/{id}/{action}";

  /** The viewer's collections, and the form that makes one. */
  public static final String COLLECTIONS = "/collections";

  /** One collection. */
  public static final String COLLECTION = "/collections/{id}";

  /** Adds or removes a paper of a collection, or deletes it (POST). */
  public static final String COLLECTION_CHANGE = "/collections/{id}/change";

  /** A collection exported; the parameter is {@code json} or {@code bibtex}. */
  public static final String COLLECTION_EXPORT = "/collections/{id}/export/{format}";

  /** Moderation: reported comments, hidden items, accounts. */
  public static final String ADMIN = "/admin";

  /** An admin's change to an account: ban, unban, role (POST). */
  public static final String ADMIN_USER = "/admin/users/{id}";

  /** A moderator's decision on a reported comment: dismiss, hide, show (POST). */
  public static final String ADMIN_COMMENT = "/admin/comments/{id}";

  /** A moderator hiding a collection by its address (POST). */
  public static final String ADMIN_COLLECTIONS = "/admin/collections";

  /** A moderator's decision on a collection: hide, show (POST). */
  public static final String ADMIN_COLLECTION = "/admin/collections/{id}";

  /** How the trending score is computed, with its constants. */
  public static final String ABOUT_TRENDING = "/about/trending";

  /** The signed-in account and its CSRF token, for programs (GET). */
  public static final String API_ME = "/api/me";

  /** Toggles the caller's upvote of a paper (POST). */
  public static final String API_VOTE = "/api/papers/<id>/vote";

  /** Posts a comment on a paper (POST, JSON {@code {"body": …}}). */
  public static final String API_COMMENTS = "/api/papers/<id>/comments";

  /** Submits a paper to today's list (POST, JSON {@code {"id": …}}). */
  public static final String API_SUBMISSIONS = "/api/submissions";

  /** One of the caller's submissions and where it stands (GET). */
  public static final String API_SUBMISSION = "/api/submissions/{id}";

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

  /** The page of a period's list; a run of days has none, so its last day's. */
  public static String list(Period period) {
    return switch (period.kind()) {
      case DAY, DAYS -> day(period.to());
      case WEEK -> week(period.key());
      case MONTH -> month(YearMonth.from(period.from()));
    };
  }

  /** The path of a feed, e.g. {@code feed("daily", "atom")}; the query is added by the caller. */
  public static String feed(String name, String format) {
    return FEED.replace("{" + FEED_PARAM + "}", name + "." + format);
  }

  /** An author's feed, the name as written. */
  public static String authorFeed(String name, String format) {
    return feed("author", format) + "?name=" + encodeQuery(name);
  }

  /** The feed of the new papers in a category or archive. */
  public static String categoryFeed(String category, String format) {
    return feed("category", format) + "?category=" + encodeQuery(category);
  }

  /**
   * The feed of a saved search: its query, mode and (for meaning) similarity floor; the parameters
   * in alphabetical order, as the feed keys its cached answer, so the cache answers this URL.
   */
  public static String savedSearchFeed(String query, String mode, Double floor, String format) {
    return savedSearchFeed(query, mode, floor, org.paperboy.foryou.SearchFilters.NONE, format);
  }

  /** The feed of a saved search with the filters it was saved with (the search page's names). */
  public static String savedSearchFeed(
      String query,
      String mode,
      Double floor,
      org.paperboy.foryou.SearchFilters filters,
      String format) {
    StringBuilder s = new StringBuilder(feed("saved-search", format)).append('?');
    if (filters.category() != null) {
      s.append("cat=").append(encodeQuery(filters.category())).append('&');
    }
    if (floor != null && !"keyword".equals(mode)) {
      s.append("floor=").append(floor).append('&');
    }
    if (filters.from() != null) {
      s.append("from=").append(filters.from()).append('&');
    }
    s.append("mode=").append(encodeQuery(mode)).append("&q=").append(encodeQuery(query));
    if (filters.to() != null) {
      s.append("&to=").append(filters.to());
    }
    return s.toString();
  }

  /** A public collection's feed. */
  public static String collectionFeed(String id, String format) {
    return feed("collection", format) + "?id=" + encodeQuery(id);
  }

  /** A reader's private for-you feed. */
  public static String forYouFeed(String token, String format) {
    return FEED_FOR_YOU.replace("{token}", token + "." + format);
  }

  /** The path of a paper in the JSON API. */
  public static String apiPaper(String id) {
    return API_PAPER.replace("<" + ID_PARAM + ">", encodePath(id));
  }

  /** The reader's submissions, the one just made marked. */
  public static String submissionsAfter(String submissionId) {
    return SUBMISSIONS + "?new=" + encodeQuery(submissionId) + "#s-" + submissionId;
  }

  /** One of the caller's submissions as JSON. */
  public static String apiSubmission(String submissionId) {
    return API_SUBMISSIONS + "/" + encodePath(submissionId);
  }

  /** A paper as Markdown, as Hugging Face serves {@code /papers/ID.md}. */
  public static String paperMarkdown(String id) {
    return paper(id) + MARKDOWN;
  }

  /** What a paper's path ends with to ask for its Markdown. */
  static final String MARKDOWN = ".md";

  /** The path of a paper's page; slashes in old-style ids stay slashes. */
  public static String paper(String id) {
    return PAPER.replace("<" + ID_PARAM + ">", encodePath(id));
  }

  /** The query parameter that names the page of a paper's comments. */
  public static final String COMMENTS_PAGE_PARAM = "comments";

  /** A page of a paper's comments: the paper's page, with the page number after the first. */
  public static String paperComments(String id, int page) {
    return page <= 1 ? paper(id) : paper(id) + "?" + COMMENTS_PAGE_PARAM + "=" + page;
  }

  /** The sign-in page, coming back to {@code next} afterwards. */
  public static String signIn(String next) {
    return next == null || next.equals(HOME) ? SIGN_IN : SIGN_IN + "?next=" + encodeQuery(next);
  }

  /** Where a paper's upvote form posts. */
  public static String vote(String paperId) {
    return PAPER_VOTE.replace("<" + ID_PARAM + ">", encodePath(paperId));
  }

  /** Where a paper's comment form posts. */
  public static String comments(String paperId) {
    return PAPER_COMMENTS.replace("<" + ID_PARAM + ">", encodePath(paperId));
  }

  /** A page of the signed-in reader's upvotes. */
  public static String myUpvotes(int page) {
    return page <= 1 ? MY_UPVOTES : MY_UPVOTES + "?page=" + page;
  }

  /** Where a paper's "save to collection" form posts. */
  public static String save(String paperId) {
    return PAPER_SAVE.replace("<" + ID_PARAM + ">", encodePath(paperId));
  }

  /** Where a paper's "not for me" form posts. */
  public static String notForMe(String paperId) {
    return PAPER_NOT_FOR_ME.replace("<" + ID_PARAM + ">", encodePath(paperId));
  }

  /** Where the curation forms of a day's list post. */
  public static String curate(LocalDate date) {
    return CURATE.replace("{" + DATE_PARAM + "}", date.toString());
  }

  /** Where an action on a comment posts. */
  public static String comment(String commentId, String action) {
    return COMMENT_ACTION
        .replace("{" + ID_PARAM + "}", encodePath(commentId))
        .replace("{action}", action);
  }

  /** A collection's page. */
  public static String collection(String id) {
    return COLLECTION.replace("{" + ID_PARAM + "}", encodePath(id));
  }

  /** Where a collection's change forms post. */
  public static String collectionChange(String id) {
    return COLLECTION_CHANGE.replace("{" + ID_PARAM + "}", encodePath(id));
  }

  /** A collection's export as {@code json} or {@code bibtex}. */
  public static String collectionExport(String id, String format) {
    return COLLECTION_EXPORT
        .replace("{" + ID_PARAM + "}", encodePath(id))
        .replace("{format}", format);
  }

  /** Where an admin's change to an account posts. */
  public static String adminUser(String userId) {
    return ADMIN_USER.replace("{" + ID_PARAM + "}", encodePath(userId));
  }

  /** Where a moderator's decision on a comment posts. */
  public static String adminComment(String commentId) {
    return ADMIN_COMMENT.replace("{" + ID_PARAM + "}", encodePath(commentId));
  }

  /** Where a moderator's decision on a collection posts. */
  public static String adminCollection(String collectionId) {
    return ADMIN_COLLECTION.replace("{" + ID_PARAM + "}", encodePath(collectionId));
  }

  /** Where the API's upvote toggle of a paper is. */
  public static String apiVote(String paperId) {
    return API_VOTE.replace("<" + ID_PARAM + ">", encodePath(paperId));
  }

  /** Percent-encodes a query parameter's value. */
  static String encodeQuery(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The path of a paper's similar papers in the JSON API. */
  public static String similar(String id) {
    return API_SIMILAR.replace("<" + ID_PARAM + ">", encodePath(id));
  }

  /** A signed-in reader's personal feed; {@code ?page=N}. */
  public static final String FOR_YOU = "/for-you";

  /** The personal feed as JSON: the same items as {@link #FOR_YOU}, with why each is there. */
  public static final String API_FOR_YOU = "/api/for-you";

  /** Where the first-visit interests form posts (the account page's too). */
  public static final String FOR_YOU_INTERESTS = "/for-you/interests";

  /** A reader's follows and mutes; posting adds or removes one. */
  public static final String FOLLOWS = "/follows";

  /**
   * The new papers from the reader's follows, each with the follow that brought it; a POST marks
   * them as seen.
   */
  public static final String FOLLOWS_NEW = "/follows/new";

  /** Where "mute" and "unmute" post. */
  public static final String MUTES = "/mutes";

  /** Where the account page's list settings post ("hide papers I muted on the lists"). */
  public static final String LIST_SETTINGS = "/account/lists";

  /** An author's papers; the parameter is the name as written (folded to find its variants). */
  public static final String AUTHOR = "/authors/{name}";

  /** The page of an author. */
  public static String author(String name) {
    return AUTHOR.replace("{name}", encodePath(name).replace("/", "%2F"));
  }

  /** Page {@code page} of the personal feed. */
  public static String forYou(int page) {
    return page <= 1 ? FOR_YOU : FOR_YOU + "?page=" + page;
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
