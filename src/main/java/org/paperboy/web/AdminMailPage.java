package org.paperboy.web;

import java.util.List;

/**
 * The mail admin page.
 *
 * @param subscriptions subscription counts by state, in order
 * @param outbox digest outbox counts by status, in order
 * @param attempts the latest delivery attempts
 * @param files the newest .eml files of the outbox folder (empty when mail goes to SMTP)
 * @param smtp whether mail goes to an SMTP relay rather than the folder
 * @param csrf the session's form token
 * @param notice what the last action did, or null
 */
public record AdminMailPage(
    List<Count> subscriptions,
    List<Count> outbox,
    List<AttemptRow> attempts,
    List<FileRow> files,
    boolean smtp,
    String csrf,
    String notice) {

  /** A label and a number. */
  public record Count(String label, int count) {}

  /** One delivery attempt. */
  public record AttemptRow(
      String at, String email, String period, int attempt, String outcome, String detail) {}

  /** One .eml file. */
  public record FileRow(
      String name, String href, String at, String to, String subject, long bytes) {}
}
