package org.paperboy.community;

import java.time.Instant;

/**
 * An account.
 *
 * @param id the random account id
 * @param email the sign-in address, lower case; never shown to other users
 * @param displayName the name shown beside the account's comments and submissions
 * @param role what the account may do
 * @param banned whether the account is banned: its comments are hidden and its votes do not count
 * @param createdAt when the account was made
 */
public record User(
    String id, String email, String displayName, Role role, boolean banned, Instant createdAt) {

  /** Whether the account has at least the given role and is not banned. */
  public boolean may(Role needed) {
    return !banned && role.atLeast(needed);
  }
}
