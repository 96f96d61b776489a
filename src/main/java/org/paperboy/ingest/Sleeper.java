package org.paperboy.ingest;

import java.time.Duration;

/**
 * Waits. The harvester and the fetcher pause between requests to arXiv through a sleeper, so tests
 * record the pauses instead of spending them.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for the given time. */
  void sleep(Duration duration) throws InterruptedException;

  /** The sleeper that really waits. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
