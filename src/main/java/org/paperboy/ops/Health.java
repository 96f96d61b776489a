package org.paperboy.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The readiness of a running instance: named checks (the database answers a query, the search index
 * is open, the background jobs run, the data directory is writable with free space), each run on
 * demand and reported with its state, detail, time and duration. Ready when every check is up.
 */
public final class Health {

  /** One check: returns a short detail when all is well, throws when it is not. */
  @FunctionalInterface
  public interface Check {
    String run() throws Exception;
  }

  /**
   * One check's outcome.
   *
   * @param up whether the check passed
   * @param detail what it found, or why it failed
   * @param checkedAt when it ran
   * @param millis how long it took
   */
  public record Result(boolean up, String detail, Instant checkedAt, long millis) {}

  /** Every check's outcome, in the order the checks were added. */
  public record Report(boolean ready, Map<String, Result> checks) {}

  private final Map<String, Check> checks = new LinkedHashMap<>();
  private final Clock clock;

  public Health(Clock clock) {
    this.clock = clock;
  }

  /** Adds a named check. */
  public Health add(String name, Check check) {
    checks.put(name, check);
    return this;
  }

  /** Runs every check now. */
  public Report check() {
    Map<String, Result> out = new LinkedHashMap<>();
    boolean ready = true;
    for (Map.Entry<String, Check> e : checks.entrySet()) {
      Instant at = clock.instant();
      long started = System.nanoTime();
      Result r;
      try {
        r = new Result(true, e.getValue().run(), at, elapsed(started));
      } catch (Exception x) {
        String message = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage();
        r = new Result(false, message, at, elapsed(started));
      }
      ready &= r.up();
      out.put(e.getKey(), r);
    }
    return new Report(ready, out);
  }

  private static long elapsed(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /**
   * A check that every job runs: up with "none" when the process runs no jobs (a command, or a site
   * started without them), down naming the jobs that stopped.
   */
  public static Check jobs(List<? extends Job> jobs) {
    return () -> {
      if (jobs.isEmpty()) {
        return "no background jobs in this process";
      }
      List<String> stopped = jobs.stream().filter(j -> !j.running()).map(Job::name).toList();
      if (!stopped.isEmpty()) {
        throw new IllegalStateException("not running: " + String.join(", ", stopped));
      }
      return "running: " + String.join(", ", jobs.stream().map(Job::name).toList());
    };
  }
}
