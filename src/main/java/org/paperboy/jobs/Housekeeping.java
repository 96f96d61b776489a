package org.paperboy.jobs;

import java.time.Instant;
import org.paperboy.community.Sessions;
import org.paperboy.community.SignIn;
import org.paperboy.digest.Subscriptions;

/**
 * The daily clean-up: expired sessions, sign-in tokens, digest confirmation tokens and rate-limit
 * counts. Each purge is one DELETE or UPDATE by an indexed time column, so running it on two nodes
 * at once would be harmless; the scheduler runs it once anyway.
 */
public final class Housekeeping implements Job {

  private final Sessions sessions;
  private final SignIn signIn;
  private final Subscriptions subscriptions;

  /** Housekeeping of these services' tables. */
  public Housekeeping(Sessions sessions, SignIn signIn, Subscriptions subscriptions) {
    this.sessions = sessions;
    this.signIn = signIn;
    this.subscriptions = subscriptions;
  }

  @Override
  public Result run(Instant due) {
    int s = sessions.purgeExpired();
    int t = signIn.purgeExpired();
    int c = subscriptions.purgeExpiredConfirmations();
    return new Result(
        0,
        s + t + c,
        "purged "
            + s
            + " expired sessions, "
            + t
            + " sign-in tokens and rate-limit counts, "
            + c
            + " confirmation tokens");
  }
}
