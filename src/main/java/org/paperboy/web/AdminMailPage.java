package org.paperboy.web;

import java.util.List;

/**
 * The mail admin page.
 *
 * @param subscriptions subscription counts by state, in order
 * @param outbox digest outbox counts by status, in order
 * @param attempts the latest delivery attempts
 * @param digests the latest digests of every node, from the outbox in the database
 * @param smtp whether mail goes to an SMTP relay rather than each node's outbox folder
 * @param csrf the session's form token
 * @param notice what the last action did, or null
 */
public record AdminMailPage(
    List<Count> subscriptions,
    List<Count> outbox,
    List<AttemptRow> attempts,
    List<DigestRow> digests,
    boolean smtp,
    String csrf,
    String notice) {

  /** A label and a number. */
  public record Count(String label, int count) {}

  /** One delivery attempt. */
  public record AttemptRow(
      String at, String email, String period, int attempt, String outcome, String detail) {}

  /** One digest: when it was sent (or planned), to whom, its subject and state. */
  public record DigestRow(
      String at, String to, String subject, String status, int papers, int attempts) {}
}
