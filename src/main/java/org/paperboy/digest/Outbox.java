package org.paperboy.digest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The digest outbox in the database. Rows are written before anything is sent ({@link #plan}),
 * taken by one node at a time under a lease ({@link #claim}), and moved on by conditional updates
 * that name the node holding the lease, so two nodes never work the same row, and a node that
 * crashed mid-work leaves rows another node picks up once the lease runs out.
 *
 * <p>The one window this cannot close is a crash after the mail server accepted a message and
 * before the row says so: the digest is then sent again when the lease runs out. Such a resend
 * carries the same {@code Message-ID} (derived from the row), which lets receiving systems drop it;
 * the window is one SMTP reply long.
 */
final class Outbox {

  /** A row taken for composing or sending. */
  record Row(
      String id,
      String subscriptionId,
      String period,
      int attempts,
      String trending,
      String picks,
      String pickReasons) {

    Row(
        String id,
        String subscriptionId,
        String period,
        int attempts,
        String trending,
        String picks) {
      this(id, subscriptionId, period, attempts, trending, picks, null);
    }

    /** Why each pick is there, by paper id (none for a digest composed without reasons). */
    Map<String, List<String>> reasons() {
      Map<String, List<String>> out = new java.util.HashMap<>();
      if (pickReasons != null) {
        for (String line : pickReasons.split("\n")) {
          String[] parts = line.split("\t");
          if (parts.length > 1) {
            out.put(parts[0], List.of(parts).subList(1, parts.length));
          }
        }
      }
      return out;
    }

    /** Reasons as {@link #reasons} reads them. */
    static String reasons(Map<String, List<String>> reasons) {
      StringBuilder s = new StringBuilder();
      reasons.forEach(
          (id, why) -> {
            s.append(id);
            why.forEach(w -> s.append('\t').append(w.replaceAll("[\\t\\r\\n]+", " ")));
            s.append('\n');
          });
      return s.length() == 0 ? null : s.toString();
    }

    List<String> trendingIds() {
      return ids(trending);
    }

    List<String> pickIds() {
      return ids(picks);
    }

    private static List<String> ids(String s) {
      return s == null || s.isBlank() ? List.of() : Arrays.asList(s.split(" "));
    }
  }

  private final Jdbi jdbi;

  Outbox(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Writes one PENDING row per confirmed subscriber of the period's frequency, once per period: the
   * period's row in {@code digest_runs} and the outbox rows are written in one transaction, and a
   * period planned before (by this or another node) is left alone. Returns the number of rows
   * written, or -1 when the period was planned already.
   */
  int plan(DigestPeriod period, long now) {
    return jdbi.inTransaction(
        h -> {
          int fresh =
              h.createUpdate(
                      "INSERT INTO digest_runs (period, planned_at, subscribers) VALUES (:p, :now,"
                          + " 0) ON CONFLICT (period) DO NOTHING")
                  .bind("p", period.key())
                  .bind("now", now)
                  .execute();
          if (fresh == 0) {
            return -1;
          }
          int rows =
              h.createUpdate(
                      "INSERT INTO digest_outbox (id, subscription_id, period, status, attempts,"
                          + " next_attempt_at, created_at) SELECT s.id || '.' || :pid, s.id, :p,"
                          + " 'PENDING', 0, :now, :now FROM subscriptions s WHERE s.state ="
                          + " 'CONFIRMED' AND s.frequency = :f ON CONFLICT (subscription_id,"
                          + " period) DO NOTHING")
                  .bind("pid", period.key().replace(':', '.'))
                  .bind("p", period.key())
                  .bind("f", period.frequency().name())
                  .bind("now", now)
                  .execute();
          h.createUpdate("UPDATE digest_runs SET subscribers = :n WHERE period = :p")
              .bind("n", rows)
              .bind("p", period.key())
              .execute();
          return rows;
        });
  }

  /** A planned digest as it stands: its subscriber, state and, once composed, its papers. */
  record Planned(String email, String subscriptionId, OutboxStatus status, Row row) {}

  /** The rows planned for a period, by subscriber address. */
  List<Planned> plannedRows(DigestPeriod period) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT s.email, o.id, o.subscription_id, o.period, o.attempts, o.trending,"
                        + " o.picks, o.status FROM digest_outbox o JOIN subscriptions s ON s.id ="
                        + " o.subscription_id WHERE o.period = :p ORDER BY s.email")
                .bind("p", period.key())
                .map(
                    (rs, ctx) ->
                        new Planned(
                            rs.getString(1),
                            rs.getString(3),
                            OutboxStatus.valueOf(rs.getString(8)),
                            new Row(
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getInt(5),
                                rs.getString(6),
                                rs.getString(7))))
                .list());
  }

  /** Whether the period was planned. */
  boolean planned(DigestPeriod period) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM digest_runs WHERE period = :p")
                    .bind("p", period.key())
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  /**
   * Takes up to {@code limit} rows in status {@code from} (due by {@code now}), or whose lease in
   * {@code holding} ran out, and leases them to {@code node} in status {@code holding}. Only rows
   * of confirmed subscribers are taken.
   */
  List<Row> claim(
      OutboxStatus from, OutboxStatus holding, String node, int limit, long now, Duration lease) {
    String takeable =
        "((status = :from AND next_attempt_at <= :now) OR (status = :holding AND lease_until <"
            + " :now))";
    // One statement, a write from its start: the rows are chosen and taken atomically. When two
    // nodes choose the same rows, the condition is checked again on each row as it is updated
    // (PostgreSQL re-reads a row another transaction changed; SQLite has one writer at a time),
    // so a row goes to one node only.
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "UPDATE digest_outbox SET status = :holding, lease_owner = :node, lease_until"
                        + " = :until WHERE id IN (SELECT o.id FROM digest_outbox o JOIN"
                        + " subscriptions s ON s.id = o.subscription_id WHERE "
                        + takeable
                            .replace("status", "o.status")
                            .replace("next_attempt_at", "o.next_attempt_at")
                            .replace("lease_until", "o.lease_until")
                        + " AND s.state = 'CONFIRMED' ORDER BY o.next_attempt_at, o.id LIMIT"
                        + " :limit) AND "
                        + takeable
                        + " RETURNING id, subscription_id, period, attempts, trending, picks,"
                        + " pick_reasons")
                .bind("from", from.name())
                .bind("holding", holding.name())
                .bind("node", node)
                .bind("until", now + lease.toMillis())
                .bind("now", now)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Row(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7)))
                .list());
  }

  /**
   * Stores a composed digest's papers and makes the row READY (EMPTY when it has none), recording
   * the papers so no later digest repeats them. Returns false when the node no longer holds the
   * row.
   */
  static boolean composed(
      Handle h,
      Row row,
      String node,
      List<String> trending,
      List<String> picks,
      Map<String, List<String>> reasons,
      long now) {
    boolean empty = trending.isEmpty() && picks.isEmpty();
    int n =
        h.createUpdate(
                "UPDATE digest_outbox SET status = :s, trending = :t, picks = :p, pick_reasons ="
                    + " :r, composed_at ="
                    + " :now, lease_owner = NULL, lease_until = NULL WHERE id = :id AND status ="
                    + " 'COMPOSING' AND lease_owner = :node")
            .bind("s", empty ? OutboxStatus.EMPTY.name() : OutboxStatus.READY.name())
            .bind("t", String.join(" ", trending))
            .bind("p", String.join(" ", picks))
            .bind("r", Row.reasons(reasons))
            .bind("now", now)
            .bind("id", row.id())
            .bind("node", node)
            .execute();
    if (n != 1) {
      return false;
    }
    if (!empty) {
      var batch =
          h.prepareBatch(
              "INSERT INTO digest_papers (subscription_id, paper_id, outbox_id, created_at)"
                  + " VALUES (:s, :p, :o, :now) ON CONFLICT (subscription_id, paper_id) DO"
                  + " NOTHING");
      for (List<String> ids : List.of(trending, picks)) {
        for (String id : ids) {
          batch
              .bind("s", row.subscriptionId())
              .bind("p", id)
              .bind("o", row.id())
              .bind("now", now)
              .add();
        }
      }
      batch.execute();
    }
    return true;
  }

  /**
   * Records one delivery attempt and moves the row on: to {@code status}, with the next attempt at
   * {@code nextAttempt} when it goes back to READY. Conditional on the node's lease.
   */
  void attempted(
      Row row,
      String node,
      OutboxStatus status,
      String outcome,
      int smtpCode,
      String detail,
      long now,
      long nextAttempt) {
    jdbi.useTransaction(
        h -> {
          int attempt = row.attempts() + 1;
          int n =
              h.createUpdate(
                      "UPDATE digest_outbox SET status = :s, attempts = :a, next_attempt_at = :next,"
                          + " last_error = :err, sent_at = :sent, lease_owner = NULL, lease_until"
                          + " = NULL WHERE id = :id AND status = 'SENDING' AND lease_owner = :node")
                  .bind("s", status.name())
                  .bind("a", attempt)
                  .bind("next", nextAttempt)
                  .bind("err", status == OutboxStatus.SENT ? null : detail)
                  .bind("sent", status == OutboxStatus.SENT ? Long.valueOf(now) : null)
                  .bind("id", row.id())
                  .bind("node", node)
                  .execute();
          if (n != 1) {
            return;
          }
          h.createUpdate(
                  "INSERT INTO digest_attempts (outbox_id, attempt, at, outcome, smtp_code, detail,"
                      + " node) VALUES (:id, :a, :now, :o, :c, :d, :node) ON CONFLICT (outbox_id,"
                      + " attempt) DO NOTHING")
              .bind("id", row.id())
              .bind("a", attempt)
              .bind("now", now)
              .bind("o", outcome)
              .bind("c", smtpCode < 0 ? null : Integer.valueOf(smtpCode))
              .bind("d", detail == null ? null : truncate(detail, 1000))
              .bind("node", node)
              .execute();
        });
  }

  /** Gives back the rows this node holds in SENDING, unattempted, for the next run. */
  void release(String node) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE digest_outbox SET status = 'READY', lease_owner = NULL, lease_until ="
                        + " NULL WHERE status = 'SENDING' AND lease_owner = :node")
                .bind("node", node)
                .execute());
  }

  /**
   * Gives back every row this node (or one of its sending workers) holds under a lease: SENDING
   * ones to READY, COMPOSING ones to PENDING. Returns how many. What a node does when it stops.
   */
  int releaseAll(String node) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE digest_outbox SET status = CASE status WHEN 'SENDING' THEN 'READY'"
                        + " ELSE 'PENDING' END, lease_owner = NULL, lease_until = NULL WHERE"
                        + " status IN ('SENDING', 'COMPOSING') AND (lease_owner = :node OR"
                        + " lease_owner LIKE :workers ESCAPE '\\')")
                .bind("node", node)
                // The sender's workers lease as node#0, node#1, ...
                .bind("workers", node.replace("%", "\\%").replace("_", "\\_") + "#%")
                .execute());
  }

  /** Cancels a subscriber's digests that were not sent yet (they unsubscribed or bounced). */
  static void cancelUnsent(Handle h, String subscriptionId, long now) {
    h.createUpdate(
            "UPDATE digest_outbox SET status = 'CANCELLED', lease_owner = NULL, lease_until = NULL"
                + " WHERE subscription_id = :s AND status IN ('PENDING', 'COMPOSING', 'READY')")
        .bind("s", subscriptionId)
        .execute();
  }

  /** How many rows of a period are in each status. */
  Map<OutboxStatus, Integer> counts(String period) {
    Map<OutboxStatus, Integer> out = new java.util.EnumMap<>(OutboxStatus.class);
    jdbi.useHandle(
        h -> {
          var q =
              h.createQuery(
                  "SELECT status, COUNT(*) FROM digest_outbox"
                      + (period == null ? "" : " WHERE period = :p")
                      + " GROUP BY status");
          if (period != null) {
            q.bind("p", period);
          }
          q.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
              .forEach(e -> out.put(OutboxStatus.valueOf(e.getKey()), e.getValue()));
        });
    return out;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
