package org.paperboy.web;

import static org.paperboy.web.HttpProblem.problem;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.paperboy.community.CommunityException;
import org.paperboy.config.Settings;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.DailyLists;
import org.paperboy.search.PaperSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web application: builds the Javalin server with every route, the static files, security
 * headers and error pages. The {@code serve} command and the tests build it the same way.
 */
public final class WebApp {

  private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

  /**
   * Everything is served from this origin: no CDN, no inline script, no plugins. Forms and frames
   * are restricted too, since nothing here needs to be framed or to post elsewhere.
   *
   * <p>Styles: KaTeX sizes and positions every glyph of rendered math with inline {@code style}
   * attributes, which a plain {@code style-src 'self'} blocks (the math would render as a jumble).
   * So style attributes are allowed ({@code style-src-attr 'unsafe-inline'}) while style elements
   * and stylesheets stay same-origin ({@code style-src-elem 'self'}); browsers that do not know
   * these two directives fall back to {@code style-src 'self' 'unsafe-inline'}. A style attribute
   * cannot run script, and since every user-provided text is escaped, no attacker markup (hence no
   * attacker style attribute) reaches the page in the first place. Hashes or nonces cannot cover
   * attributes that KaTeX creates at run time, so this is the strictest policy KaTeX works under.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; style-src-elem"
          + " 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; object-src 'none';"
          + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  private static final String FEEDS_PREFIX = "/feeds/";

  /** Methods that change nothing. */
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  /** CORS for the read-only API and feeds: any origin may GET them, without credentials. */
  static final Map<String, String> CORS_HEADERS =
      Map.of(
          "Access-Control-Allow-Origin", "*",
          "Access-Control-Expose-Headers", "ETag, Link");

