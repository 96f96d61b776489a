package org.paperboy.community;

import java.time.Clock;
import java.time.Duration;
import org.paperboy.store.Database;

/**
 * The one rule every write an account makes passes first: it is signed in, not banned, and within
 * the per-account limit of that kind of write. The limits are counted by {@link RateLimiter} in the
 * database, so they hold across app nodes and restarts.
 *
 * <p>The limits are an hour's fixed window each, set well above what a person reading and
 * discussing papers does (a busy reader upvotes a few dozen papers a day) and far below what a
 * script does (hundreds of comments or votes a second): they bound how much one account can write,
 * not how a reader uses the site.
 */
final class Writes {

  /** A kind of write, with its limit and the words of its refusals. */
  enum Kind {
    COMMENT(30, "comment", "comments"),
    REPORT(30, "report comments", "reports"),
    VOTE(300, "vote", "votes"),
    NOT_FOR_ME(300, "mark papers", "\"not for me\" marks"),
    NEW_COLLECTION(30, "make collections", "new collections"),
    COLLECTION(600, "change collections", "changes to collections"),
    SUBMISSION(20, "submit papers", "submissions"),
    ACCOUNT(20, "change its name", "changes to the account");

    final RateLimiter.Limit limit;
    final String doing;
    final String plural;

    Kind(int perHour, String doing, String plural) {
      this.limit =
          new RateLimiter.Limit(
              "write-" + name().toLowerCase(java.util.Locale.ROOT), perHour, Duration.ofHours(1));
      this.doing = doing;
      this.plural = plural;
    }
  }

  private final RateLimiter limiter;

  Writes(Database database, Clock clock) {
    this.limiter = new RateLimiter(database, clock);
  }

  /**
   * Refuses the write with {@code FORBIDDEN} when there is no actor ({@code signIn} says what to
   * sign in for) or the actor is banned, and with {@code RATE_LIMITED} when the actor went over the
   * kind's limit; otherwise counts it.
   */
  void check(User actor, Kind kind, String signIn) {
    if (actor == null) {
      throw CommunityException.forbidden(signIn);
    }
    if (actor.banned()) {
      throw CommunityException.forbidden("This account is banned and cannot " + kind.doing);
    }
    if (!limiter.tryAcquire(kind.limit, actor.id())) {
      throw new CommunityException(
          CommunityException.Reason.RATE_LIMITED,
          "Too many "
              + kind.plural
              + " from this account: at most "
              + kind.limit.max()
              + " an hour; try again later");
    }
  }
}
