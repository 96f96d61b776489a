package org.paperboy.digest;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.community.RateLimiter;
import org.paperboy.community.Secrets;
import org.paperboy.community.Votes;
import org.paperboy.foryou.ForYou;
import org.paperboy.lists.Lists;
import org.paperboy.mail.Mailer;
import org.paperboy.ops.BackgroundTask;
import org.paperboy.paper.Catalog;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.StoredVectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digest service: subscriptions, the schedule, and runs that plan, compose and send.
 *
 * <p>A run for a period ({@link #run}) has three steps, each safe to repeat and to run on several
 * nodes at once: plan (one outbox row per confirmed subscriber, once per period), compose (choose
 * each digest's papers and store them with the row), send (work the READY rows). The schedule
 * ({@link #start}) checks every minute for the latest daily and weekly period that is due; a period
 * is planned once, so after downtime the missed digest goes out once (older missed periods are not
 * sent: yesterday's news is not worth a mail), and then finishes any work left in the outbox (a
 * crashed run, retries that came due).
 */
public final class Digests implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Digests.class);

  /** Subscribers composed per transaction. */
  static final int COMPOSE_CHUNK = 500;

  /** How long a composing claim holds its rows. */
  static final Duration COMPOSE_LEASE = Duration.ofMinutes(10);

  /**
   * What a run did.
   *
   * @param planned the outbox rows written for the period, or -1 when it was planned before
   */
  public record Report(
      String period,
      int planned,
      int composed,
      int empty,
      int sent,
      int retried,
      int bounced,
      int failed,
      long composeMillis,
      long sendMillis) {}

  /**
   * One subscriber's digest as a run now would send it.
   *
   * @param status where the period's digest to this subscriber stands when the period was planned
   *     before (SENT: already sent, nothing more goes out; PENDING: still to be composed, as
   *     shown), or null when a run now would plan it
   */
  public record Preview(
      String email,
      String subject,
      List<String> trending,
      List<String> picks,
      OutboxStatus status) {}

  private final Jdbi jdbi;
  private final Subscriptions subscriptions;
  private final ManageTokens tokens;
  private final Outbox outbox;
  private final DigestComposer composer;
  private final DigestSender sender;
  private final DigestOptions config;
  private final Clock clock;
  private final String node;
  private ScheduledExecutorService scheduler;
  private final java.util.concurrent.atomic.AtomicLong ticksSucceeded =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong ticksFailed =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile java.time.Instant lastTick;

  private Digests(
      Jdbi jdbi,
      Catalog catalog,
      Lists lists,
      Supplier<PaperSearch> search,
      StoredVectors stored,
      Mailer mailer,
      Votes votes,
      RateLimiter limiter,
      DigestOptions options,
      Clock clock,
      ForYou forYou) {
    this.jdbi = jdbi;
    this.config = options;
    this.clock = clock;
    this.tokens = ManageTokens.load(options.keyFile());
    this.subscriptions = new Subscriptions(jdbi, limiter, mailer, options.baseUrl(), tokens, clock);
    this.outbox = new Outbox(jdbi);
    this.composer =
        new DigestComposer(
            jdbi, catalog, lists, search, stored, options.time(), options.zone(), clock, forYou);
    this.sender =
        new DigestSender(
            outbox,
            tokens,
            mailer,
            catalog,
            votes,
            new DigestMail(options.base(), options.unsubscribeMailto()),
            key -> DigestPeriod.parse(key, options.weeklyDay()),
            options.ratePerSecond(),
            options.connections(),
            options.firstBackoff(),
            clock);
    this.node = nodeName();
  }

  /**
   * The digest service on the database behind {@code jdbi} and the catalog; the trending papers and
   * what curators hid come from {@code lists}; {@code search} (giving null when there is none)
   * gives the vectors for "picked for you", and {@code stored} (or null) gives them from the
   * database when there is no index here; mail goes through {@code mailer}; upvotes in the mails
   * are counted by {@code votes} and the subscribe form limited by {@code limiter}; a subscriber
   * with an account is ranked by {@code forYou} (null: by the taste alone, as without account),
   * their follows bringing their papers into the digest.
   */
  public static Digests create(
      Jdbi jdbi,
      Catalog catalog,
      Lists lists,
      Supplier<PaperSearch> search,
      StoredVectors stored,
      Mailer mailer,
      Votes votes,
      RateLimiter limiter,
      DigestOptions options,
      Clock clock,
      ForYou forYou) {
    return new Digests(
        jdbi, catalog, lists, search, stored, mailer, votes, limiter, options, clock, forYou);
  }

  /** The subscriptions. */
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  /** The period a digest key such as {@code daily:2026-06-30} names. */
  public DigestPeriod period(String key) {
    return DigestPeriod.parse(key, config.weeklyDay());
  }

  /** The latest period of each frequency that is due now. */
  public List<DigestPeriod> duePeriods() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(config.zone()));
    List<DigestPeriod> out = new ArrayList<>();
    return List.of(
        DigestPeriod.latestDaily(now, config.time()),
        DigestPeriod.latestWeekly(now, config.time(), config.weeklyDay()));
  }

  /**
   * One run for a period: plans it (unless planned before), composes what is pending, sends what is
   * due. Safe to repeat and to run on several nodes at once.
   */
  public Report run(DigestPeriod period) {
    int planned = outbox.plan(period, clock.millis());
    long t0 = System.nanoTime();
    int[] composed = compose();
    long t1 = System.nanoTime();
    DigestSender.Sent sent = sender.sendDue(node);
    long t2 = System.nanoTime();
    return new Report(
        period.key(),
        planned,
        composed[0],
        composed[1],
        sent.sent(),
        sent.retried(),
        sent.bounced(),
        sent.failed(),
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000);
  }

  /**
   * Embeds the topics of confirmed subscriptions that have no vector from the current model (new or
   * changed subscriptions, or a new model), so composing a digest only compares vectors. Returns
   * how many were embedded.
   */
  public int embedTopics() {
    List<String> ids =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT id FROM subscriptions WHERE state = 'CONFIRMED' AND topics <> ''"
                            + " AND (topic_vector IS NULL OR topic_model IS NULL OR topic_model <>"
                            + " :m) ORDER BY id")
                    .bind("m", composer.model())
                    .mapTo(String.class)
                    .list());
    int n = 0;
    for (List<String> chunk : DigestComposer.chunks(ids)) {
      n += composer.embedTopics(DigestComposer.subscriptions(jdbi, tokens, chunk));
    }
    return n;
  }

  /** Plans the due periods and works the outbox; what the schedule does every minute. */
  public List<Report> tick() {
    embedTopics();
    List<Report> out = new ArrayList<>();
    for (DigestPeriod p : duePeriods()) {
      if (!outbox.planned(p)) {
        Report r = run(p);
        LOG.info(
            "Digest {}: {} subscribers, {} composed ({} empty), {} sent, {} to retry, {} bounced",
            r.period(),
            r.planned(),
            r.composed(),
            r.empty(),
            r.sent(),
            r.retried(),
            r.bounced());
        out.add(r);
      }
    }
    // Work left from earlier runs: a crashed node's leases, retries that came due.
    int[] composed = compose();
    DigestSender.Sent sent = sender.sendDue(node);
    if (composed[0] + sent.sent() + sent.retried() + sent.bounced() + sent.failed() > 0) {
      LOG.info(
          "Digest outbox: {} composed, {} sent, {} to retry, {} bounced, {} failed",
          composed[0],
          sent.sent(),
          sent.retried(),
          sent.bounced(),
          sent.failed());
    }
    return out;
  }

  /**
   * What a run for the period would send, without writing or sending anything: each confirmed
   * subscriber of its frequency with the papers chosen. For a period planned before, what a run
   * would do with it now: the digests already composed or sent with their papers and state (a run
   * sends none of them again), and those still to compose as they would be composed; subscribers
   * who confirmed after the planning are not in it, as in a real run.
   */
  public List<Preview> dryRun(DigestPeriod period) {
    DigestComposer.Context ctx = composer.context(period);
    String subject = DigestMail.subject(period);
    List<Preview> out = new ArrayList<>();
    if (outbox.planned(period)) {
      List<Outbox.Planned> planned = outbox.plannedRows(period);
      Map<String, Subscription> pending = new java.util.HashMap<>();
      for (List<Outbox.Planned> chunk : DigestComposer.chunks(planned)) {
        List<String> ids =
            chunk.stream()
                .filter(r -> r.row().trending() == null)
                .map(Outbox.Planned::subscriptionId)
                .toList();
        DigestComposer.subscriptions(jdbi, tokens, ids).forEach(s -> pending.put(s.id(), s));
      }
      Map<String, DigestComposer.Profile> profiles =
          composer.profiles(ctx, List.copyOf(pending.values()));
      for (Outbox.Planned r : planned) {
        if (pending.containsKey(r.subscriptionId())) {
          DigestComposer.Choice c = DigestComposer.choose(ctx, profiles.get(r.subscriptionId()));
          out.add(new Preview(r.email(), subject, c.trending(), c.picks(), r.status()));
        } else {
          out.add(
              new Preview(
                  r.email(), subject, r.row().trendingIds(), r.row().pickIds(), r.status()));
        }
      }
      return out;
    }
    List<String> ids =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT id FROM subscriptions WHERE state = 'CONFIRMED' AND frequency = :f"
                            + " ORDER BY email")
                    .bind("f", period.frequency().name())
                    .mapTo(String.class)
                    .list());
    for (List<String> chunk : DigestComposer.chunks(ids)) {
      List<Subscription> subs = DigestComposer.subscriptions(jdbi, tokens, chunk);
      Map<String, DigestComposer.Profile> profiles = composer.profiles(ctx, subs);
      for (Subscription s : subs) {
        DigestComposer.Choice c = DigestComposer.choose(ctx, profiles.get(s.id()));
        out.add(new Preview(s.email(), subject, c.trending(), c.picks(), null));
      }
    }
    out.sort(java.util.Comparator.comparing(Preview::email));
    return out;
  }

  /** Outbox rows by status, for one period or all (null). */
  public Map<OutboxStatus, Integer> outboxCounts(String period) {
    return outbox.counts(period);
  }

  /** The last delivery attempts, newest first, for the admin page. */
  public List<Attempt> recentAttempts(int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT a.at, s.email, o.period, a.attempt, a.outcome, a.smtp_code, a.detail"
                        + " FROM digest_attempts a JOIN digest_outbox o ON o.id = a.outbox_id JOIN"
                        + " subscriptions s ON s.id = o.subscription_id ORDER BY a.at DESC LIMIT"
                        + " :n")
                .bind("n", limit)
                .map(
                    (rs, ctx) ->
                        new Attempt(
                            java.time.Instant.ofEpochMilli(rs.getLong(1)),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getString(5),
                            rs.getObject(6) == null ? null : rs.getInt(6),
                            rs.getString(7)))
                .list());
  }

  /** One delivery attempt. */
  public record Attempt(
      java.time.Instant at,
      String email,
      String period,
      int attempt,
      String outcome,
      Integer smtpCode,
      String detail) {}

  /** Starts the schedule: a check every minute, on one background thread. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = BackgroundTask.scheduler("paperboy-digests");
    // A failed run is logged and counted; the next check is a minute later.
    scheduler.scheduleWithFixedDelay(
        new BackgroundTask("Digest run", this::tickCounted), 5, 60, TimeUnit.SECONDS);
  }

  /** One scheduled check, counted for health and metrics; a failure goes on to the task. */
  private void tickCounted() {
    try {
      tick();
      ticksSucceeded.incrementAndGet();
      lastTick = clock.instant();
    } catch (RuntimeException e) {
      ticksFailed.incrementAndGet();
      throw e;
    }
  }

  /**
   * Composes every PENDING digest (and any whose composing node died); returns {composed, empty}.
   */
  private int[] compose() {
    int composed = 0;
    int empty = 0;
    Map<String, DigestComposer.Context> contexts = new java.util.HashMap<>();
    while (true) {
      List<Outbox.Row> rows =
          outbox.claim(
              OutboxStatus.PENDING,
              OutboxStatus.COMPOSING,
              node,
              COMPOSE_CHUNK,
              clock.millis(),
              COMPOSE_LEASE);
      if (rows.isEmpty()) {
        return new int[] {composed, empty};
      }
      List<Subscription> subs =
          DigestComposer.subscriptions(
              jdbi, tokens, rows.stream().map(Outbox.Row::subscriptionId).toList());
      Map<String, Subscription> byId = new java.util.HashMap<>();
      subs.forEach(s -> byId.put(s.id(), s));
      Map<String, List<Outbox.Row>> byPeriod = new java.util.LinkedHashMap<>();
      rows.forEach(r -> byPeriod.computeIfAbsent(r.period(), k -> new ArrayList<>()).add(r));
      for (Map.Entry<String, List<Outbox.Row>> e : byPeriod.entrySet()) {
        DigestComposer.Context ctx =
            contexts.computeIfAbsent(e.getKey(), k -> composer.context(period(k)));
        List<Subscription> periodSubs =
            e.getValue().stream().map(r -> byId.get(r.subscriptionId())).toList();
        Map<String, DigestComposer.Profile> profiles = composer.profiles(ctx, periodSubs);
        long now = clock.millis();
        int[] counts =
            jdbi.inTransaction(
                h -> {
                  int c = 0;
                  int em = 0;
                  for (Outbox.Row r : e.getValue()) {
                    DigestComposer.Choice choice =
                        DigestComposer.choose(ctx, profiles.get(r.subscriptionId()));
                    if (Outbox.composed(
                        h, r, node, choice.trending(), choice.picks(), choice.reasons(), now)) {
                      c++;
                      if (choice.empty()) {
                        em++;
                      }
                    }
                  }
                  return new int[] {c, em};
                });
        composed += counts[0];
        empty += counts[1];
      }
    }
  }

  /** Whether the schedule runs: started and not stopped. */
  public synchronized boolean running() {
    return scheduler != null && !scheduler.isShutdown();
  }

  /** Scheduled runs that ended well since {@link #start}. */
  public long runsSucceeded() {
    return ticksSucceeded.get();
  }

  /** Scheduled runs that failed since {@link #start}. */
  public long runsFailed() {
    return ticksFailed.get();
  }

  /** When a scheduled run last ended well, or null. */
  public java.time.Instant lastSuccess() {
    return lastTick;
  }

  /** What {@link #purge} deleted, per table. */
  public record Purged(int attempts, int papers, int outbox, int runs) {
    public int total() {
      return attempts + papers + outbox + runs;
    }
  }

  /**
   * Deletes what is older than {@code retention}: delivery attempts, finished outbox rows (sent,
   * empty, failed, bounced or cancelled) and planned periods; and the papers sent to each
   * subscriber once older than both {@code retention} and {@link DigestComposer#SENT_MEMORY}, the
   * time "never the same paper twice" looks back (a paper is a candidate only in the periods it was
   * listed or published in, so it cannot come back after that). An outbox row stays while papers of
   * it are kept, and a period while rows of it are. Each is one DELETE by an indexed time, safe on
   * several nodes at once; housekeeping runs it daily.
   */
  public Purged purge(java.time.Duration retention) {
    long now = clock.millis();
    long cutoff = now - retention.toMillis();
    long papersCutoff = now - Math.max(retention.toMillis(), DigestComposer.SENT_MEMORY.toMillis());
    return jdbi.withHandle(
        h -> {
          int attempts =
              h.createUpdate("DELETE FROM digest_attempts WHERE at < :c")
                  .bind("c", cutoff)
                  .execute();
          int papers =
              h.createUpdate("DELETE FROM digest_papers WHERE created_at < :c")
                  .bind("c", papersCutoff)
                  .execute();
          int outbox =
              h.createUpdate(
                      "DELETE FROM digest_outbox WHERE created_at < :c AND status IN ('SENT',"
                          + " 'EMPTY', 'FAILED', 'BOUNCED', 'CANCELLED') AND NOT EXISTS (SELECT 1"
                          + " FROM digest_papers p WHERE p.outbox_id = digest_outbox.id)")
                  .bind("c", cutoff)
                  .execute();
          int runs =
              h.createUpdate(
                      "DELETE FROM digest_runs WHERE planned_at < :c AND NOT EXISTS (SELECT 1"
                          + " FROM digest_outbox o WHERE o.period = digest_runs.period)")
                  .bind("c", cutoff)
                  .execute();
          return new Purged(attempts, papers, outbox, runs);
        });
  }

  /** One digest as the admin page lists it. */
  public record Sent(
      String id,
      java.time.Instant at,
      String email,
      String period,
      String subject,
      OutboxStatus status,
      int papers,
      int attempts) {}

  /**
   * The latest digests of every node, newest first (by when they were sent, or else planned), from
   * the outbox in the database: what the admin page lists.
   */
  public List<Sent> recentDigests(int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT o.id, COALESCE(o.sent_at, o.created_at), s.email, o.period, o.status,"
                        + " o.trending, o.picks, o.attempts FROM digest_outbox o JOIN subscriptions"
                        + " s ON s.id = o.subscription_id ORDER BY COALESCE(o.sent_at,"
                        + " o.created_at) DESC, o.id LIMIT :n")
                .bind("n", limit)
                .map(
                    (rs, ctx) -> {
                      Outbox.Row row =
                          new Outbox.Row(null, null, null, 0, rs.getString(6), rs.getString(7));
                      return new Sent(
                          rs.getString(1),
                          java.time.Instant.ofEpochMilli(rs.getLong(2)),
                          rs.getString(3),
                          rs.getString(4),
                          DigestMail.subject(period(rs.getString(4))),
                          OutboxStatus.valueOf(rs.getString(5)),
                          row.trendingIds().size() + row.pickIds().size(),
                          rs.getInt(8));
                    })
                .list());
  }

  /** Delivery attempts recorded so far, by outcome ({@code SENT}, {@code RETRY}, ...). */
  public Map<String, Long> deliveryCounts() {
    Map<String, Long> out = new java.util.TreeMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT outcome, COUNT(*) FROM digest_attempts GROUP BY outcome")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  /**
   * Stops the schedule, waiting up to {@link #STOP_WAIT} for a run in progress (it is interrupted),
   * then hands back the rows this node holds under a lease, so another node, or this one after a
   * restart, takes them at once rather than when the lease runs out.
   */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
    int released = outbox.releaseAll(node);
    if (released > 0) {
      LOG.info("Handed back {} leased digests for the next run", released);
    }
  }

  /** How long {@link #close} waits for a run in progress before handing its rows back. */
  static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(10);

  /** This process's name in leases and attempts: host, pid and a random part. */
  private static String nodeName() {
    String jvm = ManagementFactory.getRuntimeMXBean().getName();
    return jvm + "/" + Secrets.id().substring(0, 6);
  }

  /**
   * Moves the papers already sent to each subscriber from a local paper to the arXiv paper the
   * catalog merges it into, so a merged paper is not sent again as new (pass to {@link
   * Catalog#onAbsorb}).
   */
  public static void moveSentPapers(Handle h, String fromId, String toId) {
    Catalog.moveRows(h, "digest_papers", "subscription_id", fromId, toId);
    h.createUpdate("DELETE FROM digest_papers WHERE paper_id = :from")
        .bind("from", fromId)
        .execute();
  }
}
