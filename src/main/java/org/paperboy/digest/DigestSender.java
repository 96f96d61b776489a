package org.paperboy.digest;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
 * Works the outbox: takes READY digests under a lease, writes each mail, sends it on one SMTP
 * connection at most {@code ratePerSecond}, and records every attempt. A temporary failure (4xx, a
 * relay that is down) puts the digest back with exponential backoff, {@link #MAX_ATTEMPTS} times at
 * most; a permanent one (5xx) is a bounce: the digest is BOUNCED and the address suppressed. When
 * the relay cannot be reached at all, the rest of the batch is given back untried, so one outage
 * costs each digest one attempt, not one per message queued behind it.
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
  private final Mailer mailer;
  private final Catalog catalog;
  private final Votes votes;
  private final DigestMail mail;
  private final Function<String, DigestPeriod> periods;
  private final double ratePerSecond;
  private final Duration backoff;
  private final Clock clock;

  DigestSender(
      Outbox outbox,
      Mailer mailer,
      Catalog catalog,
      Votes votes,
      DigestMail mail,
      Function<String, DigestPeriod> periods,
      double ratePerSecond,
      Duration backoff,
      Clock clock) {
    this.outbox = outbox;
    this.mailer = mailer;
    this.catalog = catalog;
    this.votes = votes;
    this.mail = mail;
    this.periods = periods;
    this.ratePerSecond = ratePerSecond;
    this.backoff = backoff;
    this.clock = clock;
  }

  /** Sends every due digest, as this node; returns the counts. */
  Sent sendDue(String node) {
    Sent total = new Sent(0, 0, 0, 0);
    Map<String, Paper> papers = new HashMap<>();
    Map<String, Integer> upvotes = new HashMap<>();
    long intervalNanos = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
    long nextSlot = System.nanoTime();
    try (MailBatch batch = mailer.batch()) {
      while (true) {
        List<Outbox.Row> rows =
            outbox.claim(
                OutboxStatus.READY, OutboxStatus.SENDING, node, CHUNK, clock.millis(), LEASE);
        if (rows.isEmpty()) {
          return total;
        }
        load(rows, papers, upvotes);
        Map<String, Subscription> subs = new HashMap<>();
        for (Subscription s :
            DigestComposer.subscriptions(
                outbox.jdbi(), rows.stream().map(Outbox.Row::subscriptionId).toList())) {
          subs.put(s.id(), s);
        }
        int sent = 0;
        int retried = 0;
        int bounced = 0;
        int failed = 0;
        for (Outbox.Row row : rows) {
          Subscription s = subs.get(row.subscriptionId());
          if (intervalNanos > 0) {
            long wait = nextSlot - System.nanoTime();
            if (wait > 0) {
              sleep(wait);
            }
            nextSlot = Math.max(nextSlot, System.nanoTime() - intervalNanos) + intervalNanos;
          }
          MailMessage m =
              mail.write(
                  s,
                  periods.apply(row.period()),
                  row.trendingIds(),
                  row.pickIds(),
                  papers,
                  upvotes,
                  "digest." + row.id());
          long now = clock.millis();
          try {
            batch.send(m);
            outbox.attempted(row, node, OutboxStatus.SENT, "SENT", 250, null, now, now);
            sent++;
          } catch (MailException e) {
            if (e.permanent()) {
              outbox.attempted(
                  row,
                  node,
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
                  row, node, OutboxStatus.FAILED, "FAILED", e.smtpCode(), e.getMessage(), now, now);
              failed++;
              LOG.warn(
                  "Digest {} failed {} times; giving up: {}",
                  row.id(),
                  MAX_ATTEMPTS,
                  e.getMessage());
            } else {
              long next = now + backoff(row.attempts() + 1).toMillis();
              outbox.attempted(
                  row, node, OutboxStatus.READY, "RETRY", e.smtpCode(), e.getMessage(), now, next);
              retried++;
              if (e.smtpCode() < 0) {
                // The relay is unreachable: the rest would fail the same way. Give them back.
                outbox.release(node);
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
