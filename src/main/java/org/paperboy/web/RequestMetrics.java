package org.paperboy.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost Jetty handler: times every request into {@code http_server_requests_seconds} (a
 * histogram per method, route template and status) and writes the access log line (method, route,
 * status, bytes, duration). The route is the template a handler serves ({@code /papers/{id}}), set
 * as a request attribute by Javalin's after-handler or by {@link CacheFront}; so neither the
 * metrics nor the log carry a raw path or a query string (which may hold an e-mail address or a
 * token).
 */
final class RequestMetrics extends Handler.Wrapper {

  /** The request attribute holding the route template that answered. */
  static final String ROUTE = "org.paperboy.route";

  /** Requests no route answered: 404s, Jetty's own error pages. */
  static final String UNMATCHED = "unmatched";

  private static final Logger ACCESS = LoggerFactory.getLogger("access");

  private final MeterRegistry registry;
  private final boolean timed;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  /** Times requests into the registry when {@code timed}; logs them either way. */
  RequestMetrics(MeterRegistry registry, boolean timed) {
    this.registry = registry;
    this.timed = timed;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long started = System.nanoTime();
    boolean handled =
        super.handle(
            request,
            response,
            new Callback.Nested(callback) {
              @Override
              public void succeeded() {
                done(request, response, started);
                super.succeeded();
              }

              @Override
              public void failed(Throwable x) {
                done(request, response, started);
                super.failed(x);
              }
            });
    if (!handled) {
      done(request, response, started);
    }
    return handled;
  }

  private void done(Request request, Response response, long started) {
    long nanos = System.nanoTime() - started;
    String method = request.getMethod();
    String route = route(request);
    int status = response.getStatus() == 0 ? 404 : response.getStatus();
    if (timed) {
      timers
          .computeIfAbsent(
              method + ' ' + route + ' ' + status,
              k ->
                  Timer.builder("http.server.requests")
                      .description("HTTP requests by method, route template and status")
                      .tags("method", method, "route", route, "status", Integer.toString(status))
                      .publishPercentileHistogram()
                      .register(registry))
          .record(nanos, TimeUnit.NANOSECONDS);
    }
    if (ACCESS.isInfoEnabled()) {
      long bytes = Response.getContentBytesWritten(response);
      double ms = nanos / 1e6;
      ACCESS
          .atInfo()
          .addKeyValue("method", method)
          .addKeyValue("route", route)
          .addKeyValue("status", status)
          .addKeyValue("bytes", bytes)
          .addKeyValue("ms", Math.round(ms * 10) / 10.0)
          .log("{} {} {} {} B {} ms", method, route, status, bytes, String.format("%.1f", ms));
    }
  }

  private static String route(Request request) {
    Object route = request.getAttribute(ROUTE);
    if (route != null) {
      return route.toString();
    }
    String path = request.getHttpURI().getPath();
    return path != null && path.startsWith(Routes.STATIC + "/") ? Routes.STATIC + "/*" : UNMATCHED;
  }

  /**
   * The route template Javalin matched for this request ({@link #UNMATCHED} when none did), set on
   * the request for the log and the metrics.
   */
  static String route(Context ctx) {
    Object set = ctx.attribute(ROUTE);
    if (set != null) {
      return set.toString();
    }
    var endpoint = ctx.endpoints().matchedHttpEndpoint();
    String route = endpoint == null ? UNMATCHED : endpoint.path;
    ctx.attribute(ROUTE, route);
    return route;
  }
}
