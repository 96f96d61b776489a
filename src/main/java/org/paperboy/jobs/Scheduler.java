package org.paperboy.jobs;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs on their schedules, on any number of nodes, each run on exactly one node.
 *
 * <p>A run is a row of {@code job_runs} keyed by the job and its slot (its due time). A node takes
 * a run by inserting that row ({@code ON CONFLICT DO NOTHING}: the first insert wins on SQLite and
 * PostgreSQL alike) with a lease of {@link #LEASE}, renews the lease every {@link #TICK} while it
 * works, and records the outcome. Another node takes the run over only when the lease ran out (its
 * node died) or, when the run failed, after {@link #RETRY_AFTER}, at most {@value #MAX_ATTEMPTS}
 * attempts per slot; an interval job whose run failed also simply runs again in its next slot. A
 * failure is logged once: a run that fails like the job's previous run logs at debug level.
 *
 * <p>{@link #start} checks every {@link #TICK} on a background thread and runs the due jobs on
 * worker threads, so a slow or unreachable source never holds up the web server or another job;
 * {@link #runDue} does the same check on the caller's thread (the tests move a clock and call it).
 */
public final class Scheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** How often the background thread checks for due runs and renews its leases. */
  public static final Duration TICK = Duration.ofSeconds(30);

  /** How long a node holds a run without renewing it. */
  static final Duration LEASE = Duration.ofMinutes(5);

  /** How long after a failed attempt the same slot is tried again. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(15);

  /** Attempts per slot. */
  static final int MAX_ATTEMPTS = 4;

  /** How a run ended, or that it is under way. */
  public enum Outcome {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  /**
   * One run of a job as recorded.
   *
   * @param due the slot it ran for
   * @param node the node that ran it
   * @param finished when it ended, null while it runs
   */
  public record Run(
      String job,
      Instant due,
      String node,
      int attempts,
      Instant started,
      Instant finished,
      Outcome outcome,
      long added,
      long updated,
      String detail) {

    /** How long it took, or has taken so far. */
    public Duration took(Instant now) {
      return Duration.between(started, finished != null ? finished : now);
    }
  }

  /**
   * Where a job stands: what the Sources page, {@code paperboy jobs} and the health checks show.
   *
   * @param running whether this node is running it now
   * @param last its latest run on any node, if any
   * @param lastSuccess its latest successful run, if any
   * @param next when its next run is due
   * @param lag the time since its latest success ended (since now when there was none)
   * @param outcomes how many recorded runs ended (or are) in each outcome, on all nodes
   */
  public record JobState(
      String name,
      String description,
      String schedule,
      boolean running,
      Optional<Run> last,
      Optional<Run> lastSuccess,
      Instant next,
      Duration lag,
      Map<Outcome, Long> outcomes) {}

  private record Entry(String name, String description, Schedule schedule, Job job) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final String node;
  private final Map<String, Entry> jobs = new LinkedHashMap<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService ticker;
  private ExecutorService workers;

  /** A scheduler recording its runs in the database, taking time from the clock. */
  public Scheduler(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  }

  /** Adds a job; call before {@link #start}. */
  public synchronized Scheduler add(String name, String description, Schedule schedule, Job job) {
    if (jobs.putIfAbsent(name, new Entry(name, description, schedule, job)) != null) {
      throw new IllegalArgumentException("two jobs named " + name);
    }
    return this;
  }

  /** The names of the jobs, in the order they were added. */
  public synchronized List<String> names() {
    return List.copyOf(jobs.keySet());
  }

  /** Starts checking for due runs every {@link #TICK} on background threads. */
  public synchronized void start() {
    if (ticker != null) {
      return;
    }
    ticker = Executors.newSingleThreadScheduledExecutor(daemon("paperboy-scheduler"));
    workers = Executors.newCachedThreadPool(daemon("paperboy-job"));
    ExecutorService pool = workers;
    ticker.scheduleWithFixedDelay(
        () -> {
          try {
            renewLeases();
            for (Entry e : entries()) {
              if (!running.contains(e.name())) {
                pool.submit(() -> runIfDue(e));
              }
            }
          } catch (RuntimeException ex) {
            LOG.warn("Checking for due jobs failed; next check in {} s", TICK.toSeconds(), ex);
          }
        },
        0,
        TICK.toSeconds(),
        TimeUnit.SECONDS);
  }

  /** Runs, on this thread, every job whose current slot is due and not taken; returns them. */
  public List<Run> runDue() {
    List<Run> done = new ArrayList<>();
    for (Entry e : entries()) {
      runIfDue(e).ifPresent(done::add);
    }
    return done;
  }

  /**
   * Runs one job now, whatever its schedule ({@code paperboy jobs run NAME}); the run is recorded
   * like a scheduled one, under the current time.
   */
  public Run runNow(String name) {
    Entry e = entry(name);
    Instant now = clock.instant();
    return claim(e, now, now).map(attempts -> execute(e, now, attempts)).orElseThrow();
  }

  private Optional<Run> runIfDue(Entry e) {
    if (!running.add(e.name())) {
      return Optional.empty();
    }
    try {
      Instant now = clock.instant();
      Instant slot = e.schedule().slot(now);
      return claim(e, slot, now).map(attempts -> execute(e, slot, attempts));
    } catch (RuntimeException ex) {
      LOG.warn("Could not check job {}: {}", e.name(), ex.toString());
      return Optional.empty();
    } finally {
      running.remove(e.name());
    }
  }

  /** Takes the run of the slot for this node; the attempt number when it did. */
  private Optional<Integer> claim(Entry e, Instant slot, Instant now) {
    long t = now.toEpochMilli();
    long until = now.plus(LEASE).toEpochMilli();
    return jdbi.inTransaction(
        h -> {
          int inserted =
              h.createUpdate(
                      "INSERT INTO job_runs (job, run_key, node, attempts, started_at, lease_until,"
                          + " outcome) VALUES (:job, :key, :node, 1, :now, :until, 'RUNNING')"
                          + " ON CONFLICT (job, run_key) DO NOTHING")
                  .bind("job", e.name())
                  .bind("key", slot.toString())
                  .bind("node", node)
                  .bind("now", t)
                  .bind("until", until)
                  .execute();
          if (inserted == 1) {
            return Optional.of(1);
          }
          // The condition is checked again on the row as it is updated (PostgreSQL re-reads a row
          // another transaction changed; SQLite has one writer), so one node takes it over.
          return h.createQuery(
                  "UPDATE job_runs SET node = :node, attempts = attempts + 1, started_at = :now,"
                      + " lease_until = :until, finished_at = NULL, outcome = 'RUNNING'"
                      + " WHERE job = :job AND run_key = :key AND ((outcome = 'RUNNING' AND"
                      + " lease_until < :now) OR (outcome = 'FAILED' AND finished_at <= :retry"
                      + " AND attempts < :max)) RETURNING attempts")
              .bind("job", e.name())
              .bind("key", slot.toString())
              .bind("node", node)
              .bind("now", t)
              .bind("until", until)
              .bind("retry", t - RETRY_AFTER.toMillis())
              .bind("max", MAX_ATTEMPTS)
              .mapTo(Integer.class)
              .findOne();
        });
  }

  private Run execute(Entry e, Instant slot, int attempts) {
    Instant started = clock.instant();
    Outcome outcome;
    Job.Result result;
    try {
      result = e.job().run(slot);
      outcome = Outcome.SUCCEEDED;
      LOG.info("Job {} ({}): {}", e.name(), slot, result.detail());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      result = new Job.Result(0, 0, "interrupted (the node stopped)");
      outcome = Outcome.FAILED;
    } catch (Exception ex) {
      String why = ex.getMessage() != null ? ex.getMessage() : ex.toString();
      result = new Job.Result(0, 0, why);
      outcome = Outcome.FAILED;
      boolean sameAsBefore =
          previous(e.name(), slot)
              .filter(r -> r.outcome() == Outcome.FAILED && why.equals(r.detail()))
              .isPresent();
      if (sameAsBefore) {
        LOG.debug("Job {} ({}) failed again: {}", e.name(), slot, why, ex);
      } else {
        LOG.warn("Job {} ({}) failed, to be retried: {}", e.name(), slot, why, ex);
      }
    }
    Instant finished = clock.instant();
    Job.Result r = result;
    Outcome o = outcome;
    String detail = r.detail() == null ? "" : r.detail();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE job_runs SET finished_at = :at, outcome = :o, added = :a, updated = :u,"
                        + " detail = :d WHERE job = :job AND run_key = :key AND node = :node")
                .bind("at", finished.toEpochMilli())
                .bind("o", o.name())
                .bind("a", r.added())
                .bind("u", r.updated())
                .bind("d", detail.length() > 2000 ? detail.substring(0, 2000) : detail)
                .bind("job", e.name())
                .bind("key", slot.toString())
                .bind("node", node)
                .execute());
    return new Run(
        e.name(), slot, node, attempts, started, finished, o, r.added(), r.updated(), detail);
  }

  private void renewLeases() {
    long now = clock.millis();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE job_runs SET lease_until = :until WHERE node = :node AND outcome ="
                        + " 'RUNNING'")
                .bind("until", now + LEASE.toMillis())
                .bind("node", node)
                .execute());
  }

  /** Where each job stands. */
  public List<JobState> state() {
    Instant now = clock.instant();
    List<JobState> out = new ArrayList<>();
    for (Entry e : entries()) {
      Optional<Run> last = latest(e.name(), null);
      Optional<Run> success = latest(e.name(), Outcome.SUCCEEDED);
      Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
      for (Outcome o : Outcome.values()) {
        counts.put(o, 0L);
      }
      jdbi.useHandle(
          h ->
              h.createQuery(
                      "SELECT outcome, COUNT(*) FROM job_runs WHERE job = :job GROUP BY outcome")
                  .bind("job", e.name())
                  .map((rs, ctx) -> Map.entry(Outcome.valueOf(rs.getString(1)), rs.getLong(2)))
                  .forEach(c -> counts.put(c.getKey(), c.getValue())));
      out.add(
          new JobState(
              e.name(),
              e.description(),
              e.schedule().toString(),
              running.contains(e.name()),
              last,
              success,
              next(e, now),
              success.map(r -> Duration.between(r.finished(), now)).orElse(null),
              counts));
    }
    return out;
  }

  /** When the job's next run is due: now when its current slot has not run (or may retry). */
  private Instant next(Entry e, Instant now) {
    Instant slot = e.schedule().slot(now);
    Optional<Run> current = run(e.name(), slot);
    if (current.isEmpty()) {
      return slot;
    }
    Run r = current.get();
    if (r.outcome() == Outcome.FAILED && r.attempts() < MAX_ATTEMPTS) {
      Instant retry = r.finished().plus(RETRY_AFTER);
      Instant following = e.schedule().next(slot);
      return retry.isBefore(following) ? retry : following;
    }
    return e.schedule().next(slot);
  }

  /** The latest runs of a job, newest first. */
  public List<Run> history(String name, int limit) {
    entry(name);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM job_runs WHERE job = :job ORDER BY started_at"
                        + " DESC LIMIT :n")
                .bind("job", name)
                .bind("n", limit)
                .map((rs, ctx) -> readRun(rs))
                .list());
  }

  private static final String COLUMNS =
      "job, run_key, node, attempts, started_at, finished_at, outcome, added, updated, detail";

  private Optional<Run> latest(String job, Outcome outcome) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM job_runs WHERE job = :job"
                        + (outcome == null ? "" : " AND outcome = :o")
                        + " ORDER BY started_at DESC LIMIT 1")
                .bind("job", job)
                .bind("o", outcome == null ? "" : outcome.name())
                .map((rs, ctx) -> readRun(rs))
                .findOne());
  }

  private Optional<Run> run(String job, Instant slot) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM job_runs WHERE job = :job AND run_key = :k")
                .bind("job", job)
                .bind("k", slot.toString())
                .map((rs, ctx) -> readRun(rs))
                .findOne());
  }

  /** The run before the slot's, to tell a new failure from a repeated one. */
  private Optional<Run> previous(String job, Instant slot) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM job_runs WHERE job = :job AND run_key <> :k AND finished_at IS"
                        + " NOT NULL ORDER BY finished_at DESC LIMIT 1")
                .bind("job", job)
                .bind("k", slot.toString())
                .map((rs, ctx) -> readRun(rs))
                .findOne());
  }

  private static Run readRun(java.sql.ResultSet rs) throws java.sql.SQLException {
    long finished = rs.getLong(6);
    Instant end = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
    return new Run(
        rs.getString(1),
        Instant.parse(rs.getString(2)),
        rs.getString(3),
        rs.getInt(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        end,
        Outcome.valueOf(rs.getString(7)),
        rs.getLong(8),
        rs.getLong(9),
        rs.getString(10));
  }

  private synchronized List<Entry> entries() {
    return List.copyOf(jobs.values());
  }

  private synchronized Entry entry(String name) {
    Entry e = jobs.get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "no job named " + name + "; the jobs are " + String.join(", ", jobs.keySet()));
    }
    return e;
  }

  /**
   * Stops checking and interrupts running jobs; a run cut short is taken over once its lease ends.
   */
  @Override
  public synchronized void close() {
    if (ticker == null) {
      return;
    }
    ticker.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ticker = null;
    workers = null;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
