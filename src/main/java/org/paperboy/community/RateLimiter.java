package org.paperboy.community;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.store.Database;

/**
 * Fixed-window rate limits kept in the database: each hit adds one to the counter of its key's
 * current window ({@code floor(now / window)}) in a single upsert, and is refused once the count
 * passes the limit.
 *
 * <p>Why in the database and not in memory: Paperboy may run as several app nodes behind a load
 * balancer, and a limit kept per process would multiply by the number of nodes and reset with every
 * restart, which is exactly what someone flooding an inbox would use. One upsert per sign-in mail
 * is negligible next to sending the mail. A fixed window lets up to twice the limit through across
 * a window boundary; for "no more than a handful of mails an hour" that is acceptable, and it keeps
 * the state to one row per key and window.
 */
public final class RateLimiter {

  /**
   * One limit.
   *
   * @param name a short name that separates this limit's keys from others'
   * @param max how many hits a window allows
   * @param window the window length
   */
  public record Limit(String name, int max, Duration window) {}

  private final Jdbi jdbi;
  private final Clock clock;

  public RateLimiter(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Counts a hit for the key and returns whether it is within the limit. */
  public boolean tryAcquire(Limit limit, String key) {
    long windowMs = limit.window().toMillis();
    long start = Math.floorDiv(clock.millis(), windowMs) * windowMs;
    // The key is hashed: the table then holds no addresses or client addresses in clear.
    String bucket = limit.name() + ":" + Secrets.hash(key);
    int hits =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO rate_counts (bucket, window_start, hits) VALUES (:b, :w, 1)"
                            + " ON CONFLICT (bucket, window_start) DO UPDATE SET hits ="
                            + " rate_counts.hits + 1 RETURNING hits")
                    .bind("b", bucket)
                    .bind("w", start)
                    .mapTo(Integer.class)
                    .one());
    return hits <= limit.max();
  }

  /** How long until the limit's current window ends, when a refused key may try again. */
  public Duration retryAfter(Limit limit) {
    long windowMs = limit.window().toMillis();
    return Duration.ofMillis(windowMs - Math.floorMod(clock.millis(), windowMs));
  }

  /** Deletes windows that ended before {@code olderThan} ago. */
  public int purge(Duration olderThan) {
    long cutoff = clock.millis() - olderThan.toMillis();
    return jdbi.withHandle(
        h ->
            h.createUpdate("DELETE FROM rate_counts WHERE window_start < :c")
                .bind("c", cutoff)
                .execute());
  }
}
