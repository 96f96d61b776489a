package org.paperboy.ops;

import java.time.Instant;

/**
 * A background job as health and metrics see it: whether it runs, how its runs ended and when it
 * last succeeded. A scheduler implements it for each job it runs (today the composition root adapts
 * the digest schedule and the search index's sync).
 */
public interface Job {

  /** A short stable name, used as a metric tag ({@code digests}, {@code index-sync}). */
  String name();

  /** Whether the job is scheduled and will run again. */
  boolean running();

  /** Runs that ended well since the process started. */
  long succeeded();

  /** Runs that failed since the process started. */
  long failed();

  /** When a run last ended well, or null if none has yet. */
  Instant lastSuccess();
}
