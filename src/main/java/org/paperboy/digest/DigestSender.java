package org.paperboy.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.community.Votes;
import org.paperboy.mail.MailBatch;
import org.paperboy.mail.MailException;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.Mailer;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the outbox: takes READY digests under a lease, writes each mail, sends it over a few SMTP
 * connections at once, at most {@code ratePerSecond} in all (all nodes together: the pace is kept
 * in the database, see {@link Pacer}), and records every attempt. A temporary failure (4xx, a relay
 * that is down) puts the digest back with exponential backoff, {@link #MAX_ATTEMPTS} times at most;
 * a permanent one (5xx) is a bounce: the digest is BOUNCED and the address suppressed. When the
 * relay cannot be reached at all, the rest of the batch is given back untried, so one outage costs
 * each digest one attempt, not one per message queued behind it.
 */
final class DigestSender {

  private static final Logger LOG = LoggerFactory.getLogger(DigestSender.class);

  /** Attempts before a digest is given up as FAILED. */
  static final int MAX_ATTEMPTS = 8;

  /** The longest wait between two attempts. */
  static final Duration MAX_BACKOFF = Duration.ofHours(4);

  /** Digests taken per claim. */
  static final int CHUNK = 200;

  /** How long a claim holds its rows; another node takes them over after. */
  static final Duration LEASE = Duration.ofMinutes(10);

  /** What one sending run did. */
  record Sent(int sent, int retried, int bounced, int failed) {
    Sent plus(Sent o) {
      return new Sent(sent + o.sent, retried + o.retried, bounced + o.bounced, failed + o.failed);
    }
  }

  private final Outbox outbox;
  private final ManageTokens tokens;
  private final Mailer mailer;
  private final Catalog catalog;
  private final Votes votes;
  private final DigestMail mail;
  private final Function<String, DigestPeriod> periods;
  private final double ratePerSecond;
  private final int connections;
  private final Duration backoff;
  private final Clock clock;

  DigestSender(
      Outbox outbox,
      ManageTokens tokens,
      Mailer mailer,
      Catalog catalog,
      Votes votes,
      DigestMail mail,
      Function<String, DigestPeriod> periods,
      double ratePerSecond,
      int connections,
      Duration backoff,
      Clock clock) {
    this.outbox = outbox;
    this.tokens = tokens;
    this.mailer = mailer;
    this.catalog = catalog;
    this.votes = votes;
    this.mail = mail;
    this.periods = periods;
    this.ratePerSecond = ratePerSecond;
    this.connections = Math.max(1, connections);
    this.backoff = backoff;
    this.clock = clock;
  }

  /**
   * Sends every due digest, as this node, over {@code connections} SMTP connections at once (each
   * worker claims its own rows under its own lease name); returns the counts.
   */
  Sent sendDue(String node) {
    Map<String, Paper> papers = new ConcurrentHashMap<>();
    Map<String, Integer> upvotes = new ConcurrentHashMap<>();
    Pacer pacer = new Pacer(outbox.jdbi(), ratePerSecond);
    if (connections == 1) {
      return work(node + "#0", papers, upvotes, pacer);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            connections,
            r -> {
              Thread t = new Thread(r, "paperboy-digest-sender");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Sent>> workers = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        String worker = node + "#" + i;
        workers.add(pool.submit(() -> work(worker, papers, upvotes, pacer)));
      }
      Sent total = new Sent(0, 0, 0, 0);
      for (Future<Sent> f : workers) {
        try {
          total = total.plus(f.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending digests", e);
    } finally {
      pool.shutdownNow();
      // Wait for the other workers, so none claims rows after this returns (a stopping node
      // hands back what it holds right after).
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One worker: claims READY digests and sends them on its own connection until none is left. */
  private Sent work(
      String owner, Map<String, Paper> papers, Map<String, Integer> upvotes, Pacer pacer) {
    Sent total = new Sent(0, 0, 0, 0);
    try (MailBatch batch = mailer.batch()) {
      while (true) {
        List<Outbox.Row> rows =
            outbox.claim(
                OutboxStatus.READY, OutboxStatus.SENDING, owner, CHUNK, clock.millis(), LEASE);
        if (rows.isEmpty()) {
          return total;
        }
        load(rows, papers, upvotes);
        Map<String, Subscription> subs = new HashMap<>();
        for (Subscription s :
            DigestComposer.subscriptions(
                outbox.jdbi(), tokens, rows.stream().map(Outbox.Row::subscriptionId).toList())) {
          subs.put(s.id(), s);
        }
        int sent = 0;
        int retried = 0;
        int bounced = 0;
        int failed = 0;
        for (Outbox.Row row : rows) {
          Subscription s = subs.get(row.subscriptionId());
          pacer.await();
          MailMessage m =
              mail.write(
                  s,
                  periods.apply(row.period()),
                  row.trendingIds(),
                  row.pickIds(),
                  row.reasons(),
                  papers,
                  upvotes,
                  "digest." + row.id());
          long now = clock.millis();
          try {
            batch.send(m);
            outbox.attempted(row, owner, OutboxStatus.SENT, "SENT", 250, null, now, now);
            sent++;
          } catch (MailException e) {
            if (e.permanent()) {
              outbox.attempted(
                  row,
                  owner,
                  OutboxStatus.BOUNCED,
                  "BOUNCED",
                  e.smtpCode(),
                  e.getMessage(),
                  now,
                  now);
              outbox
                  .jdbi()
                  .useTransaction(
                      h -> Subscriptions.suppress(h, s.id(), "bounced: " + e.getMessage(), now));
              bounced++;
              LOG.warn("Digest to {} bounced; address suppressed: {}", s.email(), e.getMessage());
            } else if (row.attempts() + 1 >= MAX_ATTEMPTS) {
              outbox.attempted(
                  row,
                  owner,
                  OutboxStatus.FAILED,
                  "FAILED",
                  e.smtpCode(),
                  e.getMessage(),
                  now,
                  now);
              failed++;
              LOG.warn(
                  "Digest {} failed {} times; giving up: {}",
                  row.id(),
                  MAX_ATTEMPTS,
                  e.getMessage());
            } else {
              long next = now + backoff(row.attempts() + 1).toMillis();
              outbox.attempted(
                  row, owner, OutboxStatus.READY, "RETRY", e.smtpCode(), e.getMessage(), now, next);
              retried++;
              if (e.smtpCode() < 0) {
                // The relay is unreachable: the rest would fail the same way. Give them back.
                outbox.release(owner);
                LOG.warn(
                    "Mail relay unreachable; {} digests wait for the next run: {}",
                    rows.size() - sent - retried - bounced - failed,
                    e.getMessage());
                return total.plus(new Sent(sent, retried, bounced, failed));
              }
            }
          }
        }
        total = total.plus(new Sent(sent, retried, bounced, failed));
      }
    }
  }

  /**
   * Spaces sends out to at most a rate per second across every worker of every node: the next free
   * send slot is one row of {@code send_pace}, which each send moves on by one interval in a single
   * conditional update ({@code next_slot = max(next_slot, now) + interval}, returning the slot it
   * took), then waits for its slot. The update is atomic on both engines (PostgreSQL locks the row,
   * SQLite has one writer), so no two sends anywhere get the same slot: the relay sees the rate the
   * operator set, whatever the number of nodes. This is a token bucket of depth one (no bursts
   * after a pause) costing one short statement per mail; slots are wall-clock microseconds, so the
   * nodes' clocks are assumed in step (NTP): a skewed clock delays, never doubles, sending.
   */
  static final class Pacer {
    private final Jdbi jdbi;
    private final long intervalMicros;

    Pacer(Jdbi jdbi, double ratePerSecond) {
      this.jdbi = jdbi;
      this.intervalMicros = ratePerSecond > 0 ? Math.max(1, (long) (1e6 / ratePerSecond)) : 0;
    }

    void await() {
      if (intervalMicros == 0) {
        return;
      }
      long now = nowMicros();
      long slot =
          jdbi.withHandle(
                  h ->
                      h.createQuery(
                              "UPDATE send_pace SET next_slot = (CASE WHEN next_slot > :now THEN"
                                  + " next_slot ELSE :now END) + :i WHERE name = 'digest'"
                                  + " RETURNING next_slot")
                          .bind("now", now)
                          .bind("i", intervalMicros)
                          .mapTo(Long.class)
                          .one())
              - intervalMicros;
      long wait = slot - nowMicros();
      if (wait > 0) {
        sleep(wait * 1000);
      }
    }

    /** Real time, not the service's clock: the pace is what the relay sees. */
    private static long nowMicros() {
      Instant t = Instant.now();
      return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }
  }

  /** The wait before attempt {@code n + 1} after {@code n} failed: base · 2^(n−1), capped. */
  Duration backoff(int failedAttempts) {
    long factor = 1L << Math.min(failedAttempts - 1, 20);
    Duration d = backoff.multipliedBy(factor);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private void load(
      List<Outbox.Row> rows, Map<String, Paper> papers, Map<String, Integer> upvotes) {
    Set<String> missing = new HashSet<>();
    for (Outbox.Row r : rows) {
      for (List<String> ids : List.of(r.trendingIds(), r.pickIds())) {
        for (String id : ids) {
          if (!papers.containsKey(id)) {
            missing.add(id);
          }
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    papers.putAll(catalog.findAll(missing));
    votes.counts(missing).forEach((id, u) -> upvotes.put(id, u.total()));
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
