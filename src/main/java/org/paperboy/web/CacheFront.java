package org.paperboy.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.paperboy.community.Sessions;

/**
 * A Jetty handler in front of Javalin that answers, from the {@link ResponseCache}, the requests
 * whose answer is already there, and the liveness probe ({@link Routes#HEALTH_LIVE}, {@link
 * Routes#HEALTH}). Everything else goes on to Javalin.
 *
 * <p>Why: a cached list costs a map lookup, yet through Javalin's servlet stack (servlet request
 * and response, session handler, regex matching of before-handlers and routes, the result stream
 * copied into a chunked response) the server spent about 75 µs of CPU per request for {@code
 * /health} or {@code /}, against 16–22 µs here (wrk on the Hugging Face days; see BENCHMARKS.md,
 * issue 4). On two cores shared with the clients, that is most of the difference.
 *
 * <p>What it answers is exactly what Javalin would: a GET or HEAD, without a session cookie (a
 * signed-in reader gets their own page from Javalin), whose raw path and query are the key under
 * which a handler stored the answer in the current generation ({@link ResponseCache#front}). So
 * parameters are still checked, and pages rendered, by the handlers: the first request for a URL
 * goes through Javalin, the next ones come here until the catalog, the community or the day
 * changes. The headers (security, CORS, {@code Vary}, ETag, Cache-Control) and the 304 and gzip
 * rules are those of {@link CachedAnswer}, shared with the handlers.
 */
final class CacheFront extends Handler.Wrapper {

  /** What {@link Routes#HEALTH} and {@link Routes#HEALTH_LIVE} answer: the process answers. */
  static final byte[] LIVE_BODY = "{\"status\":\"up\"}".getBytes(StandardCharsets.US_ASCII);

  private final ResponseCache cache;
  private final List<HttpField> healthFields;
  private final LongAdder answered = new LongAdder();

  CacheFront(ResponseCache cache) {
    this.cache = cache;
    List<HttpField> fields = new ArrayList<>();
    WebApp.edgeHeaders(Routes.HEALTH)
        .forEach((name, value) -> fields.add(new PreEncodedHttpField(name, value)));
    fields.add(new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    fields.add(new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store"));
    fields.add(new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, LIVE_BODY.length));
    this.healthFields = List.copyOf(fields);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    int tooLong = RequestLimits.tooLong(request);
    if (tooLong != 0) {
      // Refused where the path is known, through the error page, which writes a problem document
      // under the API.
      Response.writeError(request, response, callback, tooLong);
      return true;
    }
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!head && !"GET".equals(method)) {
      return super.handle(request, response, callback);
    }
    HttpURI uri = request.getHttpURI();
    String path = uri.getPath();
    if (Routes.HEALTH.equals(path) || Routes.HEALTH_LIVE.equals(path)) {
      request.setAttribute(RequestMetrics.ROUTE, path);
      healthFields.forEach(response.getHeaders()::add);
      answered.increment();
      response.write(true, head ? null : ByteBuffer.wrap(LIVE_BODY), callback);
      return true;
    }
    ResponseCache.Hit hit = signedIn(request) ? null : cached(path, uri.getQuery());
    if (hit == null) {
      return super.handle(request, response, callback);
    }
    request.setAttribute(RequestMetrics.ROUTE, hit.route());
    answered.increment();
    hit.answer().send(request, response, callback);
    return true;
  }

  private ResponseCache.Hit cached(String path, String query) {
    try {
      return cache.front(ResponseCache.requestKey(path, query));
    } catch (RuntimeException e) {
      // The database behind the catalog's change marker failed: let Javalin's handlers meet the
      // same failure, report it and answer with the site's error page.
      return null;
    }
  }

  /**
   * Whether the request carries a session cookie, valid or not (Javalin's {@link Guard} decides
   * which). Any mention of the cookie's name counts, so a false alarm only costs a trip through
   * Javalin.
   */
  private static boolean signedIn(Request request) {
    for (HttpField field : request.getHeaders()) {
      if (field.getHeader() == HttpHeader.COOKIE && field.getValue().contains(Sessions.COOKIE)) {
        return true;
      }
    }
    return false;
  }

  /** The cache it answers from. */
  ResponseCache cache() {
    return cache;
  }

  /** How many requests this handler answered itself, for tests. */
  long answered() {
    return answered.sum();
  }
}
