package org.paperboy.web;

import static org.paperboy.web.HttpProblem.problem;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.paperboy.community.CommunityException;
import org.paperboy.config.Settings;
import org.paperboy.jobs.Scheduler;
import org.paperboy.lists.Lists;
import org.paperboy.lists.Period;
import org.paperboy.ops.Health;
import org.paperboy.ops.Metrics;
import org.paperboy.paper.Catalog;
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
   * Sends the search index's last commit to another node of the cluster (the bearer token derived
   * from the shared secret key), and to nobody else: 404 with copies off, 401 without the token.
   */
  private static void indexCopy(Context ctx, PaperSearch search) throws IOException {
    if (!search.copyAuthorized(ctx.header("Authorization"))) {
      HttpProblem.problem(
          ctx, new HttpProblem(401, "Unauthorized", "Index copies are for the cluster's nodes."));
      return;
    }
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("application/octet-stream");
    search.sendCopy(ctx.outputStream());
  }

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
   * Builds the app on the services the composition root made: the catalog, its search index, the
   * lists every view reads, the community and the job scheduler (whose state is the Sources page),
   * with the readiness checks and the metrics registry. The settings give the public base URL for
   * feeds, mails and API links, the trusted proxies and the shutdown timeout; the clock what "this
   * year", "today" and a paper's age are. The caller starts it ({@code start(port)}) and stops it.
   */
  public static Javalin create(
      Catalog catalog,
      PaperSearch search,
      Lists lists,
      Community community,
      Scheduler scheduler,
      Settings settings,
      Clock clock,
      Health health,
      Metrics metrics) {
    Templates templates = new Templates(settings.tagline());
    DateLabels dates = new DateLabels(clock);
    // Cached lists follow the catalog's and the community's change counters in the database, so a
    // change made on any node shows on this one's cached pages too.
    ResponseCache cache = new ResponseCache(catalog, lists::today, community.changeMarker());
    ListPages listPages =
        new ListPages(lists, dates, templates, cache, community.forYou().follows(), clock);
    OwnPapers own = new OwnPapers(community);
    SearchPages searchPages = new SearchPages(search, own, dates, templates);
    SearchApi searchApi = new SearchApi(search, own);
    Guard guard = new Guard(community.sessions(), "https".equals(settings.baseUrl().getScheme()));
    ForYouPages forYouPages = new ForYouPages(community, templates, settings.baseUrl());
    CommunityPages pages =
        new CommunityPages(
            community, catalog, guard, templates, settings.submitMaxAgeDays(), forYouPages);
    CommunityApi communityApi = new CommunityApi(community);
    DigestPages digestPages =
        new DigestPages(community.digests(), templates, settings.smtp().configured());
    PaperPages papers =
        new PaperPages(catalog, lists, search, dates, templates, pages, settings.baseUrl());
    Api api =
        new Api(catalog, lists, community.forYou().follows(), cache, settings.baseUrl(), clock);
    Feeds feeds = new Feeds(lists, search, community, cache, settings.baseUrl(), clock);
    Probes probes = new Probes(health, metrics, settings.operations().metricsToken());
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          // Jetty answers requests it cannot parse (a URI that does not decode, say) before
          // Javalin sees them; its error page gets the same headers, a problem document under
          // the API and never a stack trace.
          config.jetty.modifyServer(
              server -> {
                server.setErrorHandler(new JettyErrorPage(templates));
                UndecodableUris.install(server);
                // Cached answers and the health probe skip the servlet stack (see CacheFront).
                server.insertHandler(new CacheFront(cache));
                // Outermost: stopping waits for running requests (up to the shutdown timeout),
                // and every request is timed and logged.
                server.insertHandler(new GracefulHandler());
                server.insertHandler(new RequestMetrics(metrics.registry(), metrics.enabled()));
                server.setStopTimeout(settings.operations().shutdownTimeout().toMillis());
                Probes.bind(metrics, server, cache);
              });
          if (!settings.operations().trustedProxies().isEmpty()) {
            config.jetty.modifyHttpConfiguration(
                http ->
                    http.addCustomizer(new TrustedProxies(settings.operations().trustedProxies())));
          }
          config.routes.after(RequestMetrics::route);
          // Bounded bodies, slow clients cut off, unreadable bodies refused (before any handler).
          RequestLimits.apply(config);
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
          config.routes.before(guard::load);
          // The signed-in reader's name, menu and flash on every page this request renders.
          config.routes.before(
              ctx -> Templates.enter(guard.frame(ctx, community.followNews()::count)));
          config.routes.after(ctx -> guard.flashShown(ctx, Templates.leave()));
          routes(config.routes, pages, papers, communityApi);
          digestRoutes(config.routes, digestPages);
          forYouRoutes(config.routes, forYouPages);
          config.routes.get(Routes.HEALTH_READY, probes::ready);
          config.routes.get(Routes.METRICS, probes::metrics);
          config.routes.get(Routes.INDEX_COPY, ctx -> indexCopy(ctx, search));
          config.routes.get(
              Routes.ADMIN_SOURCES, new SourcesPages(scheduler, templates, clock)::sources);
          config.routes.get(Routes.HOME, listPages::home);
          // Lists before PAPER: the first matching route wins and PAPER's <id> matches date/… too.
          config.routes.get(Routes.DAY_PICK, listPages::pickDay);
          config.routes.get(Routes.DAY, listPages::day);
          config.routes.get(Routes.WEEK, listPages::week);
          config.routes.get(Routes.MONTH, listPages::month);
          config.routes.get(Routes.TRENDING, listPages::trending);
          config.routes.get(Routes.PAPER, papers::paper);
          config.routes.get(Routes.SEARCH, searchPages::search);
          config.routes.get(Routes.FEED, feeds::feed);
          config.routes.get(Routes.FEED_FOR_YOU, feeds::forYou);
          config.routes.get(Routes.API_DAILY_PAPERS, api::dailyPapers);
          config.routes.get(Routes.API_OPENAPI, api::openApi);
          config.routes.get(Routes.API_PAPERS, api::papers);
          config.routes.get(Routes.API_SEARCH, searchApi::search);
          config.routes.get(Routes.API_SIMILAR, searchApi::similar);
          // Last among the API routes: its <id> matches any path below /api/papers/.
          config.routes.get(Routes.API_PAPER, api::paper);
          // HEAD of a cached answer sends its GET headers (Javalin would answer a bare 200 for a
          // route that has only a GET handler). CacheFront answers HEAD the same way.
          config.routes.head(Routes.HOME, listPages::home);
          config.routes.head(Routes.DAY, listPages::day);
          config.routes.head(Routes.WEEK, listPages::week);
          config.routes.head(Routes.MONTH, listPages::month);
          config.routes.head(Routes.TRENDING, listPages::trending);
          config.routes.head(Routes.FEED, feeds::feed);
          config.routes.head(Routes.FEED_FOR_YOU, feeds::forYou);
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
                retryAfter(e, ctx);
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
              Period.BadPeriodException.class,
              (e, ctx) -> refuse(HttpProblem.badParameter(e.getMessage()), ctx, templates));
          config.routes.exception(HttpProblem.class, (e, ctx) -> refuse(e, ctx, templates));
          // Javalin's own refusals (a chunked body over the size limit, say) would otherwise be
          // plain text from Javalin's default handler, which matches them before Exception. A path
          // no route matches is left to the 404 error page above.
          config.routes.exception(
              HttpResponseException.class,
              (e, ctx) -> {
                if (e.getStatus() == 404) {
                  ctx.status(404);
                } else {
                  failed(e, ctx, templates);
                }
              });
          config.routes.exception(Exception.class, (e, ctx) -> failed(e, ctx, templates));
        });
  }

  /** Answers a request a handler failed on: a refusal when the client caused it, else a 500. */
  private static void failed(Exception e, Context ctx, Templates templates) {
    HttpProblem refused = RequestLimits.clientFailure(e);
    if (refused != null) {
      // The client's doing (a body cut off, too slow or too large): one quiet line.
      LOG.debug("{} {} refused: {}", ctx.method(), ctx.path(), e.toString());
      refuse(refused, ctx, templates);
      return;
    }
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    if (isApi(ctx)) {
      problem(
          ctx,
          new HttpProblem(500, "Server error", "The server failed; the error has been logged."));
    } else {
      templates.send(ctx, 500, "message.jte", MessagePage.serverError());
    }
  }

  /** Answers a refused request: a problem document under the API, an error page elsewhere. */
  private static void refuse(HttpProblem e, Context ctx, Templates templates) {
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
          ctx, e.status(), "message.jte", new MessagePage(e.title(), e.title(), e.detail()));
    }
  }

  private static void routes(
      RoutesConfig routes, CommunityPages pages, PaperPages papers, CommunityApi api) {
    routes.get(Routes.SIGN_IN, pages::signInForm);
    routes.post(Routes.SIGN_IN, pages::signIn);
    routes.get(Routes.VERIFY, pages::verifyForm);
    routes.post(Routes.VERIFY, pages::verify);
    routes.post(Routes.SIGN_OUT, pages::signOut);
    routes.get(Routes.ACCOUNT, pages::account);
    routes.get(Routes.ACCOUNT_EXPORT, pages::exportAccount);
    routes.get(Routes.MY_UPVOTES, pages::upvotes);
    routes.post(Routes.ACCOUNT, pages::rename);
    routes.get(Routes.SUBMIT, pages::submitForm);
    routes.post(Routes.SUBMIT, pages::submit);
    routes.get(Routes.SUBMISSIONS, pages::submissions);
    routes.post(Routes.CURATE, pages::curate);
    routes.post(Routes.PAPER_VOTE, pages::vote);
    routes.post(Routes.PAPER_COMMENTS, papers::comment);
    routes.post(Routes.COMMENT_PREVIEW, pages::previewComment);
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
    routes.post(Routes.ADMIN_COLLECTIONS, pages::adminCollection);
    routes.post(Routes.ADMIN_COLLECTION, pages::adminCollection);
    routes.get(Routes.ABOUT_TRENDING, pages::aboutTrending);
    routes.get(Routes.API_ME, api::me);
    routes.post(Routes.API_VOTE, api::vote);
    routes.post(Routes.API_COMMENTS, api::comment);
    routes.post(Routes.API_SUBMISSIONS, api::submit);
    routes.get(Routes.API_SUBMISSION, api::submission);
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
  }

  /**
   * Says when a rate-limited request may be tried again ({@code Retry-After}), if the refusal
   * knows.
   */
  static void retryAfter(CommunityException e, Context ctx) {
    // seconds, rounded up: trying again a moment early would be refused again
    e.retryAfter()
        .ifPresent(
            wait -> ctx.header("Retry-After", Long.toString((wait.toMillis() + 999) / 1000)));
  }

  private static void forYouRoutes(RoutesConfig routes, ForYouPages pages) {
    routes.get(Routes.FOR_YOU, pages::page);
    routes.get(Routes.API_FOR_YOU, pages::api);
    routes.post(Routes.FOR_YOU_INTERESTS, pages::interests);
    routes.post(Routes.MUTES, pages::mute);
    routes.post(Routes.LIST_SETTINGS, pages::listSettings);
    routes.get(Routes.FOLLOWS, pages::follows);
    routes.post(Routes.FOLLOWS, pages::follow);
    routes.get(Routes.FOLLOWS_NEW, pages::news);
    routes.post(Routes.FOLLOWS_NEW, pages::markNewsSeen);
    routes.get(Routes.AUTHOR, pages::author);
    routes.post(Routes.FOR_YOU_FEED_TOKEN, pages::feedToken);
    routes.get(Routes.FOLLOWS_OPML, pages::opml);
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
}