  static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "strict-origin-when-cross-origin");

  private static final Map<String, String> SECURITY_AND_CORS_HEADERS = both();

  private static Map<String, String> both() {
    Map<String, String> all = new LinkedHashMap<>(SECURITY_HEADERS);
    all.putAll(CORS_HEADERS);
    return Collections.unmodifiableMap(all);
  }

  private WebApp() {}

  /**
   * The headers every answer under a path carries, set before anything else runs (so static files
   * and error pages carry them too): the security headers, and CORS on the API and the feeds.
   */
  static Map<String, String> edgeHeaders(String path) {
    return path.startsWith(Routes.API_PREFIX) || path.startsWith(FEEDS_PREFIX)
        ? SECURITY_AND_CORS_HEADERS
        : SECURITY_HEADERS;
  }

  /**
   * Builds the app on a catalog and its search index with default settings (base URL {@code
   * http://localhost:8080}); the clock decides what "this year" and "today" are on pages. The
   * caller starts it ({@code start(port)}) and stops it.
   */
  public static Javalin create(Catalog catalog, PaperSearch search, Clock clock) {
    return create(catalog, search, clock, Settings.from(Map.of()));
  }

  /**
   * Builds the app on a catalog and its search index; the settings give the public base URL for
   * feeds and API links, the clock what "this year", "today" and a paper's age are. The caller
   * starts it ({@code start(port)}) and stops it.
   */
  public static Javalin create(
      Catalog catalog, PaperSearch search, Clock clock, Settings settings) {
    return create(catalog, search, clock, settings, null);
  }

  /**
   * Builds the app with the community: sign-in, upvotes, submissions, comments, collections,
   * curation and moderation ({@code community} null gives the read-only site). The caller starts it
   * ({@code start(port)}) and stops it.
   */
  public static Javalin create(
      Catalog catalog, PaperSearch search, Clock clock, Settings settings, Community community) {
    Templates templates = new Templates();
    DateLabels dates = new DateLabels(clock);
    CommunityView communityView = new CommunityView(community);
    ListViews views = new ListViews(catalog, new DailyLists(catalog), clock, communityView);
    ResponseCache cache = new ResponseCache(catalog, views::today, communityView::marker);
    ListPages lists = new ListPages(views, dates, templates, cache, clock);
    SearchPages searchPages = new SearchPages(search, dates, templates);
    SearchApi searchApi = new SearchApi(search);
    Guard guard =
        community == null
            ? null
            : new Guard(community.sessions(), "https".equals(settings.baseUrl().getScheme()));
    CommunityPages pages =
        community == null
            ? null
            : new CommunityPages(community, guard, templates, settings.submitMaxAgeDays());
    CommunityApi communityApi = community == null ? null : new CommunityApi(community);
    DigestPages digestPages =
        community == null
            ? null
            : new DigestPages(
                community.digests(), templates, settings.outboxDir(), settings.smtp().configured());
    PaperPages papers = new PaperPages(catalog, search, dates, templates, pages);
    Api api = new Api(views, cache, settings.baseUrl());
    Feeds feeds =
        new Feeds(
            views, SearchFeedSource.substringMatch(catalog), cache, settings.baseUrl(), clock);
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          // Jetty answers requests it cannot parse (a malformed URI, say) before Javalin sees
          // them; its error page gets the same headers and never a stack trace.
          config.jetty.modifyServer(
              server -> {
                server.setErrorHandler(new JettyErrorPage());
                // Cached answers and the health probe skip the servlet stack (see CacheFront).
                server.insertHandler(new CacheFront(cache));
              });
          config.staticFiles.add(
              files -> {
                files.hostedPath = Routes.STATIC;
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "public, max-age=3600");
              });
          config.routes.before(ctx -> edgeHeaders(ctx.path()).forEach(ctx::header));
          config.routes.options(
              Routes.API_PREFIX + "*",
              ctx -> {
                ctx.header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
                ctx.header("Access-Control-Allow-Headers", "If-None-Match");
                ctx.header("Access-Control-Max-Age", "86400");
                ctx.status(204);
              });
          if (community != null) {
            config.routes.before(guard::load);
            // Every change made through a form or the API may change what lists show. Reads (GET,
            // and HEAD and OPTIONS, which monitors and browsers send) change nothing.
            config.routes.after(
                ctx -> {
                  if (!READS.contains(ctx.method().name()) && ctx.statusCode() < 400) {
                    communityView.changed();
                  }
                });
            routes(config.routes, pages, communityApi);
            digestRoutes(config.routes, digestPages);
          } else {
            config.routes.get(
                Routes.SUBSCRIBE,
                ctx -> templates.send(ctx, 200, "message.jte", MessagePage.subscribe()));
          }
          config.routes.get(Routes.HEALTH, ctx -> ctx.contentType("text/plain").result("ok"));
          config.routes.get(Routes.HOME, lists::home);
          // Lists before PAPER: the first matching route wins and PAPER's <id> matches date/… too.
          config.routes.get(Routes.DAY, lists::day);
          config.routes.get(Routes.WEEK, lists::week);
          config.routes.get(Routes.MONTH, lists::month);
          config.routes.get(Routes.TRENDING, lists::trending);
          config.routes.get(Routes.PAPER, papers::paper);
          config.routes.get(Routes.SEARCH, searchPages::search);
          config.routes.get(Routes.FEED, feeds::feed);
          config.routes.get(Routes.API_DAILY_PAPERS, api::dailyPapers);
          config.routes.get(Routes.API_OPENAPI, api::openApi);
          config.routes.get(Routes.API_PAPERS, api::papers);
          config.routes.get(Routes.API_SEARCH, searchApi::search);
          config.routes.get(Routes.API_SIMILAR, searchApi::similar);
          // Last among the API routes: its <id> matches any path below /api/papers/.
          config.routes.get(Routes.API_PAPER, api::paper);
          // HEAD of a cached answer sends its GET headers (Javalin would answer a bare 200 for a
          // route that has only a GET handler). CacheFront answers HEAD the same way.
          config.routes.head(Routes.HOME, lists::home);
          config.routes.head(Routes.DAY, lists::day);
          config.routes.head(Routes.WEEK, lists::week);
          config.routes.head(Routes.MONTH, lists::month);
          config.routes.head(Routes.TRENDING, lists::trending);
          config.routes.head(Routes.FEED, feeds::feed);
          config.routes.head(Routes.API_DAILY_PAPERS, api::dailyPapers);
          config.routes.head(Routes.API_OPENAPI, api::openApi);
          config.routes.head(Routes.API_PAPERS, api::papers);
          config.routes.error(
              404,
              ctx -> {
                // Handlers that answer 404 with their own page (unknown paper, empty day) keep it.
                if (Templates.rendered(ctx)) {
                  return;
                }
                if (isApi(ctx)) {
                  problem(ctx, new HttpProblem(404, "Not found", "No API resource at this path."));
                } else {
                  templates.send(ctx, 404, "message.jte", MessagePage.notFound());
                }
              });
          config.routes.exception(
              CommunityException.class,
              (e, ctx) -> {
                HttpProblem p = new HttpProblem(status(e), title(e), e.getMessage());
                if (isApi(ctx)) {
                  problem(ctx, p);
                } else {
                  ctx.header("Cache-Control", "private, no-store");
                  templates.send(
                      ctx,
                      p.status(),
                      "message.jte",
                      new MessagePage(p.title(), p.title(), p.detail()));
                }
              });
          config.routes.exception(
              HttpProblem.class,
              (e, ctx) -> {
                if (e.status() == 401 && !isApi(ctx)) {
                  // A page or form that needs a session leads to the sign-in page, then back.
                  String back =
                      ctx.method().name().equals("GET")
                          ? ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString())
                          : Guard.localPath(ctx.formParam("next"), Routes.HOME);
                  ctx.redirect(Routes.signIn(back), HttpStatus.SEE_OTHER);
                  return;
                }
                if (isApi(ctx)) {
                  problem(ctx, e);
                } else {
                  templates.send(
                      ctx,
                      e.status(),
                      "message.jte",
                      new MessagePage(e.title(), e.title(), e.detail()));
                }
              });
          config.routes.exception(
              Exception.class,
              (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                if (isApi(ctx)) {
                  problem(
                      ctx,
                      new HttpProblem(
                          500, "Server error", "The server failed; the error has been logged."));
                } else {
                  templates.send(ctx, 500, "message.jte", MessagePage.serverError());
                }
              });
        });
  }

  private static void routes(RoutesConfig routes, CommunityPages pages, CommunityApi api) {
    routes.get(Routes.SIGN_IN, pages::signInForm);
    routes.post(Routes.SIGN_IN, pages::signIn);
    routes.get(Routes.VERIFY, pages::verify);
    routes.post(Routes.SIGN_OUT, pages::signOut);
    routes.get(Routes.ACCOUNT, pages::account);
    routes.post(Routes.ACCOUNT, pages::rename);
    routes.get(Routes.SUBMIT, pages::submitForm);
    routes.post(Routes.SUBMIT, pages::submit);
    routes.post(Routes.CURATE, pages::curate);
    routes.post(Routes.PAPER_VOTE, pages::vote);
    routes.post(Routes.PAPER_COMMENTS, pages::comment);
    routes.post(Routes.PAPER_SAVE, pages::save);
    routes.post(Routes.PAPER_NOT_FOR_ME, pages::notForMe);
    routes.post(Routes.COMMENT_ACTION, pages::commentAction);
    routes.get(Routes.COLLECTIONS, pages::collections);
    routes.post(Routes.COLLECTIONS, pages::createCollection);
    routes.get(Routes.COLLECTION_EXPORT, pages::exportCollection);
    routes.post(Routes.COLLECTION_CHANGE, pages::changeCollection);
    routes.get(Routes.COLLECTION, pages::collection);
    routes.get(Routes.ADMIN, pages::admin);
    routes.post(Routes.ADMIN_USER, pages::adminUser);
    routes.post(Routes.ADMIN_COMMENT, pages::adminComment);
    routes.get(Routes.ABOUT_TRENDING, pages::aboutTrending);
    routes.get(Routes.API_ME, api::me);
    routes.post(Routes.API_VOTE, api::vote);
    routes.post(Routes.API_COMMENTS, api::comment);
    routes.post(Routes.API_SUBMISSIONS, api::submit);
  }

  private static void digestRoutes(RoutesConfig routes, DigestPages pages) {
    routes.get(Routes.SUBSCRIBE, pages::form);
    routes.post(Routes.SUBSCRIBE, pages::subscribe);
    routes.get(Routes.SUBSCRIBE_CONFIRM, pages::confirmForm);
    routes.post(Routes.SUBSCRIBE_CONFIRM, pages::confirm);
    routes.get(Routes.SUBSCRIPTION, pages::preferences);
    routes.post(Routes.SUBSCRIPTION, pages::update);
    routes.get(Routes.UNSUBSCRIBE, pages::unsubscribeForm);
    routes.post(Routes.UNSUBSCRIBE, pages::unsubscribe);
    routes.post(Routes.API_SUBSCRIPTIONS, pages::apiSubscribe);
    routes.get(Routes.ADMIN_MAIL, pages::admin);
    routes.post(Routes.ADMIN_MAIL_END, pages::adminEnd);
    routes.get(Routes.ADMIN_MAIL_FILE, pages::adminFile);
  }

  /** The HTTP status of a refusal by the community services. */
  static int status(CommunityException e) {
    return switch (e.reason()) {
      case BAD_INPUT, INVALID_TOKEN -> 400;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  private static String title(CommunityException e) {
    return switch (e.reason()) {
      case BAD_INPUT -> "Not accepted";
      case INVALID_TOKEN -> "Link not valid";
      case FORBIDDEN -> "Not allowed";
      case NOT_FOUND -> "Not found";
      case CONFLICT -> "Already done";
      case RATE_LIMITED -> "Too many requests";
      case UNAVAILABLE -> "Try again later";
    };
  }

  private static boolean isApi(Context ctx) {
    return ctx.path().startsWith(Routes.API_PREFIX);
  }

  /** Jetty's own error page, with our security headers and without stacks or causes. */
  private static final class JettyErrorPage extends ErrorHandler {

    JettyErrorPage() {
      setShowStacks(false);
      setShowCauses(false);
      setShowOrigin(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      SECURITY_HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
      return super.handle(request, response, callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      SECURITY_HEADERS.forEach(fields::put);
      return super.badMessageError(status, reason, fields);
    }
  }
}
