package org.paperboy.jobs;

import java.time.Duration;
import java.time.Instant;
import org.paperboy.community.Sessions;
import org.paperboy.community.SignIn;
import org.paperboy.digest.Digests;

/**
 * The daily clean-up: expired sessions, sign-in tokens, digest confirmation tokens and rate-limit
 * counts, and digest history past its retention ({@code PAPERBOY_DIGEST_RETENTION}, see {@link
 * Digests#purge}). Each purge is one DELETE or UPDATE by an indexed time column, so running it on
 * two nodes at once would be harmless; the scheduler runs it once anyway.
 */
public final class Housekeeping implements Job {

  private final Sessions sessions;
  private final SignIn signIn;
  private final Digests digests;
  private final Duration digestRetention;

  /** Housekeeping of these services' tables, keeping digest history for {@code digestRetention}. */
  public Housekeeping(Sessions sessions, SignIn signIn, Digests digests, Duration digestRetention) {
    this.sessions = sessions;
    this.signIn = signIn;
    this.digests = digests;
    this.digestRetention = digestRetention;
  }

  @Override
  public Result run(Instant due) {
    int s = sessions.purgeExpired();
    int t = signIn.purgeExpired();
    int c = digests.subscriptions().purgeExpiredConfirmations();
    Digests.Purged d = digests.purge(digestRetention);
    return new Result(
        0,
        s + t + c + d.total(),
        "purged "
            + s
            + " expired sessions, "
            + t
            + " sign-in tokens and rate-limit counts, "
            + c
            + " confirmation tokens; digest history past "
            + digestRetention.toDays()
            + " days: "
            + d.outbox()
            + " outbox rows, "
            + d.attempts()
            + " attempts, "
            + d.papers()
            + " papers sent, "
            + d.runs()
            + " periods");
  }
}
