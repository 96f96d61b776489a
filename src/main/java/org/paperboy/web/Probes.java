package org.paperboy.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.paperboy.ops.Health;
import org.paperboy.ops.Metrics;

/**
 * What monitoring asks: readiness ({@link Routes#HEALTH_READY}) and Prometheus metrics ({@link
 * Routes#METRICS}, behind a bearer token when {@code PAPERBOY_METRICS_TOKEN} is set). Liveness is
 * answered by {@link CacheFront}.
 */
final class Probes {

  private static final JsonFactory JSON = new JsonFactory();

  private final Health health;
  private final Metrics metrics;
  private final String token;

  Probes(Health health, Metrics metrics, String token) {
    this.health = health;
    this.metrics = metrics;
    this.token = token;
  }

  /** Runs every check: 200 when all are up, 503 when one is not; each with state and time. */
  void ready(Context ctx) throws IOException {
    Health.Report report = health.check();
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", report.ready() ? "up" : "down");
      g.writeObjectFieldStart("checks");
      for (Map.Entry<String, Health.Result> e : report.checks().entrySet()) {
        Health.Result r = e.getValue();
        g.writeObjectFieldStart(e.getKey());
        g.writeStringField("status", r.up() ? "up" : "down");
        g.writeStringField("detail", r.detail());
        g.writeStringField("checkedAt", r.checkedAt().toString());
        g.writeNumberField("ms", r.millis());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    ctx.header("Cache-Control", "no-store");
    ctx.status(report.ready() ? 200 : 503).contentType("application/json").result(out.toString());
  }

  /** Every meter in Prometheus' text format; 404 with metrics off, 401 without the token. */
  void metrics(Context ctx) {
    if (!metrics.enabled()) {
      throw new HttpProblem(404, "Not found", "Metrics are off (PAPERBOY_METRICS=false).");
    }
    if (token != null && !authorized(ctx.header("Authorization"))) {
      // Answered here: a 401 elsewhere leads a browser to the sign-in page, a scraper needs this.
      ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
      HttpProblem.problem(
          ctx, new HttpProblem(401, "Unauthorized", "Metrics need the bearer token."));
      return;
    }
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(
        header.substring(7).strip().getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Publishes the web server's meters: Jetty's thread pool and connections, and the page cache's
   * hits, misses and size in bytes.
   */
  static void bind(Metrics metrics, Server server, ResponseCache cache) {
    MeterRegistry registry = metrics.registry();
    new JettyServerThreadPoolMetrics(server.getThreadPool(), List.of()).bindTo(registry);
    server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStarted(LifeCycle event) {
            JettyConnectionMetrics.addToAllConnectors(server, registry);
          }
        });
    FunctionCounter.builder("paperboy.page.cache.requests", cache, ResponseCache::hits)
        .tags("result", "hit")
        .description("Answers of cached lists, from the page cache or rendered")
        .register(registry);
    FunctionCounter.builder("paperboy.page.cache.requests", cache, ResponseCache::misses)
        .tags("result", "miss")
        .description("Answers of cached lists, from the page cache or rendered")
        .register(registry);
    Gauge.builder("paperboy.page.cache.size", cache, ResponseCache::bytes)
        .baseUnit("bytes")
        .description("Bytes the page cache's bodies take")
        .register(registry);
  }
}
