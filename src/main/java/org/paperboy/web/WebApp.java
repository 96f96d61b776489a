package org.paperboy.web;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
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
   * Everything is served from this origin: no CDN, no inline script. Forms and frames are
   * restricted too, since nothing here needs to be framed or to post elsewhere.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "strict-origin-when-cross-origin");

  private WebApp() {}

  /**
   * Builds the app on a catalog and its search index; the clock decides what "this year" is on
   * pages. The caller starts it ({@code start(port)}) and stops it.
   */
  public static Javalin create(Catalog catalog, PaperSearch search, Clock clock) {
    Templates templates = new Templates();
    DateLabels dates = new DateLabels(clock);
    DailyPages daily = new DailyPages(catalog, dates, templates);
    PaperPages papers = new PaperPages(catalog, search, dates, templates);
    SearchPages searchPages = new SearchPages(search, dates, templates);
    SearchApi searchApi = new SearchApi(search);
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          // Jetty answers requests it cannot parse (a malformed URI, say) before Javalin sees
          // them; its error page gets the same headers and never a stack trace.
          config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrorPage()));
          config.staticFiles.add(
              files -> {
                files.hostedPath = Routes.STATIC;
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "public, max-age=3600");
              });
          // Set before anything else runs, so static files and error pages carry them too.
          config.routes.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
          config.routes.get(Routes.HEALTH, ctx -> ctx.contentType("text/plain").result("ok"));
          config.routes.get(Routes.HOME, daily::latest);
          // DAY before PAPER: the first matching route wins and PAPER's <id> matches date/… too.
          config.routes.get(Routes.DAY, daily::day);
          config.routes.get(Routes.PAPER, papers::paper);
          config.routes.get(Routes.SEARCH, searchPages::search);
          config.routes.get(Routes.API_SEARCH, searchApi::search);
          config.routes.get(Routes.API_SIMILAR, searchApi::similar);
          config.routes.get(
              Routes.SUBSCRIBE,
              ctx -> templates.send(ctx, 200, "message.jte", MessagePage.subscribe()));
          config.routes.error(
              404,
              ctx -> {
                // Handlers that answer 404 with their own page (unknown paper, empty day) keep it.
                if (!Templates.rendered(ctx) && ctx.attribute(SearchApi.PROBLEM) == null) {
                  templates.send(ctx, 404, "message.jte", MessagePage.notFound());
                }
              });
          config.routes.exception(
              Exception.class,
              (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                templates.send(ctx, 500, "message.jte", MessagePage.serverError());
              });
        });
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
