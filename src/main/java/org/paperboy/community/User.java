package org.paperboy.community;

import java.time.Instant;

/**
 * An account, and where it acts from.
 *
 * @param id the random account id
 * @param email the sign-in address, lower case; never shown to other users
 * @param displayName the name shown beside the account's comments and submissions
 * @param role what the account may do
 * @param banned whether the account is banned: its comments are hidden and its votes do not count
 * @param createdAt when the account was made
 * @param client the client the account acts from in this request (its address, as the web layer
 *     resolves it), which the per-client write limits count; null when read from the database or
 *     acting outside a request (commands, imports)
 */
public record User(
    String id,
    String email,
    String displayName,
    Role role,
    boolean banned,
    Instant createdAt,
    String client) {

  /** Whether the account has at least the given role and is not banned. */
  public boolean may(Role needed) {
    return !banned && role.atLeast(needed);
  }

  /** This account acting from the given client (e.g. the request's remote address). */
  public User from(String client) {
    return new User(id, email, displayName, role, banned, createdAt, client);
  }
}
