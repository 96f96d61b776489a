package org.paperboy.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The metrics of a running instance, kept in Micrometer's Prometheus registry and written as
 * Prometheus text for {@code /metrics}. With metrics off ({@code PAPERBOY_METRICS=false}) the
 * registry is a no-op one: meters cost nearly nothing and there is nothing to scrape.
 *
 * <p>Names follow Micrometer's conventions ({@code paperboy.search.latency}); the Prometheus
 * registry writes them as {@code paperboy_search_latency_seconds}.
 */
public final class Metrics implements AutoCloseable {

  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final JvmGcMetrics gc;

  private Metrics(boolean on) {
    if (on) {
      prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      registry = prometheus;
      new ClassLoaderMetrics().bindTo(registry);
      new JvmMemoryMetrics().bindTo(registry);
      gc = new JvmGcMetrics();
      gc.bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
    } else {
      prometheus = null;
      // Every meter is denied, so each one is a no-op that records nothing.
      registry = new SimpleMeterRegistry();
      registry.config().meterFilter(MeterFilter.deny());
      gc = null;
    }
  }

  /** Metrics kept and served. */
  public static Metrics on() {
    return new Metrics(true);
  }

  /** No metrics: {@link #enabled()} is false and {@link #scrape()} refuses. */
  public static Metrics off() {
    return new Metrics(false);
  }

  /** Whether metrics are kept and {@code /metrics} serves them. */
  public boolean enabled() {
    return prometheus != null;
  }

  /** The registry meters are added to. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format (version 0.0.4). */
  public String scrape() {
    if (prometheus == null) {
      throw new IllegalStateException("metrics are off");
    }
    return prometheus.scrape();
  }

  /**
   * Publishes each job's runs by outcome ({@code paperboy_job_runs_total{job,outcome}}) and the
   * seconds since its last success ({@code paperboy_job_since_last_success_seconds}, NaN before the
   * first).
   */
  public void jobs(List<? extends Job> jobs, Clock clock) {
    for (Job job : jobs) {
      FunctionCounter.builder("paperboy.job.runs", job, Job::succeeded)
          .tags("job", job.name(), "outcome", "success")
          .description("Runs of a background job by outcome")
          .register(registry);
      FunctionCounter.builder("paperboy.job.runs", job, Job::failed)
          .tags("job", job.name(), "outcome", "failure")
          .description("Runs of a background job by outcome")
          .register(registry);
      Gauge.builder("paperboy.job.since.last.success", job, j -> sinceLastSuccess(j, clock))
          .tags("job", job.name())
          .baseUnit("seconds")
          .description("Seconds since a background job last ended well")
          .register(registry);
      Gauge.builder("paperboy.job.running", job, j -> j.running() ? 1 : 0)
          .tags("job", job.name())
          .description("1 while a background job is scheduled")
          .register(registry);
    }
  }

  private static double sinceLastSuccess(Job job, Clock clock) {
    Instant last = job.lastSuccess();
    return last == null ? Double.NaN : Duration.between(last, clock.instant()).toMillis() / 1000.0;
  }

  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
