package org.paperboy.community;

/** What an account may do; each role may do everything the ones before it may. */
public enum Role {
  /** Reads, votes, comments, submits papers, keeps collections. */
  READER,
  /** Also pins, reorders, hides and removes list entries, hides comments, reads reports. */
  CURATOR,
  /** Also manages users: roles and bans. */
  ADMIN;

  /** Whether this role includes {@code other}. */
  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }
}
