package org.paperboy.community;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.paperboy.store.Database;

/**
 * The one rule every write an account makes passes first: it is signed in, not banned, within the
 * per-account limit of that kind of write and, when it comes from a client (the web layer names the
 * client's address, see {@link User#from}), within that client's limit of the kind, shared by every
 * account writing from there. The limits are counted by {@link RateLimiter} in the database, so
 * they hold across app nodes and restarts.
 *
 * <p>The limits are an hour's fixed window each, set well above what a person reading and
 * discussing papers does (a busy reader upvotes a few dozen papers a day) and far below what a
 * script does (hundreds of comments or votes a second): they bound how much one account can write,
 * not how a reader uses the site. A client may write as much as {@code accountsPerClient} accounts
 * together ({@code PAPERBOY_ACCOUNTS_PER_CLIENT}, 10 by default): someone who made many accounts
 * gets no more than ten of them would, while a lab or a household behind one address keeps room.
 * The account's limit is counted first, so one account flooding from a shared address uses up only
 * its own share of the address's allowance.
 */
public final class Writes {

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
  private final Map<Kind, RateLimiter.Limit> perClient = new EnumMap<>(Kind.class);

  /**
   * The limits on the given database; a client may write as much as {@code accountsPerClient}
   * accounts together, and without limit when it is 0.
   */
  public Writes(Database database, int accountsPerClient, Clock clock) {
    if (accountsPerClient < 0) {
      throw new IllegalArgumentException("accountsPerClient must be 0 or more");
    }
    this.limiter = new RateLimiter(database, clock);
    if (accountsPerClient > 0) {
      for (Kind kind : Kind.values()) {
        perClient.put(
            kind,
            new RateLimiter.Limit(
                kind.limit.name() + "-client",
                Math.multiplyExact(kind.limit.max(), accountsPerClient),
                kind.limit.window()));
      }
    }
  }

  /**
   * Refuses the write with {@code FORBIDDEN} when there is no actor ({@code signIn} says what to
   * sign in for) or the actor is banned, and with {@code RATE_LIMITED} when the actor, or the
   * client it acts from, went over the kind's limit; otherwise counts it.
   */
  void check(User actor, Kind kind, String signIn) {
    if (actor == null) {
      throw CommunityException.forbidden(signIn);
    }
    if (actor.banned()) {
      throw CommunityException.forbidden("This account is banned and cannot " + kind.doing);
    }
    if (!limiter.tryAcquire(kind.limit, actor.id())) {
      throw refusal(kind.limit, "Too many " + kind.plural + " from this account");
    }
    RateLimiter.Limit client = perClient.get(kind);
    if (client != null && actor.client() != null && !limiter.tryAcquire(client, actor.client())) {
      throw refusal(
          client, "Too many " + kind.plural + " from your network address, all accounts together");
    }
  }

  private CommunityException refusal(RateLimiter.Limit limit, String what) {
    Duration wait = limiter.retryAfter(limit);
    long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
    return CommunityException.rateLimited(
        what
            + ": at most "
            + limit.max()
            + " an hour; try again in "
            + (minutes == 1 ? "a minute" : minutes + " minutes"),
        wait);
  }
}
