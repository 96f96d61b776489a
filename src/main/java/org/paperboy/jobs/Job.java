package org.paperboy.jobs;

import java.time.Instant;

/** Work the scheduler runs: the Hugging Face follower, the arXiv harvest, housekeeping. */
@FunctionalInterface
public interface Job {

  /**
   * Does one run and says what it did; an exception fails the run (the scheduler records it and
   * retries later).
   *
   * @param due the run's due time (its slot)
   */
  Result run(Instant due) throws Exception;

  /**
   * What a run did.
   *
   * @param added records new to the catalog (or rows purged, for housekeeping)
   * @param updated records that changed
   * @param detail one line for the Sources page and {@code paperboy jobs}
   */
  record Result(long added, long updated, String detail) {}
}
